package app_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"vigia/app"
)

// importRefusal is the *ValidationError of a refused import.
func importRefusal(t *testing.T, err error) *app.ValidationError {
	t.Helper()
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("import: %v, want a *ValidationError", err)
	}
	return ve
}

func companyNamed(t *testing.T, w *world, name string) app.Company {
	t.Helper()
	cs, err := w.svc.Companies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no company %q", name)
	return app.Company{}
}

func TestImportSetsTheObligationsOfNewCompaniesAndTheirAlertsFollow(t *testing.T) {
	// given a file listing two new clients, one with an alert and one alone,
	// their obligations as codes and as Spanish names without accents
	w := newWorld(t, withoutTimers(), withClockAt(march2))
	file := []byte("empresa;nit;titulo;prioridad;responsabilidades\r\n" +
		"Distribuidora Los Andes;900.123.456-8;Cartera;MEDIA;retencion_fuente | iva_bimestral\r\n" +
		"Ferretería El Tornillo;800197268-4;;;\"Retencion en la fuente; renta personas juridicas\"\r\n")

	// when it is first tried, then imported
	dry, err := importFile(t, w, file, true)
	if err != nil {
		t.Fatal(err)
	}
	res, err := importFile(t, w, file, false)
	if err != nil {
		t.Fatal(err)
	}

	// then both runs say the same: one alert, two companies, two changes of obligations
	for _, r := range []app.ImportResult{dry, res} {
		if r.AlertsCreated != 1 || r.CompaniesCreated != 2 || len(r.Items) != 2 || len(r.Responsibilities) != 2 {
			t.Fatalf("result %+v", r)
		}
		if r.Items[0].Action != app.ImportCreate || r.Items[1].Action != app.ImportCompanyOnly || !r.Items[1].NewCompany {
			t.Errorf("actions %q %q", r.Items[0].Action, r.Items[1].Action)
		}
		want := app.ResponsibilityChange{Company: "Ferretería El Tornillo", NewCompany: true,
			Before: []string{}, After: []string{"retencion_fuente", "renta_personas_juridicas"}}
		if !reflect.DeepEqual(r.Responsibilities[1], want) {
			t.Errorf("change %+v, want %+v", r.Responsibilities[1], want)
		}
	}
	if got := dry.Summary(); got.Code != app.CodeImportDryRunObligations {
		t.Errorf("dry-run summary %v", got)
	}
	if got := res.Summary(); got.Code != app.CodeImportDoneObligations {
		t.Errorf("summary %v", got)
	}

	// and the companies owe them, and their calendar alerts were written
	andes, tornillo := companyNamed(t, w, "Distribuidora Los Andes"), companyNamed(t, w, "Ferretería El Tornillo")
	if !slices.Equal(andes.Responsibilities, []string{"retencion_fuente", "iva_bimestral"}) ||
		!slices.Equal(tornillo.Responsibilities, []string{"retencion_fuente", "renta_personas_juridicas"}) {
		t.Errorf("responsibilities %v, %v", andes.Responsibilities, tornillo.Responsibilities)
	}
	if len(w.calendarAlerts(t, andes.ID)) == 0 || len(w.calendarAlerts(t, tornillo.ID)) == 0 {
		t.Errorf("no calendar alerts after the import")
	}
	if got := alertTitles(t, w); slices.Index(got, "Cartera") < 0 || slices.Index(got, "") >= 0 {
		t.Errorf("the alerts are %q: want Cartera, and none for the row without one", got)
	}
}

func TestADryRunOfObligationsSavesNothing(t *testing.T) {
	w := newWorld(t, withoutTimers(), withClockAt(march2))
	known := w.client(t, "Distribuidora Los Andes", "900123456-8", "retencion_fuente")

	if _, err := importFile(t, w, []byte("empresa;responsabilidades\nDistribuidora Los Andes;iva_bimestral\n"), true); err != nil {
		t.Fatal(err)
	}

	if c := companyNamed(t, w, known.Name); !slices.Equal(c.Responsibilities, []string{"retencion_fuente"}) {
		t.Errorf("a dry run changed them to %v", c.Responsibilities)
	}
}

