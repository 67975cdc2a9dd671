package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCrossOriginPostIsRefused(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	for name, set := range map[string]func(*http.Request){
		"another site's Origin":     func(r *http.Request) { r.Header.Set("Origin", "http://evil.example"); r.Header.Del("Sec-Fetch-Site") },
		"Sec-Fetch-Site cross-site": func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
	} {
		t.Run(name, func(t *testing.T) {
			r := b.request(http.MethodPost, "/pausar", strings.NewReader(""))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			set(r)
			wantPage(t, b.do(r), http.StatusForbidden, "Solicitud de otro sitio rechazada")
			if e.svc.Paused() {
				t.Error("a cross-origin post paused the scheduler")
			}
		})
	}
	// the same post from this site pauses
	wantRedirect(t, b.post("/pausar", nil), "/")
	if !e.svc.Paused() {
		t.Error("a same-origin post did not pause the scheduler")
	}
}

func TestForeignHostIsRefusedUnlessRemoteIsAllowed(t *testing.T) {
	e := newTestEnv(t)
	b := e.anonymous()
	r := b.request(http.MethodGet, "/ingresar", nil)
	r.Host = "vigia.evil.example:5731"
	res := b.do(r)
	wantPage(t, res, http.StatusForbidden, "127.0.0.1, localhost o [::1]")
	if res.Header().Get("Content-Security-Policy") == "" {
		t.Error("the refusal has no CSP")
	}

	remote := newTestEnv(t, func(o *Options) { o.AllowRemote = true })
	rb := remote.anonymous()
	r = rb.request(http.MethodGet, "/ingresar", nil)
	r.Host = "nas.oficina.lan:5000"
	wantPage(t, rb.do(r), http.StatusOK, "Ingresar a Vigía")
}

func TestEveryAnswerHasTheSecurityHeaders(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	for _, path := range []string{"/", "/ingresar", "/no-existe", "/static/app.css"} {
		res := b.get(path)
		h := res.Header()
		if got := h.Get("Content-Security-Policy"); got != "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'" {
			t.Errorf("%s: CSP %q", path, got)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestAuthenticatedPagesAreNotCachedAndAssetsAreForLong(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	for _, path := range []string{"/", "/no-existe"} {
		if got := b.get(path).Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", path, got)
		}
	}
	for name, ctype := range map[string]string{"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8", "favicon.svg": "image/svg+xml"} {
		// the layout links each asset with its content's hash
		home := b.get("/").Body.String()
		link := e.srv.assets.url(name)
		if !strings.Contains(home, `"`+link+`"`) || !strings.Contains(link, "?v=") {
			t.Errorf("the layout does not link %s as %s", name, link)
		}
		res := e.anonymous().get(link)
		wantPage(t, res, http.StatusOK)
		if res.Header().Get("Content-Type") != ctype || res.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d %q %q", name, res.Code, res.Header().Get("Content-Type"), res.Header().Get("Cache-Control"))
		}
	}
	// no directory listing, no file outside static/
	for _, path := range []string{"/static/", "/static/nada.css"} {
		if res := e.anonymous().get(path); res.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.Code)
		}
	}
	if res := e.anonymous().get("/static/../server.go"); res.Code == http.StatusOK || strings.Contains(res.Body.String(), "package web") {
		t.Errorf("/static/../server.go: %d", res.Code)
	}
}

func TestUnknownPageIs404InTheLayout(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	wantPage(t, b.get("/no-existe"), http.StatusNotFound, "Página no encontrada", "Esa página no existe en Vigía.", `href="/triggers"`)
}

func TestAPanicIsThe500PageAndIsLogged(t *testing.T) {
	e := newTestEnv(t)
	e.srv.mux.HandleFunc("GET /revienta", func(http.ResponseWriter, *http.Request) { panic("a bug") })
	b := e.login()
	wantPage(t, b.get("/revienta"), http.StatusInternalServerError, "Error interno de Vigía")
	if !strings.Contains(e.logs.String(), "pánico en la interfaz web") {
		t.Errorf("the panic was not logged:\n%s", e.logs)
	}
}

func TestPagesSpeakTheStoredLanguage(t *testing.T) {
	e := newTestEnv(t)
	e.settings.setLanguage("en")
	b := e.login()
	wantPage(t, b.get("/"), http.StatusOK, `<html lang="en">`, "<h1>Home</h1>", "Scheduler running: 0 triggers scheduled.", ">Log out<", ">History<")
	wantPage(t, e.anonymous().get("/ingresar"), http.StatusOK, "Log in to Vigía", "Access token")

	// «auto» follows the browser: English only when it prefers English to Spanish
	e.settings.setLanguage("auto")
	for accept, want := range map[string]string{"en-US,en;q=0.9,es;q=0.8": "Home", "es-CO,en;q=0.5": "Inicio", "fr,en;q=0.5": "Home", "": "Inicio"} {
		r := b.request(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Language", accept)
		wantPage(t, b.do(r), http.StatusOK, "<h1>"+want+"</h1>")
	}
}

func TestLanguageSwitchStoresTheLanguageAndGoesBack(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()

	res := b.post("/idioma", url.Values{"idioma": {"en"}, "volver": {"/historial?estado=fallido"}})

	wantRedirect(t, res, "/historial?estado=fallido")
	if len(e.settings.saved) != 1 || e.settings.saved[0].Language != "en" || e.settings.saved[0].Zone != "America/Bogota" {
		t.Errorf("saved %+v", e.settings.saved)
	}
	wantPage(t, b.get("/"), http.StatusOK, "<h1>Home</h1>", `value="en" lang="en" aria-pressed="true"`)
	// another site's page cannot be the way back, nor an unknown language be stored
	wantRedirect(t, b.post("/idioma", url.Values{"idioma": {"es"}, "volver": {"https://evil.example/"}}), "/")
	wantPage(t, b.post("/idioma", url.Values{"idioma": {"fr"}}), http.StatusBadRequest)
	if len(e.settings.saved) != 2 {
		t.Errorf("saved %d times, want 2", len(e.settings.saved))
	}
}
