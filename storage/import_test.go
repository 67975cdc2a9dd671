package storage_test

import (
	"errors"
	"testing"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

func TestImportCreatesNewCompaniesOnceAndSavesEveryAlert(t *testing.T) {
	// given a known company without NIT and an alert to update
	s := storagetest.Open(t, storage.Open)
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
}

func TestAFailingImportSavesNothing(t *testing.T) {
	// given an import whose last item updates an alert that is gone
	s := storagetest.Open(t, storage.Open)
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
}
