package storage_test

import (
	"reflect"
	"testing"

	"vigia/app"
)

func TestCalendarCompaniesCountsAndNamesTheActiveOnesWithoutNITOwingAKeyedObligation(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given companies of every kind the calendar's status tells apart
		s := db.Open(t)
		for _, c := range []app.Company{
			{Name: "zeta sin nit", Active: true, Responsibilities: []string{"ica_bogota_bimestral", "iva_bimestral"}},
			{Name: "Con NIT", NIT: "900123456", Active: true, Responsibilities: []string{"retencion_fuente"}},
			{Name: "Inactiva sin NIT", Active: false, Responsibilities: []string{"retencion_fuente"}},
			{Name: "Solo ICA", Active: true, Responsibilities: []string{"ica_bogota_bimestral"}},
			{Name: "Parecida", Active: true, Responsibilities: []string{"iva_bimestral_x", "xretencion_fuente"}},
			{Name: "Alfa sin nit", Active: true, Responsibilities: []string{"retencion_fuente"}},
			{Name: "Sin obligaciones", Active: true},
		} {
			if _, err := s.CreateCompany(t.Context(), c); err != nil {
				t.Fatal(err)
			}
		}

		// when
		got, err := s.CalendarCompanies(t.Context(), []string{"retencion_fuente", "iva_bimestral"})

		// then every company counts; only exact keyed codes of active companies without NIT are named, by name
		want := app.CalendarCompanies{Total: 7, Owed: true, WithoutNIT: []string{"Alfa sin nit", "zeta sin nit"}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, %v; want %+v", got, err, want)
		}
		if got, err := s.CalendarCompanies(t.Context(), nil); err != nil || got.WithoutNIT != nil || !got.Owed {
			t.Errorf("no keyed obligations: %+v, %v", got, err)
		}
	})
}

func TestCalendarCompaniesOwesNothingWhenOnlyInactiveCompaniesHaveObligations(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		if got, err := s.CalendarCompanies(t.Context(), []string{"retencion_fuente"}); err != nil ||
			!reflect.DeepEqual(got, app.CalendarCompanies{}) {
			t.Fatalf("empty: %+v, %v", got, err)
		}
		for _, c := range []app.Company{
			{Name: "Inactiva", Responsibilities: []string{"retencion_fuente"}},
			{Name: "Activa sin obligaciones", Active: true},
		} {
			if _, err := s.CreateCompany(t.Context(), c); err != nil {
				t.Fatal(err)
			}
		}

		got, err := s.CalendarCompanies(t.Context(), []string{"retencion_fuente"})

		if want := (app.CalendarCompanies{Total: 2}); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, %v; want %+v", got, err, want)
		}
	})
}
