package api_test

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vigia/notify/smtptest"
)

// withCompanies creates two companies whose names' order is not their
// urgency's, each with one alert due soon.
func withCompanies(t *testing.T, e *env) {
	t.Helper()
	for _, c := range []struct{ name, title, priority, due string }{
		{"Andes Ltda.", "Renovar matrícula mercantil", "ALTA", "2025-12-10"},
		{"Zeta & Cía.", "Declaración de IVA", "CRITICA", "2025-12-05"},
	} {
		company := e.do("POST", "/api/empresas", `{"nombre": "`+c.name+`"}`).want(t, http.StatusCreated).data(t)
		e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(idOf(t, company))+`, "titulo": "`+c.title+`", "prioridad": "`+c.priority+`", "vence_el": "`+c.due+`"}`).
			want(t, http.StatusCreated)
	}
}

// outbox reads every digest in the outbox.
func (e *env) outbox() []*smtptest.Parsed {
	e.t.Helper()
	files, err := filepath.Glob(filepath.Join(e.dir, "outbox", "*.eml"))
	if err != nil {
		e.t.Fatal(err)
	}
	var out []*smtptest.Parsed
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			e.t.Fatal(err)
		}
		p, err := smtptest.ParseMessage(b)
		if err != nil {
			e.t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func TestPreviewAnswersWhatTheTriggerWouldSendWithoutSendingIt(t *testing.T) {
	// given the seed's daily trigger (CRITICA, ALTA) and two companies with alerts
	e := newEnv(t)
	withCompanies(t, e)
	id := idOf(t, e.create(seedDaily))

	// when
	res := e.do("GET", "/api/triggers/"+itoa(id)+"/vista-previa", "").want(t, http.StatusOK)

	// then
	p := res.data(t)
	wantKeys := []string{"asunto", "destinatarios", "empresas_con_alertas", "generado_en", "html", "texto", "total_alertas", "trigger_id", "trigger_nombre"}
	if got := keys(p); !slices.Equal(got, wantKeys) {
		t.Errorf("keys %v, want %v", got, wantKeys)
	}
	if p["asunto"] != "[Vigía] Notificación Diaria: 2 alertas (1 crítica)" || p["empresas_con_alertas"] != float64(2) ||
		p["total_alertas"] != float64(2) || p["generado_en"] != "2025-12-08T07:00:00-05:00" {
		t.Errorf("preview = %v", p)
	}
	if d, _ := p["destinatarios"].([]any); !slices.Equal(d, []any{"admin@ejemplo.com"}) {
		t.Errorf("destinatarios = %v", p["destinatarios"])
	}
	text, _ := p["texto"].(string)
	html, _ := p["html"].(string)
	if z, a := strings.Index(text, "Zeta & Cía."), strings.Index(text, "Andes Ltda."); z < 0 || a < z ||
		!strings.Contains(text, "vence en 2 días (miércoles 10 de diciembre)") {
		t.Errorf("texto:\n%s", text)
	}
	if !strings.Contains(html, "Zeta &amp; Cía.") || !strings.HasPrefix(html, "<!DOCTYPE html>") {
		t.Errorf("html does not look like the digest:\n%s", html)
	}
	if n := e.mails(); n != 0 {
		t.Errorf("%d mails in the outbox, want none", n)
	}
	if page := e.do("GET", "/api/triggers/ejecuciones", "").want(t, http.StatusOK).data(t); page["total"] != float64(0) {
		t.Errorf("history = %v, want empty", page)
	}
}

func TestPreviewTextIsTheTextARunSends(t *testing.T) {
	// given
	e := newEnv(t)
	withCompanies(t, e)
	id := idOf(t, e.create(seedDaily))
	p := e.do("GET", "/api/triggers/"+itoa(id)+"/vista-previa", "").want(t, http.StatusOK).data(t)

	// when the trigger runs at the same instant
	e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
	e.finished()

	// then
	mails := e.outbox()
	if len(mails) != 1 {
		t.Fatalf("%d mails, want 1", len(mails))
	}
	if mails[0].Subject != p["asunto"] {
		t.Errorf("sent subject %q, previewed %q", mails[0].Subject, p["asunto"])
	}
	if got := strings.ReplaceAll(mails[0].Text, "\r\n", "\n"); got != p["texto"] {
		t.Errorf("sent text differs from the preview.\nsent:\n%s\npreview:\n%s", got, p["texto"])
	}
}

func TestPreviewOfAnUnknownTriggerIs404(t *testing.T) {
	e := newEnv(t)

	res := e.do("GET", "/api/triggers/99/vista-previa", "").want(t, http.StatusNotFound)

	if res.Body["error"] != "No existe el trigger 99." {
		t.Errorf("error = %v", res.Body["error"])
	}
}

func TestTriggerSubViewsAnswer405ToOtherMethods(t *testing.T) {
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))

	for _, tt := range []struct{ method, path, allow string }{
		{"POST", "/api/triggers/" + itoa(id) + "/vista-previa", "GET, HEAD"},
		{"GET", "/api/triggers/" + itoa(id) + "/probar", "POST"},
	} {
		res := e.do(tt.method, tt.path, "").want(t, http.StatusMethodNotAllowed)
		if res.Header.Get("Allow") != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, res.Header.Get("Allow"), tt.allow)
		}
	}
}

