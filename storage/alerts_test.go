package storage_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

func date(s string) time.Time {
	d, err := time.Parse(app.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func mustCompany(t *testing.T, s *storage.Store, name string) app.Company {
	t.Helper()
	c, err := s.CreateCompany(t.Context(), app.Company{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustAlert(t *testing.T, s *storage.Store, a app.Alert) app.Alert {
	t.Helper()
	a, err := s.CreateAlert(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func openAlert(companyID int64, title string, p app.Priority, due string) app.Alert {
	a := app.Alert{CompanyID: companyID, Title: title, Priority: p, Open: true, CreatedAt: at(1, 9, 0), UpdatedAt: at(1, 9, 0)}
	if due != "" {
		a.DueOn = date(due)
	}
	return a
}

func TestCreatedAlertReadsBack(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		c := mustCompany(t, s, "Acme")
		in := openAlert(c.ID, "Declaración de IVA", app.PriorityCritical, "2025-03-14")
		in.Detail = "Bimestre enero-febrero"

		created, err := s.CreateAlert(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Alert(t.Context(), created.ID)

		if err != nil || created.ID == 0 || !reflect.DeepEqual(got, created) {
			t.Fatalf("read back %+v, %v; want %+v", got, err, created)
		}
		if got.DueOn.Format(app.DateLayout) != "2025-03-14" || !got.ResolvedAt.IsZero() {
			t.Fatalf("dates: due %v, resolved %v", got.DueOn, got.ResolvedAt)
		}
	})
}

func TestAlertForMissingCompanyIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)

		_, err := s.CreateAlert(t.Context(), openAlert(404, "Sin empresa", app.PriorityLow, ""))

		if !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("err = %v, want app.ErrNotFound", err)
		}
		if list, _ := s.Alerts(t.Context(), app.AlertFilter{}); len(list) != 0 {
			t.Fatalf("alert stored anyway: %+v", list)
		}
	})
}

func TestResolvingAnAlertKeepsItsCreationTimeAndStoresItsNote(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		c := mustCompany(t, s, "Acme")
		created := mustAlert(t, s, openAlert(c.ID, "Renovar matrícula", app.PriorityHigh, "2025-03-31"))

		// when
		resolved := created
		resolved.Open = false
		resolved.ResolvedAt = at(4, 10, 0)
		resolved.UpdatedAt = at(4, 10, 0)
		resolved.ResolutionNote = "Renovada en la Cámara de Comercio"
		resolved.CreatedAt = time.Time{}
		updated, err := s.UpdateAlert(t.Context(), resolved)
		if err != nil {
			t.Fatal(err)
		}

		// then
		got, err := s.Alert(t.Context(), created.ID)
		if err != nil || !reflect.DeepEqual(got, updated) {
			t.Fatalf("read back %+v, %v; want %+v", got, err, updated)
		}
		if got.Open || !got.ResolvedAt.Equal(at(4, 10, 0)) || !got.CreatedAt.Equal(created.CreatedAt) ||
			got.ResolutionNote != "Renovada en la Cámara de Comercio" {
			t.Fatalf("resolved alert: %+v", got)
		}
	})
}

func TestMissingAlertIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		c := mustCompany(t, s, "Acme")
		ghost := openAlert(c.ID, "fantasma", app.PriorityLow, "")
		ghost.ID = 77

		_, getErr := s.Alert(t.Context(), 77)
		_, updateErr := s.UpdateAlert(t.Context(), ghost)
		deleteErr := s.DeleteAlert(t.Context(), 77)

		for name, err := range map[string]error{"get": getErr, "update": updateErr, "delete": deleteErr} {
			if !errors.Is(err, app.ErrNotFound) {
				t.Errorf("%s: err = %v, want app.ErrNotFound", name, err)
			}
		}
	})
}

func TestMovingAlertToMissingCompanyIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		c := mustCompany(t, s, "Acme")
		a := mustAlert(t, s, openAlert(c.ID, "IVA", app.PriorityLow, ""))

		a.CompanyID = 404
		_, err := s.UpdateAlert(t.Context(), a)

		if !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("err = %v, want app.ErrNotFound", err)
		}
	})
}

func TestDeletedAlertIsGone(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		c := mustCompany(t, s, "Acme")
		a := mustAlert(t, s, openAlert(c.ID, "IVA", app.PriorityLow, ""))

		if err := s.DeleteAlert(t.Context(), a.ID); err != nil {
			t.Fatal(err)
		}

		if _, err := s.Alert(t.Context(), a.ID); !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("err = %v, want app.ErrNotFound", err)
		}
	})
}

