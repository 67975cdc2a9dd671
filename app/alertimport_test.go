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
	if got := keysOf(ve.Fields); !reflect.DeepEqual(got, []string{"linea 3", "linea 4", "linea 6"}) {
		t.Errorf("bad lines %v: %v", got, ve.Fields)
	}
	for line, part := range map[string]string{
		"linea 3": "dígito de verificación de 900123456 es 8",
		"linea 4": "Falta el título",
		"linea 6": "Repite la alerta de la línea 2",
	} {
		if !strings.Contains(ve.Fields[line], part) {
			t.Errorf("%s: %q, want it to mention %q", line, ve.Fields[line], part)
		}
	}
	for _, part := range []string{"URGENTE", "31/02/2026"} {
		if !strings.Contains(ve.Fields["linea 4"], part) {
			t.Errorf("linea 4: %q, want every problem (%s)", ve.Fields["linea 4"], part)
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
	for file, part := range map[string]string{
		"":                                      "vacío",
		"empresa;titulo\nUno;IVA\n":             `"prioridad"`,
		"empresa;titulo;prioridad;ciudad\n":     `"ciudad"`,
		"empresa;titulo;prioridad\nUno;\"IVA\n": "comillas",
	} {
		_, err := importFile(t, w, []byte(file), false)
		var ve *app.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.Fields["archivo"], part) {
			t.Errorf("%q: %v, want archivo mentioning %s", file, err, part)
		}
	}
}

func keysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
