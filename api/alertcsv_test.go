package api_test

import (
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importCSV posts a CSV file to the alerts import.
func (e *env) importCSV(query, file string) response {
	e.t.Helper()
	r := request("POST", "/api/alertas/importar"+query, file)
	r.Header.Set("Content-Type", "text/csv; charset=utf-8")
	return e.serve(r)
}

// export fetches a CSV export, checking the headers that make Excel open it.
func (e *env) export(t *testing.T, path string) [][]string {
	t.Helper()
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, request("GET", path, ""))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="`) || !strings.HasSuffix(cd, `-2025-12-08.csv"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	body, ok := strings.CutPrefix(rec.Body.String(), "\ufeff")
	if !ok {
		t.Errorf("no BOM: %q", rec.Body.String())
	}
	if !strings.Contains(body, "\r\n") {
		t.Errorf("lines do not end in CRLF: %q", body)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("export is not ';' CSV: %v: %s", err, body)
	}
	return rows
}

const sampleFile = "empresa;nit;titulo;detalle;prioridad;vence_el\r\n" +
	"Panadería La Espiga;900.123.456-8;Declaración de IVA;Bimestre 6;ALTA;15/12/2025\r\n" +
	"Ferretería El Tornillo;;Resolución de facturación;=vence pronto;MEDIA;2026-01-31\r\n" +
	"Panadería La Espiga;;Nómina electrónica;;BAJA;\r\n"

func TestImportDryRunShowsWhatWouldBeImported(t *testing.T) {
	e := newEnv(t)

	res := e.importCSV("?simular=1", sampleFile).want(t, http.StatusOK)

	d := res.data(t)
	if d["simulacion"] != true || d["alertas_nuevas"] != 3.0 || d["empresas_nuevas"] != 2.0 || d["alertas_actualizadas"] != 0.0 {
		t.Errorf("datos %v", d)
	}
	first := d["filas"].([]any)[0].(map[string]any)
	if first["linea"] != 2.0 || first["accion"] != "crear" || first["empresa_nueva"] != true || first["vence_el"] != "2025-12-15" ||
		first["prioridad_efectiva"] != "ALTA" || first["alerta_id"] != nil || first["nit"] != "900123456-8" {
		t.Errorf("first row %v", first)
	}
	if msg, _ := res.Body["message"].(string); msg != "Simulación: se importarían 3 alertas nuevas, se actualizarían 0 alertas y se crearían 2 empresas; no se guardó nada." {
		t.Errorf("message %q", msg)
	}
	if got := e.do("GET", "/api/empresas", "").want(t, http.StatusOK).list(t); len(got) != 0 {
		t.Errorf("a dry run created companies: %v", got)
	}
}

func TestImportThenReimportCreatesNoDuplicates(t *testing.T) {
	e := newEnv(t)

	first := e.importCSV("", sampleFile).want(t, http.StatusOK).data(t)
	second := e.importCSV("", sampleFile).want(t, http.StatusOK).data(t)

	if first["alertas_nuevas"] != 3.0 || first["simulacion"] != false {
		t.Errorf("first import %v", first)
	}
	if second["alertas_nuevas"] != 0.0 || second["alertas_actualizadas"] != 3.0 || second["empresas_nuevas"] != 0.0 {
		t.Errorf("second import %v", second)
	}
	if page := e.do("GET", "/api/alertas", "").want(t, http.StatusOK).data(t); page["total"] != 3.0 {
		t.Errorf("alerts after two imports: %v", page)
	}
}

func TestImportWithBadRowsAnswers400WithEveryBadLine(t *testing.T) {
	e := newEnv(t)
	file := "empresa,titulo,prioridad,vence_el\n" +
		"Uno,IVA,ALTA,2025-12-20\n" +
		"Dos,,ALTA,\n" +
		"Tres,Renta,ALTA,2025-13-01\n"

	res := e.importCSV("", file).want(t, http.StatusBadRequest)

	f := res.fields(t)
	if len(f) != 2 || f["linea 3"] == nil || f["linea 4"] == nil {
		t.Errorf("errores %v", f)
	}
	if msg, _ := res.Body["error"].(string); !strings.Contains(msg, "2 filas con errores") || !strings.Contains(msg, "no se importó nada") {
		t.Errorf("error %q", msg)
	}
	if page := e.do("GET", "/api/alertas", "").want(t, http.StatusOK).data(t); page["total"] != 0.0 {
		t.Errorf("alerts were imported: %v", page)
	}
}