func TestImportReplacesTheObligationsOfAKnownCompanyOnlyWhereTheCellSaysSo(t *testing.T) {
	// given a client with withholding and IVA
	w := newWorld(t, withoutTimers(), withClockAt(march2))
	w.client(t, "Distribuidora Los Andes", "900123456-8", "retencion_fuente", "iva_bimestral")
	w.client(t, "Ferretería El Tornillo", "800197268-4", "retencion_fuente")
	w.client(t, "Panadería La Espiga", "", "ica_bogota_bimestral")

	// when a file replaces the first one's, leaves the second's (empty cell) and clears the third's
	res, err := importFile(t, w, []byte("empresa,titulo,prioridad,responsabilidades\n"+
		"Distribuidora Los Andes,Cartera,BAJA,iva_cuatrimestral\n"+
		"Ferretería El Tornillo,Nómina,BAJA,\n"+
		"Panadería La Espiga,,,NINGUNA\n"), false)
	if err != nil {
		t.Fatal(err)
	}

	// then
	for name, want := range map[string][]string{
		"Distribuidora Los Andes": {"iva_cuatrimestral"},
		"Ferretería El Tornillo":  {"retencion_fuente"},
		"Panadería La Espiga":     nil,
	} {
		if got := companyNamed(t, w, name).Responsibilities; !slices.Equal(got, want) {
			t.Errorf("%s owes %v, want %v", name, got, want)
		}
	}
	if len(res.Responsibilities) != 2 || !slices.Equal(res.Responsibilities[0].Before, []string{"retencion_fuente", "iva_bimestral"}) {
		t.Errorf("changes %+v", res.Responsibilities)
	}
	if res.CompaniesCreated != 0 || res.AlertsCreated != 2 {
		t.Errorf("result %+v", res)
	}
}

func TestBadObligationsAreRefusedLineByLine(t *testing.T) {
	w := newWorld(t, withoutTimers(), withClockAt(march2))
	file := []byte("empresa;titulo;prioridad;responsabilidades\n" +
		"Uno;IVA;BAJA;retencion_fuente|predial\n" +
		"Dos;IVA;BAJA;iva_bimestral|iva_cuatrimestral\n" +
		"Tres;IVA;BAJA;retencion_fuente\n" +
		"Tres;Renta;BAJA;iva_bimestral\n" +
		"Tres;Nómina;BAJA;Retención en la fuente\n")

	_, err := importFile(t, w, file, false)

	ve := importRefusal(t, err)
	if got := keysOf(ve.Problems); !slices.Equal(got, []string{"linea 2", "linea 3", "linea 5"}) {
		t.Fatalf("refused %v", got)
	}
	for line, want := range map[string]app.Code{
		"linea 2": app.CodeImportObligationUnknown,
		"linea 3": app.CodeResponsibilitiesExclusive,
		"linea 5": app.CodeImportObligationsDiffer,
	} {
		problems := lineProblems(t, ve, line)
		if len(problems) != 1 || problems[0].Code != want {
			t.Errorf("%s: %v, want %s", line, problems, want)
		}
	}
	if v := lineProblems(t, ve, "linea 2")[0].Args["Value"]; v != "predial" {
		t.Errorf("unknown obligation named %v", v)
	}
	if first := lineProblems(t, ve, "linea 5")[0].Args["Line"]; first != 4 {
		t.Errorf("disagreement names line %v, want 4", first)
	}
	if got := alertTitles(t, w); len(got) != 0 {
		t.Errorf("a refused file saved %v", got)
	}
}

func TestARowWithoutAnAlertNeedsTheObligationsColumn(t *testing.T) {
	w := newWorld(t, withoutTimers(), withClockAt(march2))

	_, err := importFile(t, w, []byte("empresa;nit;titulo;prioridad\nUno;900123456-8;;\n"), false)

	problems := lineProblems(t, importRefusal(t, err), "linea 2")
	if len(problems) != 2 || problems[0].Code != app.CodeImportTitleMissing || problems[1].Code != app.CodeImportPriorityMissing {
		t.Errorf("problems %v", problems)
	}
}

func TestANITLearntByImportMovesTheCalendarOfACompanyThatHadNone(t *testing.T) {
	// given a client with withholding and no NIT: no dates for it
	w := newWorld(t, withoutTimers(), withClockAt(march2))
	c := w.client(t, "Distribuidora Los Andes", "", "retencion_fuente")
	if n := len(w.calendarAlerts(t, c.ID)); n != 0 {
		t.Fatalf("%d calendar alerts without a NIT", n)
	}

	// when an import gives its NIT
	if _, err := importFile(t, w, []byte("empresa;nit;responsabilidades\nDistribuidora Los Andes;900123456-8;\n"), false); err != nil {
		t.Fatal(err)
	}

	// then its calendar alerts are written
	if n := len(w.calendarAlerts(t, c.ID)); n == 0 {
		t.Errorf("no calendar alerts after the NIT came")
	}
}
