package app_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"vigia/app"
)

// unsafeLines are one-line texts no name or title may be, with the refusal each gets.
var unsafeLines = map[string]app.Message{
	"ok\nERROR: ❌ falso":    app.Msg(app.CodeTextLineBreak, nil),
	"ok\rERROR":             app.Msg(app.CodeTextLineBreak, nil),
	"línea\u2028otra":       app.Msg(app.CodeTextLineBreak, nil),
	"nul\x00aquí":           app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+0000"}),
	"rojo \x1b[31m":         app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+001B"}),
	"tab\taquí":             app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+0009"}),
	"c1 \u009b31m":          app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+009B"}),
	"fdp.exe\u202efdp.txt":  app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+202E"}),
	"isolate \u2066x\u2069": app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+2066"}),
	"zero\u200bwidth":       app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+200B"}),
	"mark\u200fhere":        app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+200F"}),
	"bad \xe1 byte":         app.Msg(app.CodeTextInvisible, app.Args{"Char": "0xE1"}),
}

func TestNamesAndTitlesOfControlOrInvisibleCharactersAreRefusedAndNotStored(t *testing.T) {
	w := newWorld(t, withoutTimers())
	ctx := context.Background()
	company := w.company(t, "Panadería")
	alert := w.alert(t, company, "IVA", "ALTA")
	for value, want := range unsafeLines {
		_, err := w.svc.CreateTrigger(ctx, app.TriggerDraft{Name: ptr(value), Frequency: ptr("diaria"), Time: ptr("08:00"),
			Recipients: &[]string{"a@ejemplo.com"}, Priorities: &[]string{"ALTA"}})
		wantProblem(t, "trigger", err, "nombre", want)
		_, err = w.svc.CreateCompany(ctx, app.CompanyDraft{Name: ptr(value)})
		wantProblem(t, "company", err, "nombre", want)
		_, err = w.svc.UpdateCompany(ctx, company.ID, app.CompanyDraft{Name: ptr(value)})
		wantProblem(t, "company update", err, "nombre", want)
		_, err = w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &company.ID, Title: ptr(value), Priority: ptr("ALTA")})
		wantProblem(t, "alert", err, "titulo", want)
		_, err = w.svc.UpdateAlert(ctx, alert.ID, app.AlertDraft{Title: ptr(value)})
		wantProblem(t, "alert update", err, "titulo", want)
	}
	if ts, _ := w.svc.Triggers(ctx); len(ts) != 0 {
		t.Errorf("triggers stored: %+v", ts)
	}
	if cs, _ := w.svc.Companies(ctx); len(cs) != 1 || cs[0].Name != "Panadería" {
		t.Errorf("companies: %+v", cs)
	}
	if got := alertTitles(t, w); !reflect.DeepEqual(got, []string{"IVA"}) {
		t.Errorf("alerts: %v", got)
	}
}

func TestVisibleUnicodeIsANameAsItIs(t *testing.T) {
	w := newWorld(t, withoutTimers())
	for _, name := range []string{"Ñandú & Cía. — “2026”", "👩‍💼 Contadora", "עברית", "  espacios  "} {
		c, err := w.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: ptr(name)})
		if err != nil {
			t.Errorf("%q: %v", name, err)
			continue
		}
		if c.Name == "" || c.Name[0] == ' ' {
			t.Errorf("%q stored as %q", name, c.Name)
		}
	}
}

func TestTextsOfSeveralLinesKeepBreaksAndTabsButNothingElse(t *testing.T) {
	// given a company and a trigger
	w := newWorld(t, withoutTimers())
	ctx := context.Background()
	company := w.company(t, "Panadería")

	// when texts of several lines carry CR LF, a lone CR and a tab
	a, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &company.ID, Title: ptr("IVA"), Priority: ptr("ALTA"),
		Detail: ptr("uno\r\ndos\rtres\tcuatro")})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := w.svc.CreateTrigger(ctx, app.TriggerDraft{Name: ptr("Diario"), Description: ptr("línea 1\r\nlínea 2"),
		Frequency: ptr("diaria"), Time: ptr("08:00"), Recipients: &[]string{"a@ejemplo.com"}, Priorities: &[]string{"ALTA"}})
	if err != nil {
		t.Fatal(err)
	}

	// then they are kept with line feeds
	if a.Detail != "uno\ndos\ntres\tcuatro" || tr.Description != "línea 1\nlínea 2" {
		t.Errorf("detail %q, description %q", a.Detail, tr.Description)
	}
	// and ESC or an override is refused in them as in a name
	_, err = w.svc.UpdateAlert(ctx, a.ID, app.AlertDraft{Detail: ptr("rojo\x1b[31m")})
	wantProblem(t, "detail", err, "detalle", app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+001B"}))
	_, err = w.svc.ResolveAlert(ctx, a.ID, "hecho\u202e")
	wantProblem(t, "note", err, "nota", app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+202E"}))
	_, err = w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Description: ptr("a\x00b")})
	wantProblem(t, "description", err, "descripcion", app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+0000"}))
	if got, _ := w.svc.Alert(ctx, a.ID); !got.Open || got.Detail != "uno\ndos\ntres\tcuatro" {
		t.Errorf("alert changed: %+v", got)
	}
}