func TestSendTestMailsOnlyTheGivenAddressAndRecordsAPruebaRow(t *testing.T) {
	// given
	e := newEnv(t)
	withCompanies(t, e)
	id := idOf(t, e.create(seedDaily))

	// when
	res := e.do("POST", "/api/triggers/"+itoa(id)+"/probar", `{"destinatario": "contadora@ejemplo.com"}`).want(t, http.StatusAccepted)
	e.finished()

	// then the answer is the history row, like ejecutar's
	row := res.data(t)
	runID := idOf(t, row)
	if row["estado"] != "en_curso" || row["origen"] != "prueba" || res.Header.Get("Location") != "/api/triggers/ejecuciones/"+itoa(runID) {
		t.Errorf("row = %v, Location %q", row, res.Header.Get("Location"))
	}
	// and exactly one mail went, to that address only
	mails := e.outbox()
	if len(mails) != 1 || mails[0].Header.Get("To") != "<contadora@ejemplo.com>" {
		t.Fatalf("mails = %d, To %q", len(mails), mails[0].Header.Get("To"))
	}
	if !strings.Contains(mails[0].Text, "Zeta & Cía.") {
		t.Errorf("text:\n%s", mails[0].Text)
	}
	// and the history keeps it as a test
	got := e.do("GET", "/api/triggers/ejecuciones/"+itoa(runID), "").want(t, http.StatusOK).data(t)
	if d, _ := got["destinatarios"].([]any); got["estado"] != "exitoso" || got["origen"] != "prueba" || !slices.Equal(d, []any{"contadora@ejemplo.com"}) {
		t.Errorf("history row = %v", got)
	}
}

func TestSendTestRefusesABadAddress(t *testing.T) {
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))

	for _, body := range []string{`{"destinatario": "no-es-correo"}`, `{"destinatario": ""}`, `{}`, `{"destinatario": 5}`} {
		res := e.do("POST", "/api/triggers/"+itoa(id)+"/probar", body).want(t, http.StatusBadRequest)
		if msg, _ := res.fields(t)["destinatario"].(string); msg == "" {
			t.Errorf("%s: errores = %v", body, res.Body["errores"])
		}
	}
	if page := e.do("GET", "/api/triggers/ejecuciones", "").want(t, http.StatusOK).data(t); page["total"] != float64(0) || e.mails() != 0 {
		t.Errorf("history = %v, %d mails; want nothing", page, e.mails())
	}
}

func TestSendTestOfAnUnknownTriggerIs404(t *testing.T) {
	e := newEnv(t)

	res := e.do("POST", "/api/triggers/99/probar", `{"destinatario": "a@ejemplo.com"}`).want(t, http.StatusNotFound)

	if res.Body["error"] != "No existe el trigger 99." {
		t.Errorf("error = %v", res.Body["error"])
	}
}

func TestSendTestWhileTheTriggerRunsIs409(t *testing.T) {
	// given a run held at the mail boundary
	e := newEnv(t)
	withCompanies(t, e)
	id := idOf(t, e.create(seedDaily))
	e.mailer.close()
	e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
	e.mailer.waitArrival(t)

	// when
	res := e.do("POST", "/api/triggers/"+itoa(id)+"/probar", `{"destinatario": "a@ejemplo.com"}`)

	// then
	e.mailer.open()
	e.finished()
	res.want(t, http.StatusConflict)
}
