package storage

import (
	"maps"
	"testing"
	"time"

	"vigia/app"
)

func TestKeptOpenAlertCountsFollowAnotherProcessTheDueDateAndTheDay(t *testing.T) {
	eachBackend(t, func(t *testing.T, db testDB) {
		// given a store that has answered the counts once
		ctx := t.Context()
		s := db.Open(t)
		c, err := s.CreateCompany(ctx, app.Company{Name: "Uno", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.CreateAlert(ctx, app.Alert{CompanyID: c.ID, Title: "A", Priority: app.PriorityLow,
			DueOn: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Open: true})
		if err != nil {
			t.Fatal(err)
		}
		day := app.DefaultEscalation.On(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		checkOpenCounts(t, s, day, "created")
		got, _ := s.OpenAlertCounts(ctx, day)
		got[c.ID][app.PriorityLow] = 99 // the caller's copy, not the kept one
		checkOpenCounts(t, s, day, "caller changed its copy")
		before, err := s.alertsVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}

		// when another process retitles the alert (no count moves), then
		// brings its due date close (it escalates)
		other := db.Open(t)
		if err := other.ExecSQL(ctx, `UPDATE alertas SET titulo = 'B' WHERE id = ?`, a.ID); err != nil {
			t.Fatal(err)
		}
		retitled, err := s.alertsVersion(ctx)
		if err != nil || retitled != before {
			t.Errorf("version after a new title = %d, %v; want %d (counts still valid)", retitled, err, before)
		}
		if err := other.ExecSQL(ctx, `UPDATE alertas SET vence_el = '2026-01-02' WHERE id = ?`, a.ID); err != nil {
			t.Fatal(err)
		}

		// then the counts follow, and follow the day and the thresholds too
		if after, err := s.alertsVersion(ctx); err != nil || after <= before {
			t.Errorf("version after a due date change = %d, %v; want > %d", after, err, before)
		}
		checkOpenCounts(t, s, day, "due date changed by another process")
		got, err = s.OpenAlertCounts(ctx, day)
		if want := map[int64]map[app.Priority]int{c.ID: {app.PriorityCritical: 1}}; err != nil || !maps.EqualFunc(got, want, maps.Equal) {
			t.Errorf("counts = %v, %v; want %v", got, err, want)
		}
		checkOpenCounts(t, s, app.DefaultEscalation.On(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)), "an earlier day")
		checkOpenCounts(t, s, app.Escalation{CriticalDays: 0, HighDays: 0, MediumDays: 0}.On(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), "other thresholds")
	})
}
