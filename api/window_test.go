package api_test

import (
	"net/http"
	"sync/atomic"
	"testing"

	"vigia/api"
)

// withWindow gives the process a window whose shows are counted.
func withWindow(shown *atomic.Int32) envOption {
	return func(o *api.Options) { o.ShowWindow = func() { shown.Add(1) } }
}

func TestShowWindowAsksTheGUIToShowItsWindow(t *testing.T) {
	// given
	var shown atomic.Int32
	e := newEnv(t, withWindow(&shown))

	// when
	res := e.do("POST", "/api/app/mostrar", "").want(t, http.StatusOK)

	// then
	if res.Body["message"] != "Ventana de Vigía mostrada" {
		t.Errorf("message %q", res.Body["message"])
	}
	if n := shown.Load(); n != 1 {
		t.Errorf("window shown %d times, want 1", n)
	}
}

func TestShowWindowNeedsTheToken(t *testing.T) {
	var shown atomic.Int32
	e := newEnv(t, withWindow(&shown))
	r := request("POST", "/api/app/mostrar", "")
	r.Header.Del("Authorization")
	e.serve(r).want(t, http.StatusUnauthorized)
	r = request("POST", "/api/app/mostrar", "")
	r.Header.Set("Authorization", "Bearer otro-token")
	e.serve(r).want(t, http.StatusUnauthorized)
	if n := shown.Load(); n != 0 {
		t.Errorf("window shown %d times without a valid token", n)
	}
}

func TestShowWindowIsOnlyAPost(t *testing.T) {
	var shown atomic.Int32
	e := newEnv(t, withWindow(&shown))
	res := e.do("GET", "/api/app/mostrar", "").want(t, http.StatusMethodNotAllowed)
	if got := res.Header.Get("Allow"); got != "POST" {
		t.Errorf("Allow %q", got)
	}
	if n := shown.Load(); n != 0 {
		t.Errorf("window shown %d times", n)
	}
}

func TestAHeadlessProcessHasNoWindowToShow(t *testing.T) {
	e := newEnv(t) // no ShowWindow: headless
	e.do("POST", "/api/app/mostrar", "").want(t, http.StatusNotFound)
}
