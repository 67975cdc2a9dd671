package storage_test

import (
	"errors"
	"slices"
	"testing"

	"vigia/app"
)

func TestImportCreatesNewCompaniesOnceAndSavesEveryAlert(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a known company without NIT and an alert to update
		s := db.Open(t)
		known := mustCompany(t, s, "Acme")
		existing := mustAlert(t, s, openAlert(known.ID, "IVA", app.PriorityLow, "2025-03-14"))
		update := existing
		update.Detail, update.Priority = "nuevo detalle", app.PriorityHigh
		known.NIT = "900123456-8"
		fresh := app.Company{Name: "Nueva S.A.S.", Active: true, CreatedAt: at(2, 9, 0)}

		// when
		items, err := s.ImportAlerts(t.Context(), []app.ImportItem{
			{Line: 2, Company: known, Alert: update},
			{Line: 3, Company: fresh, Alert: openAlert(0, "Renta", app.PriorityHigh, "")},
			{Line: 4, Company: fresh, Alert: openAlert(0, "Nómina", app.PriorityLow, "")},
		})

		// then
		if err != nil {
			t.Fatal(err)
		}
		if items[1].Company.ID == 0 || items[1].Company.ID != items[2].Company.ID || items[1].Alert.CompanyID != items[1].Company.ID {
			t.Errorf("the new company was not shared: %+v / %+v", items[1], items[2])
		}
		if cs, _ := s.Companies(t.Context()); len(cs) != 2 || cs[0].NIT != "900123456-8" {
			t.Errorf("companies %+v", cs)
		}
		if got, _ := s.Alert(t.Context(), existing.ID); got.Detail != "nuevo detalle" || got.Priority != app.PriorityHigh {
			t.Errorf("updated alert %+v", got)
		}
		if as, _ := s.Alerts(t.Context(), app.AlertFilter{CompanyID: items[1].Company.ID}); len(as) != 2 {
			t.Errorf("new company's alerts %+v", as)
		}
	})
}

func TestAFailingImportSavesNothing(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given an import whose last item updates an alert that is gone
		s := db.Open(t)
		fresh := app.Company{Name: "Nueva S.A.S.", Active: true}
		gone := openAlert(0, "Borrada", app.PriorityLow, "")
		gone.ID = 999

		// when
		_, err := s.ImportAlerts(t.Context(), []app.ImportItem{
			{Line: 2, Company: fresh, Alert: openAlert(0, "Renta", app.PriorityHigh, "")},
			{Line: 3, Company: fresh, Alert: gone},
		})

		// then
		if !errors.Is(err, app.ErrNotFound) {
			t.Errorf("err = %v, want app.ErrNotFound", err)
		}
		if cs, _ := s.Companies(t.Context()); len(cs) != 0 {
			t.Errorf("companies were saved: %+v", cs)
		}
		if as, _ := s.Alerts(t.Context(), app.AlertFilter{}); len(as) != 0 {
			t.Errorf("alerts were saved: %+v", as)
		}
	})
}

func TestImportSetsResponsibilitiesOnlyOnRowsThatSetThem(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given three known companies with obligations, and a new one
		s := db.Open(t)
		replaced := newCompany(t, s, "Uno", "retencion_fuente")
		cleared := newCompany(t, s, "Dos", "retencion_fuente", "iva_bimestral")
		kept := newCompany(t, s, "Tres", "ica_bogota_bimestral")
		fresh := app.Company{Name: "Nueva S.A.S.", Active: true, Responsibilities: []string{"retencion_fuente", "iva_cuatrimestral"}}
		replaced.Responsibilities = []string{"iva_bimestral", "renta_personas_juridicas"}
		cleared.Responsibilities = nil
		kept.Responsibilities = []string{"renta_personas_naturales"} // ignored: the row does not set them

		// when rows of them, some without an alert, are imported
		items, err := s.ImportAlerts(t.Context(), []app.ImportItem{
			{Line: 2, Company: replaced, Action: app.ImportCompanyOnly, SetResponsibilities: true},
			{Line: 3, Company: cleared, Action: app.ImportCompanyOnly, SetResponsibilities: true},
			{Line: 4, Company: kept, Action: app.ImportCreate, Alert: openAlert(0, "Nómina", app.PriorityLow, "")},
			{Line: 5, Company: fresh, Action: app.ImportCompanyOnly, NewCompany: true, SetResponsibilities: true},
			{Line: 6, Company: fresh, Action: app.ImportCreate, NewCompany: true, SetResponsibilities: true,
				Alert: openAlert(0, "Renta", app.PriorityHigh, "")},
		})
		if err != nil {
			t.Fatal(err)
		}

		// then the rows that set them replace (or clear) them, the others keep them
		want := map[int64][]string{replaced.ID: replaced.Responsibilities, cleared.ID: nil,
			kept.ID: {"ica_bogota_bimestral"}, items[3].Company.ID: fresh.Responsibilities}
		for id, codes := range want {
			if c, err := s.Company(t.Context(), id); err != nil || !slices.Equal(c.Responsibilities, codes) {
				t.Errorf("company %d: %q, %v; want %q", id, c.Responsibilities, err, codes)
			}
		}
		// and the rows of a company alone write no alert
		all, err := s.Alerts(t.Context(), app.AlertFilter{})
		if err != nil || len(all) != 2 || all[0].Title != "Nómina" || all[1].Title != "Renta" {
			t.Fatalf("alerts saved: %+v, %v; want Nómina and Renta", all, err)
		}
		if items[0].Alert.ID != 0 || items[3].Alert.ID != 0 || items[3].Company.ID == 0 || items[4].Company.ID != items[3].Company.ID {
			t.Errorf("items returned: %+v", items)
		}
	})
}

func TestImportKeepsACalendarAlertsFields(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a calendar alert
		s := db.Open(t)
		c := newCompany(t, s, "Acme", "retencion_fuente")
		saved, err := s.CreateAlert(t.Context(), calendarAlert(c.ID, "retencion_fuente", "2026-03", 0, due(4, 14)))
		if err != nil {
			t.Fatal(err)
		}

		// when an import updates its detail
		update := saved
		update.Detail = "Revisado con el cliente"
		if _, err := s.ImportAlerts(t.Context(), []app.ImportItem{{Line: 2, Company: c, Action: app.ImportUpdate, Alert: update}}); err != nil {
			t.Fatal(err)
		}

		// then it is still the calendar's, with its due date's fields
		got, err := s.Alert(t.Context(), saved.ID)
		if err != nil || got.Detail != update.Detail || got.Calendar == nil || *got.Calendar != *saved.Calendar {
			t.Fatalf("after the import: %+v (%+v), %v; want the calendar's %+v", got, got.Calendar, err, saved.Calendar)
		}
	})
}
