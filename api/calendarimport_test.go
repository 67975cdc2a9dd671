package api_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"vigia/app/taxcal"
)

// calendarFile is the shipped calendar file as version, with each old date
// of replace turned into its new one.
func calendarFile(t *testing.T, version string, replace ...string) string {
	t.Helper()
	file := string(taxcal.EmbeddedData())
	current := `"version": "` + taxcal.Embedded().Info().Version + `"`
	if !strings.Contains(file, current) {
		t.Fatalf("the shipped file has no %s", current)
	}
	file = strings.Replace(file, current, `"version": "`+version+`"`, 1)
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(file, replace[i]) {
			t.Fatalf("the shipped file has no %s", replace[i])
		}
		file = strings.Replace(file, replace[i], replace[i+1], 1)
	}
	return file
}

// importCalendar posts a calendar file with a content type.
func (e *env) importCalendar(query, contentType, body string) response {
	e.t.Helper()
	r := request("POST", "/api/calendario/importar"+query, body)
	r.Header.Set("Content-Type", contentType)
	return e.serve(r)
}

// multipartFile is a form with the file in field.
func multipartFile(t *testing.T, field, file string) (contentType, body string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if err := w.WriteField("comentario", "calendario de marzo"); err != nil {
		t.Fatal(err)
	}
	part, err := w.CreateFormFile(field, "calendario.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.Write([]byte(file)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), b.String()
}

func (e *env) calendarVersion(t *testing.T) string {
	t.Helper()
	return e.do("GET", "/api/calendario", "").want(t, http.StatusOK).data(t)["version"].(string)
}

// December 2025's withholding, moved one business day later for every digit:
// a NIT ending in 6 goes from the 17th to the 18th.
var (
	december2025 = `"periodo": "2025-11", "fechas": ["2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16", "2025-12-17", "2025-12-18", "2025-12-19", "2025-12-22", "2025-12-23"]`
	movedDec2025 = `"periodo": "2025-11", "fechas": ["2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16", "2025-12-17", "2025-12-18", "2025-12-19", "2025-12-22", "2025-12-23", "2025-12-24"]`
)

func TestImportingACalendarThatMovesADateMovesTheAlertAndSaysSo(t *testing.T) {
	// given a client with withholding, whose December alert is due on the 17th
	e := newEnv(t)
	company := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Distribuidora Los Andes", "nit": "900.123.456-8",
		"responsabilidades": ["retencion_fuente"]}`).want(t, http.StatusCreated).data(t))
	file := calendarFile(t, "2026.9", december2025, movedDec2025)

	// when the file is first tried
	dry := e.importCalendar("?simular=1", "application/json", file).want(t, http.StatusOK)

	// then it says what would happen and changes nothing
	if d := dry.data(t); d["simulacion"] != true || d["alertas_movidas"] != 1.0 || d["alertas_nuevas"] != 0.0 ||
		d["calendario"].(map[string]any)["version"] != "2026.9" {
		t.Errorf("dry run %s", dry.Raw)
	}
	if msg, _ := dry.Body["message"].(string); !strings.HasPrefix(msg, "Simulación: el calendario 2026.9 es válido") {
		t.Errorf("dry run message %q", msg)
	}
	if v := e.calendarVersion(t); v != taxcal.Embedded().Info().Version {
		t.Errorf("a dry run loaded %s", v)
	}

	// when it is imported
	res := e.importCalendar("", "application/json; charset=utf-8", file).want(t, http.StatusOK)

	// then the calendar is in effect everywhere, and the alert moved
	if d := res.data(t); d["simulacion"] != false || d["alertas_movidas"] != 1.0 ||
		d["calendario"].(map[string]any)["importado"] != true {
		t.Errorf("import %s", res.Raw)
	}
	if msg := res.Body["message"]; msg != "Calendario 2026.9 importado: 0 alertas nuevas, 1 alerta movida, 0 alertas cerradas." {
		t.Errorf("message %q", msg)
	}
	if v := e.calendarVersion(t); v != "2026.9" {
		t.Errorf("version %s after the import", v)
	}
	st := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["calendario"].(map[string]any)
	if st["version"] != "2026.9" {
		t.Errorf("scheduler status calendario %v", st)
	}
	moved := calendarAlert(t, e, company, "2025-11")
	if moved["vence_el"] != "2025-12-18" || moved["fecha_anterior"] != "2025-12-17" || moved["estado_fecha"] != "oficial" {
		t.Errorf("moved alert %v", moved)
	}
}

func TestACalendarFileMayComeInAMultipartForm(t *testing.T) {
	e := newEnv(t)
	for _, field := range []string{"archivo", "calendario"} { // the field archivo, or else the first file
		ct, body := multipartFile(t, field, calendarFile(t, "2026.9"))

		res := e.importCalendar("?simular=1", ct, body).want(t, http.StatusOK)

		if d := res.data(t); d["calendario"].(map[string]any)["version"] != "2026.9" {
			t.Errorf("%s: %s", field, res.Raw)
		}
	}
}

func TestABadCalendarFileIsRefusedNamingWhatIsWrongAndChangesNothing(t *testing.T) {
	e := newEnv(t)
	shipped := taxcal.Embedded().Info().Version
	ct, noFile := func() (string, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		_ = w.WriteField("comentario", "sin archivo")
		_ = w.Close()
		return w.FormDataContentType(), b.String()
	}()
	for name, tc := range map[string]struct {
		contentType, body string
		status            int
		says              string
	}{
		"not JSON":           {"application/json", "{", http.StatusBadRequest, "El archivo del calendario no es válido: "},
		"a date not a date":  {"application/json", calendarFile(t, "2026.9", `"2025-12-17"`, `"2025-12-32"`), http.StatusBadRequest, "2025-12-32"},
		"a Saturday":         {"application/json", calendarFile(t, "2026.9", december2025, strings.Replace(movedDec2025, `"2025-12-11", "2025-12-12"`, `"2025-12-12", "2025-12-13"`, 1)), http.StatusBadRequest, "2025-12-13"},
		"older than shipped": {"application/json", calendarFile(t, "2025.1"), http.StatusBadRequest, "2025.1"},
		"empty JSON":         {"application/json", " ", http.StatusBadRequest, "No se cambió nada"},
		"a form without it":  {ct, noFile, http.StatusBadRequest, "campo archivo"},
		"CSV":                {"text/csv", "version;2026.9\n", http.StatusUnsupportedMediaType, "JSON"},
	} {
		res := e.importCalendar("", tc.contentType, tc.body).want(t, tc.status)
		if msg, _ := res.Body["error"].(string); !strings.Contains(msg, tc.says) {
			t.Errorf("%s: error %q, want it to say %q", name, msg, tc.says)
		}
		if v := e.calendarVersion(t); v != shipped {
			t.Fatalf("%s: the refused file left version %s in effect", name, v)
		}
	}
	e.importCalendar("?simular=quizas", "application/json", calendarFile(t, "2026.9")).want(t, http.StatusBadRequest)
	r := request("POST", "/api/calendario/importar", "")
	if res := e.serve(r).want(t, http.StatusBadRequest); res.fields(t)["archivo"] == nil {
		t.Errorf("empty body: %s", res.Raw)
	}
}

func TestACalendarFileOverItsLimitIsRefusedWith413(t *testing.T) {
	e := newEnv(t)
	big := `{"version": "2026.9", "descripcion": "` + strings.Repeat("x", 1<<20) + `"}`

	res := e.importCalendar("", "application/json", big).want(t, http.StatusRequestEntityTooLarge)

	if msg := res.Body["error"].(string); !strings.Contains(msg, "1024 KiB") {
		t.Errorf("error %q", msg)
	}
}
