package storage_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

// TestEffectivePrioritySQLMatchesTheGoRule pins the SQL escalation (lists,
// filters, counts, digests) to app.EscalationDay.Effective over every
// priority, open and resolved, no due date, overdue, due today and due on
// and just past each threshold, for several sets of thresholds, including
// equal ones and an out-of-order set that settings edited by hand can give.
func TestEffectivePrioritySQLMatchesTheGoRule(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		ctx := t.Context()
		company, err := s.CreateCompany(ctx, app.Company{Name: "Acme", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		today := time.Date(2025, 12, 8, 0, 0, 0, 0, time.UTC)
		offsets := []int{-400, -30, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 364, 365, 366}
		var alerts []app.Alert
		for _, p := range app.Priorities {
			for _, open := range []bool{true, false} {
				dues := []time.Time{{}}
				for _, n := range offsets {
					dues = append(dues, today.AddDate(0, 0, n))
				}
				for _, due := range dues {
					a := app.Alert{CompanyID: company.ID, Title: fmt.Sprintf("%s %v %s", p, open, due.Format(app.DateLayout)),
						Priority: p, DueOn: due, Open: open}
					a, err := s.CreateAlert(ctx, a)
					if err != nil {
						t.Fatal(err)
					}
					alerts = append(alerts, a)
				}
			}
		}

		for _, e := range []app.Escalation{
			app.DefaultEscalation,
			{CriticalDays: 0, HighDays: 0, MediumDays: 0},
			{CriticalDays: 0, HighDays: 2, MediumDays: 5},
			{CriticalDays: 3, HighDays: 3, MediumDays: 9},
			{CriticalDays: 5, HighDays: 2, MediumDays: 9},
			{CriticalDays: 365, HighDays: 365, MediumDays: 365},
		} {
			t.Run(fmt.Sprintf("%d-%d-%d", e.CriticalDays, e.HighDays, e.MediumDays), func(t *testing.T) {
				day := e.On(today)
				want := map[int64]app.Priority{}
				wantCounts := map[int64]map[app.Priority]int{}
				for _, a := range alerts {
					want[a.ID] = day.Effective(a)
					if a.Open {
						if wantCounts[a.CompanyID] == nil {
							wantCounts[a.CompanyID] = map[app.Priority]int{}
						}
						wantCounts[a.CompanyID][want[a.ID]]++
					}
				}
				checkEveryAlert(t, s, day, want)
				for _, p := range app.Priorities {
					for _, q := range []app.AlertQuery{{Priority: p}, {Priority: p, OpenOnly: true}, {Priority: p, ResolvedOnly: true},
						{Priority: p, DueBy: today.AddDate(0, 0, 3)}, {Priority: p, CompanyID: company.ID}} {
						checkFilter(t, s, day, q, alerts, want)
					}
					checkDigest(t, s, day, p, alerts, want)
				}
				counts, err := s.OpenAlertCounts(ctx, day)
				if err != nil || !maps.EqualFunc(counts, wantCounts, maps.Equal) {
					t.Errorf("counts %v, %v; want %v", counts, err, wantCounts)
				}
			})
		}
	})
}

func checkEveryAlert(t *testing.T, s *storage.Store, day app.EscalationDay, want map[int64]app.Priority) {
	t.Helper()
	page, err := s.AlertPage(t.Context(), app.AlertQuery{Limit: 1000}, day)
	if err != nil || page.Total != len(want) || len(page.Alerts) != len(want) {
		t.Fatalf("page of everything: %d of %d, %v; want %d", len(page.Alerts), page.Total, err, len(want))
	}
	for _, a := range page.Alerts {
		if a.EffectivePriority != want[a.ID] {
			t.Errorf("%s: SQL says %s, Go %s", a.Title, a.EffectivePriority, want[a.ID])
		}
	}
}

func checkFilter(t *testing.T, s *storage.Store, day app.EscalationDay, q app.AlertQuery, alerts []app.Alert, want map[int64]app.Priority) {
	t.Helper()
	var ids []int64
	for _, a := range alerts {
		switch {
		case want[a.ID] != q.Priority, q.OpenOnly && !a.Open, q.ResolvedOnly && a.Open,
			!q.DueBy.IsZero() && (a.DueOn.IsZero() || a.DueOn.After(q.DueBy)):
			continue
		}
		ids = append(ids, a.ID)
	}
	q.Limit = 1000
	page, err := s.AlertPage(t.Context(), q, day)
	var got []int64
	for _, a := range page.Alerts {
		got = append(got, a.ID)
	}
	if err != nil || page.Total != len(ids) || !slices.Equal(got, ids) {
		t.Errorf("%+v: %v (total %d), %v; want %v", q, got, page.Total, err, ids)
	}
}

func checkDigest(t *testing.T, s *storage.Store, day app.EscalationDay, p app.Priority, alerts []app.Alert, want map[int64]app.Priority) {
	t.Helper()
	var ids []int64
	for _, a := range alerts {
		if a.Open && want[a.ID] == p {
			ids = append(ids, a.ID)
		}
	}
	groups, err := s.OpenAlerts(t.Context(), []app.Priority{p}, day)
	var got []int64
	for _, g := range groups {
		for _, a := range g.Alerts {
			got = append(got, a.ID)
		}
	}
	slices.Sort(got)
	if err != nil || !slices.Equal(got, ids) {
		t.Errorf("digest of %s: %v, %v; want %v", p, got, err, ids)
	}
}
