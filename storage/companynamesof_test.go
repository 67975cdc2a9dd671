package storage_test

import (
	"reflect"
	"testing"

	"vigia/app"
)

func TestCompanyNamesOfAndPageAreThoseCompaniesNamesAndCompanyCountCountsThemAll(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given three companies
		s := db.Open(t)
		if n, err := s.CompanyCount(t.Context()); err != nil || n != 0 {
			t.Fatalf("count of none: %d, %v", n, err)
		}
		zeta := mustCompany(t, s, "zeta")
		mustCompany(t, s, "Mora")
		andes, err := s.CreateCompany(t.Context(), app.Company{Name: "Andes", NIT: "900", Contact: "a@ejemplo.com", Active: true})
		if err != nil {
			t.Fatal(err)
		}

		// when two of them, and one that does not exist, are read
		got, err := s.CompanyNamesOf(t.Context(), []int64{zeta.ID, andes.ID, 999})
		if err != nil {
			t.Fatal(err)
		}

		// then those two come, by name, with CompanyNames' fields
		want := []app.Company{{ID: andes.ID, Name: "Andes", NIT: "900", Active: true}, {ID: zeta.ID, Name: "zeta"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
		if n, err := s.CompanyCount(t.Context()); err != nil || n != 3 {
			t.Errorf("count: %d, %v; want 3", n, err)
		}
		if got, err := s.CompanyNamesOf(t.Context(), nil); err != nil || len(got) != 0 {
			t.Errorf("no ids: %+v, %v", got, err)
		}
		for _, c := range []struct {
			page app.Page
			want []string
		}{{app.Page{Limit: 2}, []string{"Andes", "Mora"}}, {app.Page{Limit: 2, Offset: 2}, []string{"zeta"}}, {app.Page{Limit: 1, Offset: 3}, nil}} {
			got, err := s.CompanyNamesPage(t.Context(), c.page)
			var names []string
			for _, g := range got {
				names = append(names, g.Name)
			}
			if err != nil || !reflect.DeepEqual(names, c.want) {
				t.Errorf("page %+v: %v, %v; want %v", c.page, names, err, c.want)
			}
		}
	})
}