func TestImportAcceptsOnlyCSVAndOtherRoutesOnlyJSON(t *testing.T) {
	e := newEnv(t)

	asJSON := e.do("POST", "/api/alertas/importar", `{"empresa": "Uno"}`).want(t, http.StatusUnsupportedMediaType)
	empty := e.importCSV("", "").want(t, http.StatusBadRequest)
	r := request("POST", "/api/empresas", "nombre\nUno\n")
	r.Header.Set("Content-Type", "text/csv")
	elsewhere := e.serve(r).want(t, http.StatusUnsupportedMediaType)

	if msg, _ := asJSON.Body["error"].(string); !strings.Contains(msg, "text/csv") {
		t.Errorf("import as JSON: %q", msg)
	}
	if empty.fields(t)["archivo"] == nil {
		t.Errorf("empty file: %s", empty.Raw)
	}
	if msg, _ := elsewhere.Body["error"].(string); !strings.Contains(msg, "application/json") {
		t.Errorf("CSV elsewhere: %q", msg)
	}
	big := request("POST", "/api/alertas/importar", "x")
	big.Header.Set("Content-Type", "text/csv")
	big.ContentLength = 5 << 20
	e.serve(big).want(t, http.StatusRequestEntityTooLarge)
}

func TestExportsOpenInExcelAndReimportCleanly(t *testing.T) {
	// given imported alerts, one resolved
	e := newEnv(t)
	e.importCSV("", sampleFile).want(t, http.StatusOK)
	e.do("POST", "/api/alertas/3/resolver", `{"nota": "Enviada"}`).want(t, http.StatusOK)

	// when
	alerts := e.export(t, "/api/alertas/exportar")
	companies := e.export(t, "/api/empresas/exportar")

	// then
	if got := strings.Join(alerts[0], ";"); got != "empresa;nit;titulo;detalle;prioridad;vence_el;prioridad_efectiva;estado;resuelta_en;nota_resolucion;id;responsabilidades" {
		t.Errorf("alerts header %q", got)
	}
	if len(alerts) != 4 || alerts[1][0] != "Panadería La Espiga" || alerts[1][1] != "900123456-8" || alerts[1][5] != "2025-12-15" {
		t.Errorf("alerts %q", alerts)
	}
	if alerts[2][3] != "'=vence pronto" {
		t.Errorf("a formula-like cell is not escaped: %q", alerts[2][3])
	}
	if alerts[3][7] != "resuelta" || alerts[3][9] != "Enviada" {
		t.Errorf("resolved alert %q", alerts[3])
	}
	if len(companies) != 3 || strings.Join(companies[0], ";") != "nombre;nit;contacto;activa;abiertas_critica;abiertas_alta;abiertas_media;abiertas_baja;id;responsabilidades" ||
		companies[1][0] != "Ferretería El Tornillo" || companies[2][3] != "sí" || companies[2][5] != "1" {
		t.Errorf("companies %q", companies)
	}

	// and the exported alerts import back as updates only
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.WriteAll(alerts)
	again := e.importCSV("", "\ufeff"+b.String()).want(t, http.StatusOK).data(t)
	if again["alertas_nuevas"] != 0.0 || again["alertas_actualizadas"] != 3.0 {
		t.Errorf("re-import of the export: %v", again)
	}
	detail := e.do("GET", "/api/alertas/2", "").want(t, http.StatusOK).data(t)["detalle"]
	if detail != "=vence pronto" {
		t.Errorf("the escape came back: %q", detail)
	}
}

func TestTheSampleToImportIsServedWithDatesFromToday(t *testing.T) {
	// given a new database on 2025-12-08
	e := newEnv(t)

	// when the sample is downloaded and imported as it is
	sample := e.export(t, "/api/alertas/importar/ejemplo")
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.WriteAll(sample)
	d := e.importCSV("", b.String()).want(t, http.StatusOK).data(t)

	// then it has the import's columns, dates after today, and keeps its priorities
	if got := strings.Join(sample[0], ";"); got != "empresa;nit;titulo;detalle;prioridad;vence_el" {
		t.Errorf("header %q", got)
	}
	if sample[1][5] != "22/01/2026" {
		t.Errorf("first due date %q, want 45 days after 2025-12-08", sample[1][5])
	}
	rows, _ := d["filas"].([]any)
	if len(rows) != 6 || d["empresas_nuevas"] != 3.0 {
		t.Fatalf("import of the sample: %v", d)
	}
	for _, r := range rows {
		row := r.(map[string]any)
		if row["prioridad"] != row["prioridad_efectiva"] {
			t.Errorf("line %v: %v escalated to %v", row["linea"], row["prioridad"], row["prioridad_efectiva"])
		}
	}
}

func TestTheSampleFileOfTheDocsImports(t *testing.T) {
	file, err := os.ReadFile(filepath.Join("..", "docs", "alertas-ejemplo.csv"))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)

	d := e.importCSV("", string(file)).want(t, http.StatusOK).data(t)

	if d["alertas_nuevas"] != 6.0 || d["empresas_nuevas"] != 3.0 {
		t.Errorf("sample import: %v", d)
	}
}
