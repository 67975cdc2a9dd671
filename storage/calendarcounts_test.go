package storage

import (
	"context"
	"maps"
	"strconv"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

// checkKeptCounts fails unless alertas_conteo holds exactly what alertas
// counts, by company (and 0, every company), priority and state, and no
// hold of its triggers is left (alertas_en_bloque).
func checkKeptCounts(t *testing.T, s *Store, when string) {
	t.Helper()
	count := func(query string) map[string]int {
		rows, err := s.reads().QueryContext(t.Context(), query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int{}
		for rows.Next() {
			var company, n int
			var priority string
			var open bool
			if err := rows.Scan(&company, &priority, &open, &n); err != nil {
				t.Fatal(err)
			}
			m[strconv.Itoa(company)+"/"+priority+"/"+strconv.FormatBool(open)] = n
		}
		return m
	}
	kept := count(`SELECT empresa_id, prioridad, abierta, n FROM alertas_conteo WHERE n <> 0`)
	want := count(`SELECT empresa_id, prioridad, abierta, count(*) FROM alertas GROUP BY 1, 2, 3
		UNION ALL SELECT 0, prioridad, abierta, count(*) FROM alertas GROUP BY 2, 3`)
	if !maps.Equal(kept, want) {
		t.Errorf("%s: alertas_conteo %v, want %v", when, kept, want)
	}
	var held int
	if err := s.reads().QueryRowContext(t.Context(), `SELECT count(*) FROM alertas_en_bloque`).Scan(&held); err != nil || held != 0 {
		t.Errorf("%s: alertas_en_bloque holds %d rows (%v), want none", when, held, err)
	}
}

// alertsVersionNow is alertas_version's number.
func alertsVersionNow(t *testing.T, s *Store) int64 {
	t.Helper()
	v, err := s.alertsVersion(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestABulkApplyCountsExactlyAndSingleWritesAfterItStillCount(t *testing.T) {
	eachBackend(t, func(t *testing.T, db testDB) {
		// given three companies with manual alerts of every priority, open and resolved
		ctx := t.Context()
		s := db.Open(t)
		day := app.DefaultEscalation.On(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
		var companies []app.Company
		for _, name := range []string{"Uno", "Dos", "Tres"} {
			c, err := s.CreateCompany(ctx, app.Company{Name: name, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			companies = append(companies, c)
		}
		for i := range 12 {
			_, err := s.CreateAlert(ctx, app.Alert{CompanyID: companies[i%3].ID, Title: "Manual", Priority: app.Priorities[i%4],
				DueOn: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC), Open: i%5 != 0})
			if err != nil {
				t.Fatal(err)
			}
		}
		checkKeptCounts(t, s, "manual alerts")

		// when one apply inserts 300 calendar alerts of the three companies in
		// several priorities and both states, one of a gone company and one due
		// date twice (both skipped)
		var create []app.Alert
		for i, c := range companies {
			batch := calendarBatch(c.ID, 100)
			for k := range batch {
				batch[k].Priority = app.Priorities[(k+i)%4]
				batch[k].Open = k%7 != 0
			}
			create = append(create, batch...)
		}
		create = append(create, calendarBatch(companies[0].ID, 1)[0], calendarBatch(99, 1)[0])
		before := alertsVersionNow(t, s)
		out, err := s.ApplyCalendar(ctx, app.CalendarChanges{Create: create})

		// then the counts are those of the rows, by company, priority and state,
		// and the version moved (once is enough: the kept answer is dropped)
		if err != nil || len(out.Create) != 300 {
			t.Fatalf("ApplyCalendar inserted %d, %v; want 300", len(out.Create), err)
		}
		checkKeptCounts(t, s, "bulk apply")
		checkOpenCounts(t, s, day, "bulk apply")
		if after := alertsVersionNow(t, s); after <= before {
			t.Errorf("alerts' version %d -> %d after the bulk apply, want it moved", before, after)
		}

		// and single writes after it still count: a manual alert created, a
		// calendar one resolved, one deleted, one closed by an update, and an
		// apply that inserts nothing new
		if _, err := s.CreateAlert(ctx, app.Alert{CompanyID: companies[1].ID, Title: "Después", Priority: app.PriorityHigh, Open: true}); err != nil {
			t.Fatal(err)
		}
		checkKeptCounts(t, s, "created after")
		resolved := out.Create[1]
		resolved.Open, resolved.ResolvedAt = false, time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)
		if _, err := s.UpdateAlert(ctx, resolved); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteAlert(ctx, out.Create[2].ID); err != nil {
			t.Fatal(err)
		}
		closed := out.Create[150]
		closed.Open = false
		if _, err := s.ApplyCalendar(ctx, app.CalendarChanges{Create: create[:3], Update: []app.Alert{closed},
			ReadAt: []time.Time{out.Create[150].UpdatedAt}}); err != nil {
			t.Fatal(err)
		}
		checkKeptCounts(t, s, "single writes after")
		checkOpenCounts(t, s, day, "single writes after")
		if err := s.DeleteCompany(ctx, companies[2].ID); err != nil {
			t.Fatal(err)
		}
		checkKeptCounts(t, s, "company deleted")
	})
}

// SQLite only: the apply fails on a disk filled through SQLite's
// max_page_count.
func TestAFailedBulkApplyLeavesTheCountTriggersOn(t *testing.T) {
	// given a company and a disk that fills up during a big apply
	ctx := t.Context()
	s := storagetest.Open(t, Open)
	c, err := s.CreateCompany(ctx, app.Company{Name: "Acme", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	onWriter(t, s, "max_page_count = "+strconv.Itoa(pageCount(t, s)+8))
	if _, err := s.ApplyCalendar(ctx, app.CalendarChanges{Create: calendarBatch(c.ID, 2000)}); err == nil {
		t.Fatal("ApplyCalendar on a full disk saved")
	}
	onWriter(t, s, "max_page_count = 1073741823")

	// when alerts are then written one by one, in another transaction
	if _, err := s.CreateAlert(ctx, app.Alert{CompanyID: c.ID, Title: "Manual", Priority: app.PriorityHigh, Open: true}); err != nil {
		t.Fatal(err)
	}
	err = s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO alertas (empresa_id, titulo, prioridad) VALUES (?, 'SQL', 'MEDIA')`, c.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// then their counts were kept by the triggers: the hold went with the failed apply
	checkKeptCounts(t, s, "after the failed apply")
}
