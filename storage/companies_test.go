package storage_test

import (
	"errors"
	"reflect"
	"testing"

	"vigia/app"
)

func TestCreatedCompanyReadsBack(t *testing.T) {
	s := openStore(t)

	created, err := s.CreateCompany(t.Context(), app.Company{Name: "Ferretería El Tornillo", NIT: "900123456-7", CreatedAt: at(1, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Company(t.Context(), created.ID)

	if err != nil || created.ID == 0 || !reflect.DeepEqual(got, created) {
		t.Fatalf("read back %+v, %v; want %+v", got, err, created)
	}
}

func TestCompanyNameIsUniqueIgnoringCaseAndBlanks(t *testing.T) {
	// given
	s := openStore(t)
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
}

func TestCompaniesAreListedByNameIgnoringCase(t *testing.T) {
	s := openStore(t)
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
}

func TestMissingCompanyIsNotFound(t *testing.T) {
	s := openStore(t)

	_, err := s.Company(t.Context(), 5)

	if !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("err = %v, want app.ErrNotFound", err)
	}
}
