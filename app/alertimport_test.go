package app_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"vigia/app"
)

// windows1252 encodes s as Excel on a Spanish Windows saves "CSV": Latin-1
// letters at their code points, and a few signs of its own.
func windows1252(t *testing.T, s string) []byte {
	t.Helper()
	own := map[rune]byte{'€': 0x80, '“': 0x93, '”': 0x94, '–': 0x96}
	var b bytes.Buffer
	for _, r := range s {
		switch c, ok := own[r]; {
		case ok:
			b.WriteByte(c)
		case r <= 0xFF:
			b.WriteByte(byte(r))
		default:
			t.Fatalf("%q is not in the test's Windows-1252 table", r)
		}
	}
	return b.Bytes()
}

func importFile(t *testing.T, w *world, file []byte, dryRun bool) (app.ImportResult, error) {
	t.Helper()
	return w.svc.ImportAlerts(context.Background(), bytes.NewReader(file), dryRun)
}

func alertTitles(t *testing.T, w *world) []string {
	t.Helper()
	as, err := w.svc.Alerts(context.Background(), app.AlertFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

func TestImportReadsASpanishExcelFile(t *testing.T) {
	// given a Windows-1252 file with ';', DD/MM/YYYY dates and a known company in other case
	w := newWorld(t, withoutTimers())
	known := w.company(t, "Panadería La Espiga")
	file := windows1252(t, "Empresa;NIT;Título;Detalle;Prioridad;Vence el\r\n"+
		"PANADERÍA LA ESPIGA;900.123.456-8;Declaración de renta;Formulario 110 – “saldo” de €50;alta;15/12/2025\r\n"+
		"Ferretería Ñandú;;Nómina electrónica;\"Enviar a la DIAN; antes del 10\";BAJA;2026-01-10\r\n"+
		";;;;;\r\n")

	// when
	res, err := importFile(t, w, file, false)

	// then
	if err != nil {
		t.Fatal(err)
	}
	if res.AlertsCreated != 2 || res.AlertsUpdated != 0 || res.CompaniesCreated != 1 || len(res.Items) != 2 {
		t.Fatalf("result %+v", res)
	}
	first, second := res.Items[0], res.Items[1]
	if first.Line != 2 || first.Company.ID != known.ID || first.Alert.Title != "Declaración de renta" ||
		first.Alert.Detail != "Formulario 110 – “saldo” de €50" ||
		first.Alert.DueOn.Format(app.DateLayout) != "2025-12-15" || first.Alert.Priority != app.PriorityHigh {
		t.Errorf("first row %+v", first)
	}
	if second.Line != 3 || second.Company.Name != "Ferretería Ñandú" || second.Alert.Detail != "Enviar a la DIAN; antes del 10" || !second.NewCompany {
		t.Errorf("second row %+v", second)
	}
	if c, _ := w.svc.Company(context.Background(), known.ID); c.NIT != "900123456-8" {
		t.Errorf("the known company did not get the file's NIT: %+v", c)
	}
	if got := alertTitles(t, w); !reflect.DeepEqual(got, []string{"Declaración de renta", "Nómina electrónica"}) {
		t.Errorf("saved alerts %v", got)
	}
}

func TestImportReadsUTF8WithBOMAndCommas(t *testing.T) {
	w := newWorld(t, withoutTimers())
	file := append([]byte("\ufeff"), "empresa,nit,titulo,detalle,prioridad,vence_el\n"+
		"Panadería La Espiga,800197268-4,IVA bimestral,\"Periodo 6, noviembre-diciembre\",CRITICA,2026-01-20\n"...)

	res, err := importFile(t, w, file, false)

	if err != nil || res.AlertsCreated != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if it := res.Items[0]; it.Company.Name != "Panadería La Espiga" || it.Company.NIT != "800197268-4" || it.Alert.Detail != "Periodo 6, noviembre-diciembre" {
		t.Errorf("row %+v", it)
	}
}

func TestImportWithABadRowImportsNothingAndReportsEveryBadLine(t *testing.T) {
	// given a file with bad rows in the middle
	w := newWorld(t, withoutTimers())
	file := []byte("empresa;nit;titulo;detalle;prioridad;vence_el\n" +
		"Uno;;Bien;;ALTA;2025-12-20\n" +
		"Dos;900123456-7;Mal NIT;;ALTA;\n" +
		"Tres;;;;URGENTE;31/02/2026\n" +
		"Cuatro;;Bien también;;MEDIA;\n" +
		"Uno;;Bien;;BAJA;20/12/2025\n")

	// when
	_, err := importFile(t, w, file, false)

	// then
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	if got := keysOf(ve.Problems); !reflect.DeepEqual(got, []string{"linea 3", "linea 4", "linea 6"}) {
		t.Errorf("bad lines %v: %v", got, ve.Problems)
	}
	for line, want := range map[string][]app.Message{
		"linea 3": {app.Msg(app.CodeNITCheckDigitWrong, app.Args{"Base": "900123456", "Want": 8, "Got": "7"})},
		"linea 4": { // every problem of the line
			app.Msg(app.CodeImportTitleMissing, nil),
			app.Msg(app.CodeImportPriorityUnknown, app.Args{"Value": "URGENTE"}),
			app.Msg(app.CodeImportDateInvalid, app.Args{"Value": "31/02/2026"}),
		},
		"linea 6": {app.Msg(app.CodeImportRepeated, app.Args{"Line": 2})},
	} {
		if got := lineProblems(t, ve, line); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", line, got, want)
		}
	}
	if got := alertTitles(t, w); len(got) != 0 {
		t.Errorf("alerts were saved: %v", got)
	}
	if cs, _ := w.svc.Companies(context.Background()); len(cs) != 0 {
		t.Errorf("companies were saved: %v", cs)
	}
}

func TestReimportingAFileUpdatesInsteadOfDuplicating(t *testing.T) {
	// given an imported file
	w := newWorld(t, withoutTimers())
	file := "empresa;titulo;detalle;prioridad;vence_el\n" +
		"Uno;IVA;v1;ALTA;2025-12-20\n" +
		"Uno;IVA;sin fecha;MEDIA;\n" +
		"Dos;Renta;v1;BAJA;\n"
	if _, err := importFile(t, w, []byte(file), false); err != nil {
		t.Fatal(err)
	}

	// when the same alerts come again with changes
	again := strings.ReplaceAll(file, "v1;ALTA", "v2;CRITICA")
	res, err := importFile(t, w, []byte(again), false)

	// then
	if err != nil || res.AlertsCreated != 0 || res.AlertsUpdated != 3 || res.CompaniesCreated != 0 {
		t.Fatalf("re-import: %+v, %v", res, err)
	}
	as, _ := w.svc.Alerts(context.Background(), app.AlertFilter{})
	if len(as) != 3 || as[0].Detail != "v2" || as[0].Priority != app.PriorityCritical {
		t.Errorf("alerts after the re-import: %+v", as)
	}
}

func TestImportDryRunSavesNothing(t *testing.T) {
	w := newWorld(t, withoutTimers())
	file := []byte("empresa,titulo,prioridad,vence_el\nNueva,IVA,BAJA,09/12/2025\n")

	res, err := importFile(t, w, file, true)

	if err != nil || !res.DryRun || res.AlertsCreated != 1 || res.CompaniesCreated != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if it := res.Items[0]; it.Action != app.ImportCreate || !it.NewCompany || it.Alert.EffectivePriority != app.PriorityCritical {
		t.Errorf("row %+v", it)
	}
	if got := alertTitles(t, w); len(got) != 0 {
		t.Errorf("a dry run saved %v", got)
	}
}

func TestImportRefusesAFileWithoutTheRequiredColumns(t *testing.T) {
	w := newWorld(t, withoutTimers())
	columns := strings.Join(app.ImportColumns, ",") + ",responsabilidades"
	for file, want := range map[string]app.Message{
		"":                                      app.Msg(app.CodeImportEmpty, app.Args{"Columns": columns}),
		"empresa;titulo\nUno;IVA\n":             app.Msg(app.CodeImportMissingColumn, app.Args{"Value": "prioridad", "Columns": columns}),
		"empresa;titulo;prioridad;ciudad\n":     app.Msg(app.CodeImportUnknownColumn, app.Args{"Value": "ciudad", "Columns": columns}),
		"empresa;titulo;prioridad\nUno;\"IVA\n": app.Msg(app.CodeImportQuotes, app.Args{"Line": 2}),
	} {
		_, err := importFile(t, w, []byte(file), false)
		if got := fileProblem(t, err); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, want %v", file, got, want)
		}
	}
}

// lineProblems are the problems a refused import gives for line ("linea 3").
func lineProblems(t *testing.T, ve *app.ValidationError, line string) []app.Message {
	t.Helper()
	m, ok := ve.Problems[line]
	if !ok || m.Code != app.CodeImportLine {
		t.Fatalf("%s: %v, want %s", line, m, app.CodeImportLine)
	}
	problems, _ := m.Args["Problems"].([]app.Message)
	return problems
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
