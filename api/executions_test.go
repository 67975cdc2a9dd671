package api_test

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// withAlert creates a company with one CRITICA alert, so a run sends a digest.
func withAlert(t *testing.T, e *env) {
	t.Helper()
	c := e.do("POST", "/api/empresas", `{"nombre": "Ferretería El Tornillo", "nit": "900.123.456-8"}`).want(t, http.StatusCreated).data(t)
	e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(idOf(t, c))+`, "titulo": "Declaración de IVA", "prioridad": "CRITICA", "vence_el": "2025-12-10"}`).
		want(t, http.StatusCreated)
}

func TestRunNowAnswers202AndTheRowFinishesInTheHistory(t *testing.T) {
	// given the seed's daily trigger and one critical alert
	e := newEnv(t)
	withAlert(t, e)
	id := idOf(t, e.create(seedDaily))

	// when it is run now
	res := e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)

	// then the answer is the history row, en_curso
	row := res.data(t)
	runID := idOf(t, row)
	if row["estado"] != "en_curso" || row["origen"] != "manual" || row["trigger_id"] != float64(id) || row["fin"] != nil || row["duracion_ms"] != nil || row["retraso_ms"] != nil ||
		row["envio"] != nil {
		t.Errorf("row = %v", row)
	}
	if res.Body["message"] != "Ejecución iniciada" || res.Header.Get("Location") != "/api/triggers/ejecuciones/"+itoa(runID) {
		t.Errorf("message %v, Location %q", res.Body["message"], res.Header.Get("Location"))
	}
	wantKeys := []string{"destinatarios", "duracion_ms", "empresas_con_alertas", "envio", "error", "estado", "fin", "id", "inicio", "intentos",
		"notificaciones", "origen", "programada_para", "retraso_ms", "total_alertas", "trigger_id", "trigger_nombre"}
	if got := keys(row); !slices.Equal(got, wantKeys) {
		t.Errorf("row keys %v, want %v", got, wantKeys)
	}

	// and once finished, the history shows it with its metrics
	e.finished()
	got := e.do("GET", "/api/triggers/ejecuciones/"+itoa(runID), "").want(t, http.StatusOK).data(t)
	if got["estado"] != "exitoso" || got["empresas_con_alertas"] != float64(1) || got["total_alertas"] != float64(1) ||
		got["notificaciones"] != float64(1) || got["intentos"] != float64(1) || got["error"] != nil ||
		got["fin"] == nil || got["duracion_ms"] == nil || got["trigger_nombre"] != "Notificación Diaria" ||
		got["envio"] != "bandeja_salida" {
		t.Errorf("finished row = %v", got)
	}
	if d, _ := got["destinatarios"].([]any); !slices.Equal(d, []any{"admin@ejemplo.com"}) {
		t.Errorf("destinatarios = %v", got["destinatarios"])
	}
	page := e.do("GET", "/api/triggers/ejecuciones", "").want(t, http.StatusOK).data(t)
	if page["total"] != float64(1) || len(page["ejecuciones"].([]any)) != 1 {
		t.Errorf("page = %v", page)
	}
	// and the digest went to the outbox
	if files, _ := filepath.Glob(filepath.Join(e.dir, "outbox", "*.eml")); len(files) != 1 {
		t.Errorf("outbox has %v", files)
	} else if eml, _ := os.ReadFile(files[0]); !strings.Contains(string(eml), "admin@ejemplo.com") {
		t.Errorf("digest not addressed to the trigger's recipient")
	}
}

func TestASecondRunNowWhileRunningIsAConflict(t *testing.T) {
	// given a run held at the mailer
	e := newEnv(t)
	withAlert(t, e)
	id := idOf(t, e.create(seedDaily))
	e.mailer.close()
	e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
	e.mailer.waitArrival(t)

	// when it is run again
	res := e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusConflict)

	// then it is refused in Spanish, and only one row exists
	if !strings.Contains(res.Body["error"].(string), "ya se está ejecutando") {
		t.Errorf("error %q", res.Body["error"])
	}
	page := e.do("GET", "/api/triggers/ejecuciones?estado=en_curso", "").want(t, http.StatusOK).data(t)
	if page["total"] != float64(1) {
		t.Errorf("running rows = %v", page)
	}

	// and once the first finishes, it can run again
	e.mailer.open()
	e.finished()
	e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
	e.finished()
}

