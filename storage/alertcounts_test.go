package storage

import (
	"database/sql"
	"maps"
	"path/filepath"
	"testing"
	"time"

	"vigia/app"
)

// wantOpenCounts is the Go rule applied to every open alert: what
// OpenAlertCounts must answer.
func wantOpenCounts(t *testing.T, s *Store, day app.EscalationDay) map[int64]map[app.Priority]int {
	t.Helper()
	open, err := s.Alerts(t.Context(), app.AlertFilter{OpenOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]map[app.Priority]int{}
	for _, a := range open {
		if want[a.CompanyID] == nil {
			want[a.CompanyID] = map[app.Priority]int{}
		}
		want[a.CompanyID][day.Effective(a)]++
	}
	return want
}

// checkOpenCounts checks OpenAlertCounts and the lists' totals (by
// effective priority, state and company), which start from alertas_conteo.
func checkOpenCounts(t *testing.T, s *Store, day app.EscalationDay, when string) {
	t.Helper()
	got, err := s.OpenAlertCounts(t.Context(), day)
	if want := wantOpenCounts(t, s, day); err != nil || !maps.EqualFunc(got, want, maps.Equal) {
		t.Errorf("%s: counts %v, %v; want %v", when, got, err, want)
	}
	all, err := s.Alerts(t.Context(), app.AlertFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, company := range []int64{0, 1} {
		for _, p := range append([]app.Priority{""}, app.Priorities...) {
			for _, q := range []app.AlertQuery{{}, {OpenOnly: true}, {ResolvedOnly: true}} {
				q.CompanyID, q.Priority, q.Limit = company, p, 1
				want := 0
				for _, a := range all {
					if (company == 0 || a.CompanyID == company) && (p == "" || day.Effective(a) == p) &&
						(!q.OpenOnly || a.Open) && (!q.ResolvedOnly || !a.Open) {
						want++
					}
				}
				if page, err := s.AlertPage(t.Context(), q, day); err != nil || page.Total != want {
					t.Errorf("%s: total of %+v = %d, %v; want %d", when, q, page.Total, err, want)
				}
			}
		}
	}
}

func TestOpenAlertCountsFollowEveryKindOfChange(t *testing.T) {
	eachBackend(t, func(t *testing.T, db testDB) {
		// given
		ctx := t.Context()
		s := db.Open(t)
		day := app.DefaultEscalation.On(time.Date(2025, 12, 8, 0, 0, 0, 0, time.UTC))
		var companies []app.Company
		for _, name := range []string{"Uno", "Dos", "Tres"} {
			c, err := s.CreateCompany(ctx, app.Company{Name: name, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			companies = append(companies, c)
		}
		var alerts []app.Alert
		for i := range 24 {
			a, err := s.CreateAlert(ctx, app.Alert{CompanyID: companies[i%3].ID, Title: "A", Priority: app.Priorities[i%4],
				DueOn: time.Date(2025, 12, 1+i%12, 0, 0, 0, 0, time.UTC), Open: i%5 != 0})
			if err != nil {
				t.Fatal(err)
			}
			alerts = append(alerts, a)
		}
		checkOpenCounts(t, s, day, "created")

		// when and then
		a := alerts[1]
		a.Priority, a.Open = app.PriorityLow, false // resolved, and its priority changed
		if _, err := s.UpdateAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		checkOpenCounts(t, s, day, "resolved")
		a.Open = true // reopened
		if _, err := s.UpdateAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		checkOpenCounts(t, s, day, "reopened")
		b := alerts[2]
		b.CompanyID, b.Priority = companies[0].ID, app.PriorityCritical // moved to another company
		if _, err := s.UpdateAlert(ctx, b); err != nil {
			t.Fatal(err)
		}
		checkOpenCounts(t, s, day, "moved")
		if err := s.DeleteAlert(ctx, alerts[3].ID); err != nil {
			t.Fatal(err)
		}
		checkOpenCounts(t, s, day, "alert deleted")
		if err := s.DeleteCompany(ctx, companies[2].ID); err != nil {
			t.Fatal(err)
		}
		checkOpenCounts(t, s, day, "company deleted")
		imported := []app.ImportItem{{Company: app.Company{Name: "Cuatro", Active: true},
			Alert: app.Alert{Title: "Importada", Priority: app.PriorityMedium, DueOn: time.Date(2025, 12, 10, 0, 0, 0, 0, time.UTC), Open: true}}}
		if _, err := s.ImportAlerts(ctx, imported); err != nil {
			t.Fatal(err)
		}
		checkOpenCounts(t, s, day, "imported")
		if err := s.ExecSQL(ctx, `UPDATE alertas SET abierta = 1 - abierta, prioridad = 'ALTA' WHERE id % 3 = 0`); err != nil {
			t.Fatal(err)
		}
		checkOpenCounts(t, s, day, "changed by hand in SQL")
	})
}

// The counts table came with SQLite's migration 0007; PostgreSQL's schema
// starts with it, so this upgrade is SQLite's alone.
func TestOpenAlertCountsOfADatabaseFromBeforeTheCountsTable(t *testing.T) {
	// given a version 6 database holding open and resolved alerts
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "vigia.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	if err := migrate(ctx, raw, migrations[:6]); err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`INSERT INTO empresas (id, nombre, nombre_clave, activa) VALUES (1, 'Uno', 'uno', 1), (2, 'Dos', 'dos', 1)`)
	if err == nil {
		_, err = raw.Exec(`INSERT INTO alertas (empresa_id, titulo, prioridad, vence_el, abierta) VALUES
			(1, 'a', 'BAJA', '2025-12-09', 1), (1, 'b', 'BAJA', NULL, 1), (1, 'c', 'ALTA', NULL, 0),
			(2, 'd', 'MEDIA', '2025-12-30', 1), (2, 'e', 'MEDIA', '2025-12-10', 1)`)
	}
	if err != nil {
		t.Fatal(err)
	}
	raw.Close()

	// when
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	// then
	day := app.DefaultEscalation.On(time.Date(2025, 12, 8, 0, 0, 0, 0, time.UTC))
	want := map[int64]map[app.Priority]int{1: {app.PriorityCritical: 1, app.PriorityLow: 1}, 2: {app.PriorityMedium: 1, app.PriorityHigh: 1}}
	if got, err := s.OpenAlertCounts(ctx, day); err != nil || !maps.EqualFunc(got, want, maps.Equal) {
		t.Errorf("counts %v, %v; want %v", got, err, want)
	}
	checkOpenCounts(t, s, day, "migrated")
}
