package web

import (
	"crypto/tls"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

func TestLoginPageIsShownWithoutASession(t *testing.T) {
	e := newTestEnv(t)
	b := e.anonymous()

	// a page needs a session: to the login, which comes back here after
	wantRedirect(t, b.get("/historial?estado=fallido"), "/ingresar?volver=%2Fhistorial%3Festado%3Dfallido")
	wantRedirect(t, b.get("/"), "/ingresar")

	res := b.get("/ingresar")
	body := wantPage(t, res, http.StatusOK, "Ingresar a Vigía", `name="token"`, `type="password"`, "/datos/api-token", `lang="es"`)
	if strings.Contains(body, `href="/triggers"`) {
		t.Error("the login page shows the nav to an anonymous browser")
	}
	if c := res.Result().Cookies(); len(c) != 0 {
		t.Errorf("the login page set cookies: %v", c)
	}
}

func TestWrongTokenShowsTheFormAgainWithoutACookieAndLogsNoSecret(t *testing.T) {
	e := newTestEnv(t)
	b := e.anonymous()
	const typed = "secreto-equivocado-1234"

	res := b.post("/ingresar", url.Values{"token": {typed}})

	wantPage(t, res, http.StatusUnauthorized, "El token no es correcto", `name="token"`)
	if c := res.Result().Cookies(); len(c) != 0 {
		t.Errorf("a wrong token set cookies: %v", c)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "inicio de sesión fallido") || !strings.Contains(logs, "ip=192.0.2.10") {
		t.Errorf("the failure was not logged with the address:\n%s", logs)
	}
	if strings.Contains(logs, typed) || strings.Contains(logs, testToken) {
		t.Errorf("the log holds a secret:\n%s", logs)
	}
}

func TestTheSixthFailureInAMinuteIsRefusedWith429(t *testing.T) {
	e := newTestEnv(t)
	b := e.anonymous()
	for i := range 5 {
		if res := b.post("/ingresar", url.Values{"token": {"malo"}}); res.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d", i+1, res.Code)
		}
	}

	// even the right token is refused while the address is blocked
	res := b.post("/ingresar", url.Values{"token": {testToken}})
	wantPage(t, res, http.StatusTooManyRequests, "Demasiados intentos fallidos")
	if res.Header().Get("Retry-After") != "60" || b.cookie != nil {
		t.Errorf("Retry-After %q, cookie %v", res.Header().Get("Retry-After"), b.cookie)
	}
	// another address is not blocked
	other := e.anonymous()
	other.addr = "192.0.2.99:1234"
	if res := other.post("/ingresar", url.Values{"token": {testToken}}); res.Code != http.StatusSeeOther {
		t.Errorf("another address: status %d", res.Code)
	}
	// a minute after the first failure, the address may try again
	e.clock.Advance(time.Minute)
	wantRedirect(t, b.post("/ingresar", url.Values{"token": {testToken}}), "/")
}

func TestRightTokenSetsAStrictSessionCookieAndGoesHome(t *testing.T) {
	for _, tc := range []struct {
		name       string
		secure     bool
		tls        bool
		wantSecure bool
	}{
		{"loopback over http", false, false, false},
		{"listening beyond loopback", true, false, true},
		{"over TLS", false, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, func(o *Options) { o.Secure = tc.secure })
			b := e.anonymous()
			r := b.request(http.MethodPost, "/ingresar", strings.NewReader(url.Values{"token": {" " + testToken + "\n"}}.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			}
			res := b.do(r)

			wantRedirect(t, res, "/")
			cookies := res.Result().Cookies()
			if len(cookies) != 1 {
				t.Fatalf("cookies %v", cookies)
			}
			c := cookies[0]
			if c.Name != "vigia_sesion" || len(c.Value) < 43 || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Secure != tc.wantSecure {
				t.Errorf("cookie %+v", c)
			}
		})
	}
}

func TestLoginGoesBackToThePageAskedFor(t *testing.T) {
	e := newTestEnv(t)
	b := e.anonymous()
	wantRedirect(t, b.post("/ingresar", url.Values{"token": {testToken}, "volver": {"/historial?estado=fallido"}}), "/historial?estado=fallido")
	c := e.anonymous()
	wantRedirect(t, c.post("/ingresar", url.Values{"token": {testToken}, "volver": {"//evil.example/"}}), "/")
}

func TestAuthenticatedHomeShowsTheSchedulerState(t *testing.T) {
	e := newTestEnv(t)
	e.createTrigger(draft("Resumen diario", func(d *app.TriggerDraft) { d.Time = ptr("09:05") }))
	b := e.login()

	res := b.get("/")

	wantPage(t, res, http.StatusOK, "<h1>Inicio</h1>", "Scheduler en marcha: 1 triggers programados.", "Resumen diario",
		"lun 08/12/2025 09:05", "en 2 h 5 min", `aria-current="page"`, "Cerrar sesión")
	if got := res.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", got)
	}
}

func TestIdleSessionExpiresAfterThirtyMinutes(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()

	// each request restarts the idle time
	e.clock.Advance(29 * time.Minute)
	wantPage(t, b.get("/"), http.StatusOK, "Scheduler")
	e.clock.Advance(29 * time.Minute)
	wantPage(t, b.get("/"), http.StatusOK, "Scheduler")

	e.clock.Advance(30 * time.Minute)
	res := b.get("/")
	wantRedirect(t, res, "/ingresar?expirada=1")
	if b.cookie != nil {
		t.Error("the expired cookie was not cleared")
	}
	if e.srv.sessions.count() != 0 {
		t.Errorf("%d sessions left after expiry", e.srv.sessions.count())
	}
	wantPage(t, b.get("/ingresar?expirada=1"), http.StatusOK, "30 minutos sin actividad")
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	old := *b.cookie

	res := b.post("/salir", nil)

	wantRedirect(t, res, "/ingresar?salida=1")
	if b.cookie != nil {
		t.Error("logout did not clear the cookie")
	}
	// the old cookie opens nothing
	b.cookie = &old
	wantRedirect(t, b.get("/"), "/ingresar?expirada=1")
	wantPage(t, e.anonymous().get("/ingresar?salida=1"), http.StatusOK, "Sesión cerrada.")
}

func TestANewLoginReplacesTheBrowsersSession(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	first := b.cookie.Value
	wantRedirect(t, b.post("/ingresar", url.Values{"token": {testToken}}), "/")
	if b.cookie == nil || b.cookie.Value == first {
		t.Fatalf("cookie %v: want a new session", b.cookie)
	}
	if n := e.srv.sessions.count(); n != 1 {
		t.Errorf("%d sessions, want 1: the first one is not ended", n)
	}
}

func TestNewNeedsTheSettings(t *testing.T) {
	e := newTestEnv(t)
	if _, err := New(e.svc, Options{Token: testToken}); err == nil {
		t.Error("New without Settings succeeded")
	}
}
