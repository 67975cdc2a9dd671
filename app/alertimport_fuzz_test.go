package app_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/storage"
)

// importLineKey is how a refused row is keyed: "linea N".
var importLineKey = regexp.MustCompile(`^linea ([1-9][0-9]*)$`)

// FuzzImportAlertsCSV feeds any bytes to the import, as a dry run over a
// real store that already knows a company and an alert: the file is either
// refused with a *ValidationError keyed by the file ("archivo") or by line
// numbers within the file, or read into rows in the file's order; nothing
// it gives back, rows or messages, holds invalid UTF-8, and no company or
// title holds a line break or an unprintable character (app.Unprintable);
// a row either has an alert or, in a file with the responsabilidades column,
// sets its company alone, and the obligations it sets are as
// app.CheckResponsibilities keeps them. A file written with CR line endings
// (old Mac Excel) reads as the same file with LF.
func FuzzImportAlertsCSV(f *testing.F) {
	for _, s := range []string{
		"empresa,nit,titulo,detalle,prioridad,vence_el\nPanadería La Espiga,900.123.456-8,Renta,Formulario 110,ALTA,2026-12-15\n",
		"Empresa;NIT;Título;Detalle;Prioridad;Vence el\r\nFerretería Ñandú;;Nómina;\"Enviar; antes del 10\";baja;10/01/2026\r\n;;;;;\r\n",
		"\xef\xbb\xbfempresa,titulo,prioridad\nPanadería,IVA,MEDIA\n",
		"empresa;titulo;prioridad\nPanader\xeda La Espiga;Declaraci\xf3n;CRITICA\n", // Windows-1252
		"\xef\xbb\xbfempresa;titulo;prioridad\nPanader\xeda;IVA;ALTA\n",             // a BOM, then Windows-1252
		"empresa,titulo,prioridad\rPanadería,IVA,ALTA\rFerretería,ICA,BAJA\r",       // CR only
		"empresa,titulo,prioridad\n\"Panadería,IVA,ALTA\n",
		"empresa,titulo,prioridad,prioridad\n", "empresa,titulo\n", "empresa,titulo,prioridad,color\n", "", "\n\n",
		"empresa,titulo,prioridad\nPanadería La Espiga,Renta,ALTA\nPANADERÍA LA ESPIGA,renta,alta\n",
		"empresa,nit,titulo,prioridad\nPanadería La Espiga,800197268-4,Renta,ALTA\n",
		"empresa,titulo,detalle,prioridad\nA,'=1+1,\"dos\nlíneas\",BAJA\n",
		"empresa,titulo,prioridad,vence_el\nA,B,ALTA,31/02/2026\nA,C,ALTA,0001-01-01\n",
		"id,empresa,titulo,prioridad,estado\n7,A,B,ALTA,abierta\n",
		"empresa;nit;titulo;prioridad;responsabilidades\nPanadería La Espiga;;Renta;ALTA;retencion_fuente|iva_bimestral\nNueva;800197268-4;;;\"Retención en la fuente; ICA Bogotá bimestral\"\n",
		"empresa,responsabilidades\nA,ninguna\nA,NINGUNA\nB,iva_bimestral iva_cuatrimestral\nC,predial\n",
		"empresa,titulo,prioridad,responsabilidades\nA,B,ALTA,renta_personas_naturales\nA,C,BAJA,renta_personas_juridicas\n",
	} {
		f.Add([]byte(s))
	}
	svc := importService(f)
	f.Fuzz(func(t *testing.T, file []byte) {
		res, err := svc.ImportAlerts(context.Background(), bytes.NewReader(file), true)
		lines := bytes.Count(file, []byte("\n")) + bytes.Count(file, []byte("\r")) + 1
		if err != nil {
			checkImportRefusal(t, file, err, lines)
		} else {
			checkImportRows(t, file, res, lines)
		}
		if bytes.ContainsRune(file, '\r') || !bytes.ContainsRune(file, '\n') {
			return
		}
		cr := bytes.ReplaceAll(file, []byte("\n"), []byte("\r"))
		resCR, errCR := svc.ImportAlerts(context.Background(), bytes.NewReader(cr), true)
		if got, want := importOutcome(resCR, errCR), importOutcome(res, err); got != want {
			t.Fatalf("with CR line endings the file reads\n%s\nwith LF\n%s", got, want)
		}
	})
}

// importService is a service over a fresh store with one company and one
// alert the rows can match.
func importService(f *testing.F) *app.Service {
	f.Helper()
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(f.TempDir(), "vigia.db"))
	if err != nil {
		f.Fatalf("open store: %v", err)
	}
	f.Cleanup(func() { _ = store.Close() })
	svc := app.NewService(app.Config{Store: store, Location: bogota,
		Clock: clockwork.NewFakeClockAt(time.Date(2026, 12, 3, 8, 0, 0, 0, bogota))})
	text := func(s string) *string { return &s }
	c, err := svc.CreateCompany(ctx, app.CompanyDraft{Name: text("Panadería La Espiga"), NIT: text("900.123.456-8")})
	if err != nil {
		f.Fatal(err)
	}
	id := c.ID
	if _, err := svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &id, Title: text("Renta"), Priority: text("ALTA")}); err != nil {
		f.Fatal(err)
	}
	return svc
}