func TestAlertsFilter(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		acme, beta := mustCompany(t, s, "Acme"), mustCompany(t, s, "Beta")
		a1 := mustAlert(t, s, openAlert(acme.ID, "a1", app.PriorityHigh, ""))
		a2 := mustAlert(t, s, openAlert(beta.ID, "a2", app.PriorityHigh, ""))
		closed := openAlert(acme.ID, "a3", app.PriorityLow, "")
		closed.Open = false
		a3 := mustAlert(t, s, closed)

		tests := []struct {
			filter app.AlertFilter
			want   []int64
		}{
			{app.AlertFilter{}, []int64{a1.ID, a2.ID, a3.ID}},
			{app.AlertFilter{CompanyID: acme.ID}, []int64{a1.ID, a3.ID}},
			{app.AlertFilter{Priority: app.PriorityHigh}, []int64{a1.ID, a2.ID}},
			{app.AlertFilter{OpenOnly: true, CompanyID: acme.ID}, []int64{a1.ID}},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%+v", tt.filter), func(t *testing.T) {
				// when
				list, err := s.Alerts(t.Context(), tt.filter)

				// then
				var got []int64
				for _, a := range list {
					got = append(got, a.ID)
				}
				if err != nil || !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("ids %v, %v; want %v", got, err, tt.want)
				}
			})
		}
	})
}

func TestOpenAlertsGroupsCompaniesMostUrgentFirst(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		active := func(name string) app.Company {
			t.Helper()
			c, err := s.CreateCompany(t.Context(), app.Company{Name: name, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		beta, alfa, zeta, idle := active("Beta"), active("alfa"), active("Zeta"), active("Sin alertas")
		inactive := mustCompany(t, s, "Inactiva")
		mustAlert(t, s, openAlert(inactive.ID, "inactiva crítica (fuera)", app.PriorityCritical, ""))

		betaHigh := mustAlert(t, s, openAlert(beta.ID, "beta alta", app.PriorityHigh, ""))
		closedCritical := openAlert(beta.ID, "beta crítica resuelta", app.PriorityCritical, "")
		closedCritical.Open = false
		mustAlert(t, s, closedCritical)
		alfaMedium := mustAlert(t, s, openAlert(alfa.ID, "alfa media", app.PriorityMedium, "2025-01-01"))
		alfaHighNoDue := mustAlert(t, s, openAlert(alfa.ID, "alfa alta sin fecha", app.PriorityHigh, ""))
		alfaHighLate := mustAlert(t, s, openAlert(alfa.ID, "alfa alta marzo", app.PriorityHigh, "2025-03-01"))
		alfaHighSoon := mustAlert(t, s, openAlert(alfa.ID, "alfa alta febrero", app.PriorityHigh, "2025-02-01"))
		alfaHighSoon2 := mustAlert(t, s, openAlert(alfa.ID, "alfa alta febrero bis", app.PriorityHigh, "2025-02-01"))
		zetaCritical := mustAlert(t, s, openAlert(zeta.ID, "zeta crítica", app.PriorityCritical, "2025-12-31"))
		mustAlert(t, s, openAlert(zeta.ID, "zeta baja (no pedida)", app.PriorityLow, ""))
		mustAlert(t, s, openAlert(idle.ID, "solo baja", app.PriorityLow, ""))

		// when
		got, err := s.OpenAlerts(t.Context(), []app.Priority{app.PriorityMedium, app.PriorityCritical, app.PriorityHigh}, app.EscalationDay{})
		if err != nil {
			t.Fatal(err)
		}

		// then
		want := []struct {
			company string
			alerts  []int64
		}{
			{"Zeta", []int64{zetaCritical.ID}},
			{"alfa", []int64{alfaHighSoon.ID, alfaHighSoon2.ID, alfaHighLate.ID, alfaHighNoDue.ID, alfaMedium.ID}},
			{"Beta", []int64{betaHigh.ID}},
		}
		if len(got) != len(want) {
			t.Fatalf("%d companies, want %d: %+v", len(got), len(want), got)
		}
		for i, w := range want {
			var ids []int64
			for _, a := range got[i].Alerts {
				ids = append(ids, a.ID)
			}
			if got[i].Company.Name != w.company || !reflect.DeepEqual(ids, w.alerts) {
				t.Errorf("group %d: %s %v, want %s %v", i, got[i].Company.Name, ids, w.company, w.alerts)
			}
		}
		alfaHighSoon.EffectivePriority = app.PriorityHigh // no steps: its own
		if !reflect.DeepEqual(got[1].Alerts[0], alfaHighSoon) {
			t.Errorf("alert fields: got %+v, want %+v", got[1].Alerts[0], alfaHighSoon)
		}
		if got[0].Company.ID != zeta.ID || !reflect.DeepEqual(got[0].Company, zeta) {
			t.Errorf("company fields: got %+v, want %+v", got[0].Company, zeta)
		}
	})
}

func TestOpenAlertsForNoPrioritiesIsEmpty(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		c := mustCompany(t, s, "Acme")
		mustAlert(t, s, openAlert(c.ID, "IVA", app.PriorityCritical, ""))

		got, err := s.OpenAlerts(t.Context(), nil, app.EscalationDay{})

		if err != nil || len(got) != 0 {
			t.Fatalf("got %+v, %v; want nothing", got, err)
		}
	})
}