func TestDeletingATriggerKeepsItsHistory(t *testing.T) {
	// given a trigger that ran once
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))
	e.create(seedWeekly)
	e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
	e.finished()

	// when it is deleted
	res := e.do("DELETE", "/api/triggers/"+itoa(id), "").want(t, http.StatusOK)
	if res.data(t)["id"] != float64(id) {
		t.Errorf("delete datos = %v", res.Body["datos"])
	}

	// then it is gone, its job too, but its history stays
	e.do("GET", "/api/triggers/"+itoa(id), "").want(t, http.StatusNotFound)
	e.do("DELETE", "/api/triggers/"+itoa(id), "").want(t, http.StatusNotFound)
	if n := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["total_jobs"]; n != float64(1) {
		t.Errorf("total_jobs = %v", n)
	}
	page := e.do("GET", "/api/triggers/ejecuciones?trigger_id="+itoa(id), "").want(t, http.StatusOK).data(t)
	rows := page["ejecuciones"].([]any)
	if page["total"] != float64(1) || rows[0].(map[string]any)["trigger_nombre"] != "Notificación Diaria" {
		t.Errorf("history = %v", page)
	}
}

func TestHistoryFiltersAndPaging(t *testing.T) {
	e := newEnv(t)
	a := idOf(t, e.create(seedDaily))
	b := idOf(t, e.create(seedWeekly))
	for _, id := range []int64{a, b, a} {
		e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
		e.finished()
	}
	cases := map[string]struct{ total, rows int }{
		"":                                    {3, 3},
		"?trigger_id=" + itoa(a):              {2, 2},
		"?trigger_id=" + itoa(b):              {1, 1},
		"?estado=exitoso":                     {3, 3},
		"?estado=fallido":                     {0, 0},
		"?limit=2":                            {3, 2},
		"?limit=2&offset=2":                   {3, 1},
		"?trigger_id=" + itoa(a) + "&limit=1": {2, 1},
	}
	for q, want := range cases {
		page := e.do("GET", "/api/triggers/ejecuciones"+q, "").want(t, http.StatusOK).data(t)
		if page["total"] != float64(want.total) || len(page["ejecuciones"].([]any)) != want.rows {
			t.Errorf("%q: total %v rows %d, want %+v", q, page["total"], len(page["ejecuciones"].([]any)), want)
		}
	}
	// newest first
	rows := e.do("GET", "/api/triggers/ejecuciones", "").want(t, http.StatusOK).data(t)["ejecuciones"].([]any)
	if first, last := rows[0].(map[string]any)["id"].(float64), rows[2].(map[string]any)["id"].(float64); first < last {
		t.Errorf("not newest first: %v then %v", first, last)
	}

	bad := map[string]string{
		"?limit=abc":      "limit",
		"?limit=501":      "limit",
		"?offset=-1":      "offset",
		"?offset=1.5":     "offset",
		"?trigger_id=x":   "trigger_id",
		"?trigger_id=-4":  "trigger_id",
		"?estado=perdido": "estado",
	}
	for q, field := range bad {
		res := e.do("GET", "/api/triggers/ejecuciones"+q, "").want(t, http.StatusBadRequest)
		if _, ok := res.fields(t)[field]; !ok {
			t.Errorf("%q: %s", q, res.Raw)
		}
	}
	e.do("GET", "/api/triggers/ejecuciones/999", "").want(t, http.StatusNotFound)
}

func TestAFailedRunShowsItsErrorInTheHistory(t *testing.T) {
	// given a trigger saved without recipients while there were default
	// recipients, which were removed since, and an alert to send
	e := newEnv(t)
	withAlert(t, e)
	e.svc.SetDefaultRecipients([]string{"gerente@ejemplo.com"})
	id := idOf(t, e.create(body(map[string]any{"destinatarios": `""`, "prioridades": `"CRITICA"`})))
	e.svc.SetDefaultRecipients(nil)

	// when it runs
	runID := idOf(t, e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted).data(t))
	e.finished()

	// then the row is fallido with the reason, in Spanish, worded as before
	// reasons had codes
	row := e.do("GET", "/api/triggers/ejecuciones/"+itoa(runID), "").want(t, http.StatusOK).data(t)
	const want = "No hay destinatarios: el trigger no tiene propios y no hay destinatarios por defecto. " +
		"Puede configurarlos en Configuración → Destinatarios por defecto o con la variable de entorno EMAIL_DESTINATARIOS."
	if row["estado"] != "fallido" || row["error"] != want || row["notificaciones"] != float64(0) || row["envio"] != nil {
		t.Errorf("row = %v", row)
	}
}
