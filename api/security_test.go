package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"vigia/api"
	"vigia/app"
)

func TestOnlyLoopbackHostsAreServed(t *testing.T) {
	e := newEnv(t)
	for _, host := range []string{"127.0.0.1:5000", "127.0.0.1", "localhost:5000", "LocalHost:8080", "localhost", "[::1]:5000", "[::1]"} {
		r := request("GET", "/api/triggers", "")
		r.Host = host
		e.serve(r).want(t, http.StatusOK)
	}
	// a valid token does not help a foreign Host (DNS rebinding)
	for _, host := range []string{"evil.example", "evil.example:5000", "127.0.0.1.evil.example:5000", "localhost.evil.example",
		"10.0.0.5:5000", "[::2]:5000", "127.0.0.1:", "127.0.0.1:50a0", "[::1]x", "", "::1"} {
		r := request("GET", "/api/triggers", "")
		r.Host = host
		res := e.serve(r).want(t, http.StatusForbidden)
		if !strings.Contains(res.Body["error"].(string), "no permitido") {
			t.Errorf("host %q: error %q", host, res.Body["error"])
		}
	}
}

func TestAllowRemoteAdmitsAnyHostButStillNeedsTheToken(t *testing.T) {
	e := newEnv(t, func(o *api.Options) { o.AllowRemote = true })
	r := request("GET", "/api/triggers", "")
	r.Host = "vigia.oficina.example:5000"
	e.serve(r).want(t, http.StatusOK)
	r.Header.Del("Authorization")
	e.serve(r).want(t, http.StatusUnauthorized)
}

func TestEveryEndpointButHealthNeedsTheToken(t *testing.T) {
	e := newEnv(t)
	paths := []struct{ method, path string }{
		{"GET", "/api/triggers"}, {"POST", "/api/triggers"}, {"GET", "/api/triggers/1"}, {"PUT", "/api/triggers/1"},
		{"DELETE", "/api/triggers/1"}, {"POST", "/api/triggers/1/ejecutar"}, {"GET", "/api/triggers/1/proximas"},
		{"GET", "/api/triggers/ejecuciones"}, {"GET", "/api/triggers/ejecuciones/1"}, {"GET", "/api/triggers/scheduler/status"},
		{"POST", "/api/triggers/scheduler/reload"}, {"POST", "/api/triggers/scheduler/pausar"},
		{"POST", "/api/triggers/scheduler/reanudar"}, {"GET", "/api/empresas"}, {"POST", "/api/empresas"}, {"GET", "/api/alertas"},
		{"POST", "/api/alertas"}, {"PUT", "/api/alertas/1"}, {"DELETE", "/api/alertas/1"}, {"POST", "/api/alertas/1/resolver"},
		{"GET", "/api/no-existe"},
	}
	auths := map[string]string{
		"no header":   "",
		"wrong token": "Bearer " + strings.Repeat("f", len(testToken)),
		"short token": "Bearer abc",
		"basic auth":  "Basic " + testToken,
		"no scheme":   testToken,
	}
	for name, auth := range auths {
		for _, p := range paths {
			r := request(p.method, p.path, "")
			r.Header.Del("Authorization")
			if auth != "" {
				r.Header.Set("Authorization", auth)
			}
			res := e.serve(r).want(t, http.StatusUnauthorized)
			if res.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s %s %s: no WWW-Authenticate", name, p.method, p.path)
			}
			if msg := res.Body["error"].(string); !strings.Contains(msg, tokenHint) || !strings.Contains(string(res.Raw), "Authorization: Bearer <token>") {
				t.Errorf("%s: the 401 message does not say where the token is: %q", name, msg)
			}
		}
	}
	// the scheme is case-insensitive
	r := request("GET", "/api/triggers", "")
	r.Header.Set("Authorization", "bearer "+testToken)
	e.serve(r).want(t, http.StatusOK)
}

func TestHealthNeedsNoTokenAndIsExactlyStatusAndVersion(t *testing.T) {
	e := newEnv(t)
	r := request("GET", "/api/salud", "")
	r.Header.Del("Authorization")
	res := e.serve(r)
	if res.Status != http.StatusOK || string(res.Raw) != `{"estado":"ok","version":"1.2.3-test"}` {
		t.Errorf("salud = %d %s", res.Status, res.Raw)
	}
	// it still checks the Host
	r.Host = "evil.example"
	e.serve(r).want(t, http.StatusForbidden)
}

func TestAnEmptyConfiguredTokenRefusesEveryone(t *testing.T) {
	e := newEnv(t, func(o *api.Options) { o.Token = "" })
	r := request("GET", "/api/triggers", "")
	r.Header.Set("Authorization", "Bearer ")
	e.serve(r).want(t, http.StatusUnauthorized)
}

func TestCrossSiteWritesAreRefused(t *testing.T) {
	e := newEnv(t)
	before := e.snapshot()
	cases := map[string]func(r *http.Request){
		"Sec-Fetch-Site cross-site": func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
		"Sec-Fetch-Site same-site":  func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-site") },
		"Origin of another host":    func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") },
		"Origin on another port":    func(r *http.Request) { r.Header.Set("Origin", "http://127.0.0.1:8080") },
	}
	for name, mod := range cases {
		// given a valid token, as a browser page could not know it but might guess
		r := request("POST", "/api/triggers", seedDaily)
		mod(r)
		res := e.serve(r).want(t, http.StatusForbidden)
		if !strings.Contains(res.Body["error"].(string), "otro sitio") {
			t.Errorf("%s: error %q", name, res.Body["error"])
		}
	}
	if after := e.snapshot(); after != before {
		t.Errorf("a cross-site request changed the triggers: %s", after)
	}
	// same-origin requests pass
	r := request("POST", "/api/triggers", seedDaily)
	r.Header.Set("Origin", "http://"+testHost)
	e.serve(r).want(t, http.StatusCreated)
	r = request("POST", "/api/triggers", seedWeekly)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	e.serve(r).want(t, http.StatusCreated)
}

