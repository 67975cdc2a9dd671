package app_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"vigia/app"
)

// fileProblem is the problem the import found with the file as a whole, or
// fails the test.
func fileProblem(t *testing.T, err error) app.Message {
	t.Helper()
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	if got := keysOf(ve.Problems); len(got) != 1 || got[0] != app.FieldImportFile {
		t.Fatalf("refusal names %v, want only %s", got, app.FieldImportFile)
	}
	return ve.Problems[app.FieldImportFile]
}

func TestImportHeaderIsReadAsPeopleWriteIt(t *testing.T) {
	// given a header in another order and case, with accents, blanks, a
	// blank column and the columns only an export writes
	w := newWorld(t, withoutTimers())
	file := " Título ;EMPRESA;Vence El;;prioridad;id;estado;prioridad_efectiva\n" +
		"IVA;Uno;20/12/2025;x;Baja;17;abierta;CRITICA\n"

	res, err := importFile(t, w, []byte(file), true)

	if err != nil || len(res.Items) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	it := res.Items[0]
	if it.Company.Name != "Uno" || it.Alert.Title != "IVA" || it.Alert.Priority != app.PriorityLow ||
		it.Alert.DueOn.Format(app.DateLayout) != "2025-12-20" || it.Alert.ID != 0 {
		t.Errorf("row %+v: the export-only columns must not count", it)
	}
}

func TestImportRefusesARepeatedColumn(t *testing.T) {
	w := newWorld(t, withoutTimers())

	_, err := importFile(t, w, []byte("empresa;titulo;Título;prioridad\nUno;IVA;IVA;ALTA\n"), true)

	if got := fileProblem(t, err); got.Code != app.CodeImportRepeatedColumn || got.Args["Value"] != "titulo" {
		t.Errorf("refusal %v, want the repeated column titulo", got)
	}
}

func TestImportUndoesTheFormulaEscapeOfAnExport(t *testing.T) {
	// given cells an export escaped with an apostrophe, and one that is not an escape
	w := newWorld(t, withoutTimers())
	file := "empresa;titulo;detalle;prioridad\nUno;'=SUMA(A1);'-10 días;ALTA\nDos;'Hola;'+;MEDIA\n"

	res, err := importFile(t, w, []byte(file), true)

	if err != nil || len(res.Items) != 2 {
		t.Fatalf("%+v, %v", res, err)
	}
	if a := res.Items[0].Alert; a.Title != "=SUMA(A1)" || a.Detail != "-10 días" {
		t.Errorf("escaped cells read %q, %q", a.Title, a.Detail)
	}
	if a := res.Items[1].Alert; a.Title != "'Hola" || a.Detail != "+" {
		t.Errorf("cells that are no escape read %q, %q; want them as written", a.Title, a.Detail)
	}
	for v, want := range map[string]string{"=SUMA(A1)": "'=SUMA(A1)", "-10": "'-10", "+1": "'+1", "@x": "'@x", "'Hola": "'Hola", "": ""} {
		if got := app.EscapeCell(v); got != want {
			t.Errorf("EscapeCell(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestImportBoundsTheRowsOfAFile(t *testing.T) {
	w := newWorld(t, withoutTimers())
	file := func(rows int) []byte {
		var b strings.Builder
		b.WriteString("empresa;titulo;prioridad\n")
		for i := range rows {
			fmt.Fprintf(&b, "Empresa %d;Alerta %d;BAJA\n", i%7, i)
			if i%100 == 0 {
				b.WriteString(";;\n") // blank rows do not count
			}
		}
		return []byte(b.String())
	}

	res, err := importFile(t, w, file(app.MaxImportRows), true)
	if err != nil || len(res.Items) != app.MaxImportRows {
		t.Fatalf("%d rows: %d items, %v", app.MaxImportRows, len(res.Items), err)
	}

	_, err = importFile(t, w, file(app.MaxImportRows+1), true)
	if got := fileProblem(t, err); got.Code != app.CodeImportTooManyRows || got.Args["Max"] != app.MaxImportRows {
		t.Errorf("refusal %v, want more than %d rows", got, app.MaxImportRows)
	}
}
