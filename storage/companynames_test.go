package storage_test

import (
	"reflect"
	"testing"

	"vigia/app"
)

func TestCompanyNamesAreCompaniesWithTheirNamesNITAndStateOnly(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given companies with every field, one inactive, named against creation order
		s := db.Open(t)
		for _, c := range []app.Company{
			{Name: "zeta", NIT: "900123456-7", Contact: "z@ejemplo.com", Active: true, Responsibilities: []string{"iva_bimestral"}},
			{Name: "Andes", Contact: "a@ejemplo.com"},
			{Name: "beta", NIT: "800", Active: true, CreatedAt: at(1, 9, 0)},
		} {
			if _, err := s.CreateCompany(t.Context(), c); err != nil {
				t.Fatal(err)
			}
		}

		// when their names are listed
		got, err := s.CompanyNames(t.Context())
		if err != nil {
			t.Fatal(err)
		}

		// then they are Companies' list, in its order, with only those fields
		all, err := s.Companies(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var want []app.Company
		for _, c := range all {
			want = append(want, app.Company{ID: c.ID, Name: c.Name, NIT: c.NIT, Active: c.Active})
		}
		if len(want) != 3 || want[0].Name != "Andes" || !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
	})
}
