package app_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"vigia/app"
)

// badLines are the lines a refused import names, or fails the test.
func badLines(t *testing.T, err error) []string {
	t.Helper()
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	return keysOf(ve.Problems)
}

func TestImportGivesEveryRowOfANewCompanyTheNITALaterRowGives(t *testing.T) {
	// given a new company whose NIT only its second row gives, in other case and spacing
	w := newWorld(t, withoutTimers())
	file := "empresa;nit;titulo;prioridad\n" +
		"Nueva  S.A.S.;;IVA;ALTA\n" +
		"NUEVA S.A.S.;900.123.456-8;Renta;BAJA\n" +
		"nueva s.a.s.;;ICA;MEDIA\n"

	res, err := importFile(t, w, []byte(file), false)

	if err != nil || res.CompaniesCreated != 1 || len(res.Items) != 3 {
		t.Fatalf("%+v, %v", res, err)
	}
	for _, it := range res.Items {
		if it.Company.NIT != "900123456-8" || it.Company.Name != "Nueva S.A.S." || !it.NewCompany {
			t.Errorf("line %d: company %+v, want the first row's name with the NIT of line 3", it.Line, it.Company)
		}
	}
	cs, _ := w.svc.Companies(context.Background())
	if len(cs) != 1 || cs[0].NIT != "900123456-8" {
		t.Errorf("saved companies %+v", cs)
	}
}

func TestImportRefusesALineWhoseNITContradictsItsCompany(t *testing.T) {
	// given a saved company with a NIT and a new one whose NIT a first row sets
	w := newWorld(t, withoutTimers())
	c := w.company(t, "Uno")
	if _, err := w.svc.UpdateCompany(context.Background(), c.ID, app.CompanyDraft{NIT: ptr("900123456-8")}); err != nil {
		t.Fatal(err)
	}
	file := "empresa;nit;titulo;prioridad\n" +
		"uno;800197268-4;IVA;ALTA\n" +
		"Dos;800197268-4;IVA;ALTA\n" +
		"DOS;900123456-8;Renta;ALTA\n" +
		"Uno;900123456-8;Renta;ALTA\n"

	_, err := importFile(t, w, []byte(file), true)

	if got := badLines(t, err); !reflect.DeepEqual(got, []string{"linea 2", "linea 4"}) {
		t.Errorf("bad lines %v, want the saved company's and the file's contradictions", got)
	}
}

func TestImportChecksTheLengthOfEveryText(t *testing.T) {
	w := newWorld(t, withoutTimers())
	long := func(n int) string { return strings.Repeat("ñ", n) }
	file := "empresa;titulo;detalle;prioridad\n" +
		long(120) + ";" + long(200) + ";" + long(4000) + ";ALTA\n" +
		long(121) + ";IVA;;ALTA\n" +
		"Uno;" + long(201) + ";;ALTA\n" +
		"Uno;IVA;" + long(4001) + ";ALTA\n"

	_, err := importFile(t, w, []byte(file), true)

	if got := badLines(t, err); !reflect.DeepEqual(got, []string{"linea 3", "linea 4", "linea 5"}) {
		t.Errorf("bad lines %v, want the three over their limits", got)
	}
}