func TestNoCORSHeadersEvenOnAPreflight(t *testing.T) {
	e := newEnv(t)
	r := request("OPTIONS", "/api/triggers", "")
	r.Header.Set("Origin", "http://evil.example")
	r.Header.Set("Access-Control-Request-Method", "POST")
	res := e.serve(r).want(t, http.StatusMethodNotAllowed)
	r = request("GET", "/api/triggers", "")
	r.Header.Set("Origin", "http://evil.example")
	res2 := e.serve(r).want(t, http.StatusOK)
	for _, h := range []http.Header{res.Header, res2.Header} {
		for k := range h {
			if strings.HasPrefix(strings.ToLower(k), "access-control-") {
				t.Errorf("CORS header %s: %v", k, h[k])
			}
		}
	}
}

func TestWritesMustBeJSON(t *testing.T) {
	e := newEnv(t)
	before := e.snapshot()
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx", "json"} {
		r := request("POST", "/api/triggers", seedDaily)
		r.Header.Set("Content-Type", ct)
		if ct == "" {
			r.Header.Del("Content-Type")
		}
		res := e.serve(r).want(t, http.StatusUnsupportedMediaType)
		if !strings.Contains(res.Body["error"].(string), "application/json") {
			t.Errorf("%q: error %q", ct, res.Body["error"])
		}
	}
	if after := e.snapshot(); after != before {
		t.Errorf("triggers changed: %s", after)
	}
	r := request("POST", "/api/triggers", seedDaily)
	r.Header.Set("Content-Type", "Application/JSON; charset=UTF-8")
	e.serve(r).want(t, http.StatusCreated)
}

func TestBodiesOverTheLimitAreRefused(t *testing.T) {
	e := newEnv(t)
	before := e.snapshot()
	huge := `{"nombre": "` + strings.Repeat("x", 1<<20) + `"}`

	// with a Content-Length
	res := e.do("POST", "/api/triggers", huge).want(t, http.StatusRequestEntityTooLarge)
	if !strings.Contains(res.Body["error"].(string), "64 KiB") {
		t.Errorf("error %q", res.Body["error"])
	}
	// streamed, without a Content-Length
	r := request("POST", "/api/triggers", "")
	r.Body = io.NopCloser(strings.NewReader(huge))
	r.ContentLength = -1
	r.Header.Set("Content-Type", "application/json")
	e.serve(r).want(t, http.StatusRequestEntityTooLarge)
	// and over a real connection
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	req, _ := http.NewRequest("PUT", srv.URL+"/api/triggers/1", bytes.NewReader([]byte(huge)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("real connection: %d", resp.StatusCode)
	}
	if after := e.snapshot(); after != before {
		t.Errorf("triggers changed: %s", after)
	}
	// just under the limit is read (and judged on its content)
	almost := `{"nombre": "` + strings.Repeat("x", api.MaxBodyBytes-100) + `"}`
	e.do("POST", "/api/triggers", almost).want(t, http.StatusBadRequest)
}

func TestRequestLogNeverShowsTheToken(t *testing.T) {
	e := newEnv(t)
	e.create(seedDaily)
	e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK)
	r := request("GET", "/api/triggers", "")
	r.Header.Set("Authorization", "Bearer wrong-"+testToken)
	e.serve(r).want(t, http.StatusUnauthorized)

	logs := e.logs.String()
	if !strings.Contains(logs, "path=/api/triggers/scheduler/status") || !strings.Contains(logs, "status=401") {
		t.Errorf("requests are not logged:\n%s", logs)
	}
	if strings.Contains(logs, testToken) || strings.Contains(logs, "Bearer") {
		t.Errorf("the token reached the log:\n%s", logs)
	}
}

func TestInternalErrorsAreGenericAndLogged(t *testing.T) {
	// given a service whose database is closed under it
	e := newEnv(t)
	e.create(seedDaily)
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
	res := e.do("GET", "/api/triggers", "").want(t, http.StatusInternalServerError)
	if msg := res.Body["error"].(string); strings.Contains(msg, "sql") || strings.Contains(msg, "closed") || strings.Contains(msg, "trigger") {
		t.Errorf("internals leaked: %q", msg)
	}
	if !strings.Contains(e.logs.String(), "error interno en la API") {
		t.Errorf("the real error was not logged:\n%s", e.logs.String())
	}
}

func TestPanicsBecomeAnInternalError(t *testing.T) {
	// a service without adapters panics on first use
	h := api.New(app.NewService(app.Config{}), api.Options{Token: testToken, Logger: discardLogger()})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, request("GET", "/api/triggers", ""))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"success":false`) {
		t.Errorf("panic answered %d %s", rec.Code, rec.Body)
	}
}

func TestShuttingDownRefusesRunsWith503(t *testing.T) {
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))
	e.svc.Shutdown(context.Background())
	res := e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusServiceUnavailable)
	if !strings.Contains(res.Body["error"].(string), "cerrando") {
		t.Errorf("error %q", res.Body["error"])
	}
}
