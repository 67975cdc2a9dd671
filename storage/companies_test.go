package storage_test

import (
	"errors"
	"reflect"
	"testing"

	"vigia/app"
)

func TestCreatedCompanyReadsBack(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)

		created, err := s.CreateCompany(t.Context(), app.Company{Name: "Ferretería El Tornillo", NIT: "900123456-8", CreatedAt: at(1, 9, 0)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Company(t.Context(), created.ID)

		if err != nil || created.ID == 0 || !reflect.DeepEqual(got, created) {
			t.Fatalf("read back %+v, %v; want %+v", got, err, created)
		}
	})
}

func TestCompanyNameIsUniqueIgnoringCaseAndBlanks(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		if _, err := s.CreateCompany(t.Context(), app.Company{Name: "Panadería La Espiga"}); err != nil {
			t.Fatal(err)
		}

		for _, dup := range []string{"Panadería La Espiga", "PANADERÍA LA ESPIGA", " panadería  la espiga "} {
			// when
			_, err := s.CreateCompany(t.Context(), app.Company{Name: dup})

			// then
			if !errors.Is(err, app.ErrConflict) {
				t.Errorf("%q: err = %v, want app.ErrConflict", dup, err)
			}
		}
		if _, err := s.CreateCompany(t.Context(), app.Company{Name: "Panaderia La Espiga"}); err != nil {
			t.Errorf("a different spelling is another company: %v", err)
		}
	})
}

func TestCompaniesAreListedByNameIgnoringCase(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		for _, name := range []string{"zeta", "Beta", "alfa", "Ñandú"} {
			if _, err := s.CreateCompany(t.Context(), app.Company{Name: name}); err != nil {
				t.Fatal(err)
			}
		}

		list, err := s.Companies(t.Context())

		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range list {
			names = append(names, c.Name)
		}
		if want := []string{"alfa", "Beta", "zeta", "Ñandú"}; !reflect.DeepEqual(names, want) {
			t.Fatalf("names = %q, want %q", names, want)
		}
	})
}

func TestMissingCompanyIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)

		_, err := s.Company(t.Context(), 5)

		if !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("err = %v, want app.ErrNotFound", err)
		}
	})
}

func TestUpdatedCompanyReadsBackWithItsCreationTime(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		c, err := s.CreateCompany(t.Context(), app.Company{Name: "Taller Ruedas", Active: true, CreatedAt: at(1, 9, 0)})
		if err != nil {
			t.Fatal(err)
		}

		// when
		upd, err := s.UpdateCompany(t.Context(), app.Company{ID: c.ID, Name: "Taller Ruedas S.A.S.", NIT: "900123456-8",
			Contact: "gerencia@ruedas.com.co", Active: false})

		// then
		got, _ := s.Company(t.Context(), c.ID)
		want := app.Company{ID: c.ID, Name: "Taller Ruedas S.A.S.", NIT: "900123456-8", Contact: "gerencia@ruedas.com.co", CreatedAt: c.CreatedAt}
		if err != nil || !reflect.DeepEqual(upd, want) || !reflect.DeepEqual(got, want) {
			t.Fatalf("updated %+v, %v; read back %+v; want %+v", upd, err, got, want)
		}
	})
}

func TestUpdatingACompanyToATakenNameIsAConflict(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		a, _ := s.CreateCompany(t.Context(), app.Company{Name: "Uno"})
		if _, err := s.CreateCompany(t.Context(), app.Company{Name: "Dos"}); err != nil {
			t.Fatal(err)
		}

		_, err := s.UpdateCompany(t.Context(), app.Company{ID: a.ID, Name: "DOS"})
		_, missing := s.UpdateCompany(t.Context(), app.Company{ID: 999, Name: "Tres"})

		if !errors.Is(err, app.ErrConflict) || !errors.Is(missing, app.ErrNotFound) {
			t.Errorf("taken name: %v; missing company: %v", err, missing)
		}
		if _, err := s.UpdateCompany(t.Context(), app.Company{ID: a.ID, Name: "UNO"}); err != nil {
			t.Errorf("changing the case of its own name: %v", err)
		}
	})
}

func TestDeletingACompanyDeletesItsAlerts(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given two companies with an alert each
		s := db.Open(t)
		gone, _ := s.CreateCompany(t.Context(), app.Company{Name: "Uno"})
		kept, _ := s.CreateCompany(t.Context(), app.Company{Name: "Dos"})
		var alerts []app.Alert
		for _, c := range []app.Company{gone, kept} {
			a, err := s.CreateAlert(t.Context(), app.Alert{CompanyID: c.ID, Title: "IVA", Priority: app.PriorityHigh, Open: true})
			if err != nil {
				t.Fatal(err)
			}
			alerts = append(alerts, a)
		}

		// when
		err := s.DeleteCompany(t.Context(), gone.ID)

		// then
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Alert(t.Context(), alerts[0].ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("the deleted company's alert: %v, want app.ErrNotFound", err)
		}
		if _, err := s.Alert(t.Context(), alerts[1].ID); err != nil {
			t.Errorf("the other company's alert: %v", err)
		}
		if err := s.DeleteCompany(t.Context(), gone.ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("deleting again: %v, want app.ErrNotFound", err)
		}
	})
}