// checkImportRefusal checks a refused file: a *ValidationError keyed by the
// file or by a line of it, in valid UTF-8.
func checkImportRefusal(t *testing.T, file []byte, err error, lines int) {
	t.Helper()
	var ve *app.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) == 0 {
		t.Fatalf("ImportAlerts(%q) = %v, want a *ValidationError", file, err)
	}
	for key, m := range ve.Problems {
		if key != app.FieldImportFile {
			sub := importLineKey.FindStringSubmatch(key)
			if sub == nil {
				t.Fatalf("ImportAlerts(%q) refused %q: not the file, not a line", file, key)
			}
			if n, _ := strconv.Atoi(sub[1]); n < 2 || n > lines {
				t.Fatalf("ImportAlerts(%q) refused line %d of a file of %d lines (the header is line 1)", file, n, lines)
			}
		}
		if line, ok := m.Args["Line"].(int); ok && (line < 1 || line > lines) {
			t.Fatalf("ImportAlerts(%q): %v names line %d of a file of %d lines", file, m, line, lines)
		}
		if bad := invalidUTF8(m); bad != "" {
			t.Fatalf("ImportAlerts(%q): %s = %v holds invalid UTF-8: %q", file, key, m, bad)
		}
	}
}

// checkImportRows checks a file read: rows in order below the header, each
// with its company and title, in valid UTF-8.
func checkImportRows(t *testing.T, file []byte, res app.ImportResult, lines int) {
	t.Helper()
	last := 1
	for _, it := range res.Items {
		if it.Line <= last || it.Line > lines {
			t.Fatalf("ImportAlerts(%q): row of line %d after line %d, in a file of %d lines", file, it.Line, last, lines)
		}
		last = it.Line
		checkImportRow(t, file, it)
		for what, s := range map[string]string{"empresa": it.Company.Name, "nit": it.Company.NIT, "titulo": it.Alert.Title, "detalle": it.Alert.Detail} {
			if !utf8.ValidString(s) {
				t.Fatalf("ImportAlerts(%q) line %d: %s %q is not valid UTF-8", file, it.Line, what, s)
			}
		}
		for what, s := range map[string]string{"empresa": it.Company.Name, "titulo": it.Alert.Title} {
			if i := strings.IndexFunc(s, app.Unprintable); i >= 0 {
				t.Fatalf("ImportAlerts(%q) line %d: %s %q holds %U", file, it.Line, what, s, []rune(s[i:])[0])
			}
		}
	}
}

// checkImportRow checks one row read: a company; an alert with a title and
// a priority, or none at all for a row of its company alone; and
// obligations, when it sets them, as the one rule keeps them.
func checkImportRow(t *testing.T, file []byte, it app.ImportItem) {
	t.Helper()
	if it.Company.Name == "" {
		t.Fatalf("ImportAlerts(%q) line %d: no company", file, it.Line)
	}
	switch it.Action {
	case app.ImportCompanyOnly:
		if !reflect.DeepEqual(it.Alert, app.Alert{}) {
			t.Fatalf("ImportAlerts(%q) line %d: a row without an alert carries %+v", file, it.Line, it.Alert)
		}
	default:
		if it.Alert.Title == "" || !validPriority(it.Alert.Priority) {
			t.Fatalf("ImportAlerts(%q) line %d: title %q, priority %q", file, it.Line, it.Alert.Title, it.Alert.Priority)
		}
	}
	if it.SetResponsibilities {
		checked, problem := app.CheckResponsibilities(it.Company.Responsibilities)
		if problem != nil || !slices.Equal(checked, it.Company.Responsibilities) {
			t.Fatalf("ImportAlerts(%q) line %d: obligations %q read as %q, %v", file, it.Line, it.Company.Responsibilities, checked, problem)
		}
	}
}

// invalidUTF8 is the first string of m's arguments, at any depth, that is
// not valid UTF-8.
func invalidUTF8(m app.Message) string {
	for _, v := range m.Args {
		switch v := v.(type) {
		case string:
			if !utf8.ValidString(v) {
				return v
			}
		case app.Message:
			if bad := invalidUTF8(v); bad != "" {
				return bad
			}
		case []app.Message:
			for _, sub := range v {
				if bad := invalidUTF8(sub); bad != "" {
					return bad
				}
			}
		}
	}
	return ""
}

func validPriority(p app.Priority) bool {
	q, ok := app.ParsePriority(string(p))
	return ok && q == p
}

// importOutcome writes what an import gave, rows or refusal, for comparing two.
func importOutcome(res app.ImportResult, err error) string {
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for _, it := range res.Items {
		fmt.Fprintf(&b, "%d %q %q %q %q %s %s %s %v %q\n", it.Line, it.Company.Name, it.Company.NIT, it.Alert.Title,
			it.Alert.Detail, it.Alert.Priority, it.Alert.DueOn.Format(app.DateLayout), it.Action,
			it.SetResponsibilities, it.Company.Responsibilities)
	}
	return b.String()
}
