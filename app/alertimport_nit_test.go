package app_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"vigia/app"
)

func TestImportAcceptsNITsWithoutTheirCheckDigit(t *testing.T) {
	// given a company known with its full NIT, and a file that writes NITs
	// the way accountants' spreadsheets do: without the check digit
	w := newWorld(t, withoutTimers())
	known, err := w.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: ptr("Comercial Andina S.A.S."), NIT: ptr("900123456-8")})
	if err != nil {
		t.Fatal(err)
	}
	file := []byte("empresa;nit;titulo;detalle;prioridad;vence_el\n" +
		"Comercial Andina S.A.S.;900.123.456;Declaración de IVA;;ALTA;\n" +
		"Taller Ruedas;800197268;Retención en la fuente;;MEDIA;\n" +
		"Ana Gómez;1020456789;Renta persona natural;;BAJA;\n")

	// when
	res, err := importFile(t, w, file, false)

	// then the known company is matched (no NIT mismatch) and the new ones get their digit
	if err != nil {
		t.Fatal(err)
	}
	var nits []string
	for _, it := range res.Items {
		nits = append(nits, it.Company.NIT)
	}
	if want := []string{"900123456-8", "800197268-4", "1020456789-3"}; !reflect.DeepEqual(nits, want) {
		t.Errorf("NITs %v, want %v", nits, want)
	}
	if res.Items[0].Company.ID != known.ID || res.CompaniesCreated != 2 {
		t.Errorf("result %+v", res)
	}
	cs, err := w.svc.Companies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == "Taller Ruedas" && c.NIT != "800197268-4" {
			t.Errorf("stored %+v", c)
		}
	}
}

func TestImportRefusesATenDigitNITThatReadsTwoWays(t *testing.T) {
	// given a NIT with its check digit glued on: 900123456-8 or 9001234568-8?
	w := newWorld(t, withoutTimers())
	file := []byte("empresa;nit;titulo;detalle;prioridad;vence_el\n" +
		"Comercial Andina S.A.S.;9001234568;Declaración de IVA;;ALTA;\n")

	// when
	_, err := importFile(t, w, file, false)

	// then the line names both readings and nothing is imported
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	want := []app.Message{app.Msg(app.CodeNITAmbiguous, app.Args{"Value": "9001234568", "Glued": "900123456-8", "Whole": "9001234568-8"})}
	if got := lineProblems(t, ve, "linea 2"); !reflect.DeepEqual(got, want) {
		t.Errorf("linea 2: %v, want %v", got, want)
	}
	if cs, _ := w.svc.Companies(context.Background()); len(cs) != 0 {
		t.Errorf("companies saved: %+v", cs)
	}
}
