package api_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestUnknownRoutesAnswer404InTheEnvelope(t *testing.T) {
	e := newEnv(t)
	e.create(seedDaily)
	for _, p := range []string{"/", "/api", "/api/nada", "/api/triggers/1/otra", "/api/triggers/1/proximas/2", "/api/triggers/scheduler"} {
		e.do("GET", p, "").want(t, http.StatusNotFound)
	}
}

func TestBadIDsAnswer404InSpanish(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/api/triggers/abc", "/api/triggers/0", "/api/triggers/-1", "/api/triggers/1.5",
		"/api/triggers/99999999999999999999", "/api/triggers/ejecuciones/abc", "/api/alertas/0"} {
		res := e.do("GET", p, "").want(t, http.StatusNotFound)
		if !strings.Contains(res.Body["error"].(string), "número entero positivo") {
			t.Errorf("%s: error %q", p, res.Body["error"])
		}
	}
	res := e.do("GET", "/api/triggers/42", "").want(t, http.StatusNotFound)
	if res.Body["error"] != "No existe el trigger 42." {
		t.Errorf("error %q", res.Body["error"])
	}
	e.do("PUT", "/api/triggers/42", `{"hora": "09:00"}`).want(t, http.StatusNotFound)
	e.do("POST", "/api/triggers/42/ejecutar", "").want(t, http.StatusNotFound)
}

func TestWrongMethodsAnswer405WithAllowInTheEnvelope(t *testing.T) {
	e := newEnv(t)
	cases := []struct{ method, path, allow string }{
		{"DELETE", "/api/triggers/scheduler/status", "GET, HEAD"},
		{"GET", "/api/triggers/scheduler/reload", "POST"},
		{"GET", "/api/triggers/scheduler/pausar", "POST"},
		{"PUT", "/api/triggers/scheduler/reanudar", "POST"},
		{"PATCH", "/api/triggers", "GET, HEAD, POST"},
		{"POST", "/api/triggers/ejecuciones/1", "GET, HEAD"},
		{"POST", "/api/salud", "GET, HEAD"},
		{"GET", "/api/alertas/1/resolver", "POST"},
	}
	for _, c := range cases {
		res := e.do(c.method, c.path, "").want(t, http.StatusMethodNotAllowed)
		if got := res.Header.Get("Allow"); got != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
		}
	}
}

func TestHistoryPathsAreNotTakenForTriggerIDs(t *testing.T) {
	// "ejecuciones" and "scheduler" are literal segments, more specific than {id}
	e := newEnv(t)
	page := e.do("GET", "/api/triggers/ejecuciones", "").want(t, http.StatusOK).data(t)
	if _, ok := page["ejecuciones"]; !ok {
		t.Errorf("GET /api/triggers/ejecuciones = %v", page)
	}
	status := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)
	if _, ok := status["jobs"]; !ok {
		t.Errorf("GET /api/triggers/scheduler/status = %v", status)
	}
	e.do("GET", "/api/triggers/ejecuciones/proximas", "").want(t, http.StatusNotFound)
}

func TestTriggerSubPathsOfOtherMethodsAnswer405(t *testing.T) {
	e := newEnv(t)
	id := itoa(idOf(t, e.create(seedDaily)))
	res := e.do("GET", "/api/triggers/"+id+"/ejecutar", "").want(t, http.StatusMethodNotAllowed)
	if got := res.Header.Get("Allow"); got != "POST" {
		t.Errorf("Allow %q", got)
	}
	if got := e.do("POST", "/api/triggers/"+id+"/proximas", "").want(t, http.StatusMethodNotAllowed).Header.Get("Allow"); got != "GET, HEAD" {
		t.Errorf("Allow %q", got)
	}
}