func TestImportRefusesControlCharactersInCompanyAndTitleCellsNamingTheColumn(t *testing.T) {
	// given a file whose quoted cells hold a line break, an ESC and, in a detail, lines
	w := newWorld(t, withoutTimers())
	file := []byte("empresa;titulo;detalle;prioridad\n" +
		"\"Pan\nadería\";IVA;;ALTA\n" +
		"Uno;\"Renta\x1b[2J\";;ALTA\n" +
		"Dos;Nómina;\"línea 1\r\nlínea 2\";BAJA\n" +
		"Tres;Nómina;\"oculto\u202e\";BAJA\n")

	// when
	_, err := importFile(t, w, file, false)

	// then each bad cell is named with its column, the detail's lines are fine
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	if got := keysOf(ve.Problems); !reflect.DeepEqual(got, []string{"linea 2", "linea 4", "linea 7"}) {
		t.Errorf("bad lines %v: %v", got, ve.Problems)
	}
	for line, want := range map[string]app.Message{
		"linea 2": app.Msg(app.CodeImportCellText, app.Args{"Column": "empresa", "Problem": app.Msg(app.CodeTextLineBreak, nil)}),
		"linea 4": app.Msg(app.CodeImportCellText, app.Args{"Column": "titulo", "Problem": app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+001B"})}),
		"linea 7": app.Msg(app.CodeImportCellText, app.Args{"Column": "detalle", "Problem": app.Msg(app.CodeTextInvisible, app.Args{"Char": "U+202E"})}),
	} {
		if got := lineProblems(t, ve, line); !reflect.DeepEqual(got, []app.Message{want}) {
			t.Errorf("%s: %v, want %v", line, got, want)
		}
	}
	if got := alertTitles(t, w); len(got) != 0 {
		t.Errorf("alerts were saved: %v", got)
	}
}

func TestImportKeepsTheLinesOfADetail(t *testing.T) {
	w := newWorld(t, withoutTimers())
	res, err := importFile(t, w, []byte("empresa;titulo;detalle;prioridad\nDos;Nómina;\"línea 1\r\nlínea 2\tfin\";BAJA\n"), false)
	if err != nil || len(res.Items) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if d := res.Items[0].Alert.Detail; d != "línea 1\nlínea 2\tfin" {
		t.Errorf("detail %q", d)
	}
}

func TestEscapeUnprintableKeepsALineOnItsLine(t *testing.T) {
	for in, want := range map[string]string{
		"Panadería ✓":              "Panadería ✓",
		"ok\nERROR: x\x1b[31m":     `ok\nERROR: x\x1b[31m`,
		"a\r\tb\x00":               `a\r\tb\x00`,
		"fdp\u202etxt\u2066\u2028": `fdp\u202etxt\u2066\u2028`,
		"c1\u0085\u009b":           `c1\u0085\u009b`,
		"bad\xe1":                  `bad\xe1`,
		"C:\\datos\\vigia.db":      "C:\\datos\\vigia.db",
		"👩‍💼":                      "👩‍💼",
	} {
		if got := app.EscapeUnprintable(in); got != want {
			t.Errorf("EscapeUnprintable(%q) = %q, want %q", in, got, want)
		}
	}
}

// wantProblem checks that err refuses field with want.
func wantProblem(t *testing.T, what string, err error, field string, want app.Message) {
	t.Helper()
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("%s: err = %v, want a refusal of %s", what, err, field)
		return
	}
	if got := ve.Problems[field]; !reflect.DeepEqual(got, want) {
		t.Errorf("%s: %s = %v, want %v", what, field, got, want)
	}
}
