package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// jsonBody is v as a JSON object, with every character JSON escapes escaped.
func jsonBody(t *testing.T, v map[string]any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantField checks that res refuses field with words holding want.
func wantField(t *testing.T, what string, res response, field, want string) {
	t.Helper()
	res.want(t, http.StatusBadRequest)
	if got, _ := res.fields(t)[field].(string); !strings.Contains(got, want) {
		t.Errorf("%s: errores.%s = %q, want it to hold %q: %s", what, field, got, want, res.Raw)
	}
}

func TestNamesAndTitlesWithControlCharactersAreA400NamingTheFieldAndNothingIsStored(t *testing.T) {
	// given a company, an alert and a trigger
	e := newEnv(t)
	company := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Panadería"}`).want(t, http.StatusCreated).data(t))
	alert := idOf(t, e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(company)+`, "titulo": "IVA", "prioridad": "ALTA"}`).
		want(t, http.StatusCreated).data(t))
	trigger := idOf(t, e.do("POST", "/api/triggers", seedDaily).want(t, http.StatusCreated).data(t))
	before := e.snapshot()

	for value, want := range map[string]string{
		"ok\nERROR: ❌ falso":   "salto de línea",
		"ok\r\nERROR: x":       "salto de línea",
		"rojo\x1b[31m":         "(U+001B)",
		"nul\x00":              "(U+0000)",
		"fdp\u202etxt.exe":     "(U+202E)",
		"isolate\u2067x\u2069": "(U+2067)",
		"c1\u009b31m":          "(U+009B)",
	} {
		// when names and titles carry it, on create and on update
		trig := map[string]any{"nombre": value, "frecuencia": "diaria", "hora": "08:00", "destinatarios": "a@ejemplo.com", "prioridades": "ALTA"}
		wantField(t, "POST trigger", e.do("POST", "/api/triggers", jsonBody(t, trig)), "nombre", want)
		wantField(t, "PUT trigger", e.do("PUT", "/api/triggers/"+itoa(trigger), jsonBody(t, map[string]any{"nombre": value})), "nombre", want)
		wantField(t, "POST company", e.do("POST", "/api/empresas", jsonBody(t, map[string]any{"nombre": value})), "nombre", want)
		wantField(t, "PUT company", e.do("PUT", "/api/empresas/"+itoa(company), jsonBody(t, map[string]any{"nombre": value})), "nombre", want)
		wantField(t, "POST alert", e.do("POST", "/api/alertas", jsonBody(t, map[string]any{"empresa_id": company, "titulo": value, "prioridad": "ALTA"})), "titulo", want)
		wantField(t, "PUT alert", e.do("PUT", "/api/alertas/"+itoa(alert), jsonBody(t, map[string]any{"titulo": value})), "titulo", want)
	}

	// then nothing changed
	if after := e.snapshot(); after != before {
		t.Errorf("stored data changed:\n%s\nwant:\n%s", after, before)
	}
	res := e.do("POST", "/api/empresas", jsonBody(t, map[string]any{"nombre": "a\x1bb"})).want(t, http.StatusBadRequest)
	if msg, _ := res.Body["error"].(string); !strings.Contains(msg, "nombre: Tiene un carácter de control o invisible (U+001B)") {
		t.Errorf("error %q", msg)
	}
}

func TestADetailKeepsItsLinesAndTabs(t *testing.T) {
	e := newEnv(t)
	company := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Panadería"}`).want(t, http.StatusCreated).data(t))

	a := e.do("POST", "/api/alertas", jsonBody(t, map[string]any{"empresa_id": company, "titulo": "IVA", "prioridad": "ALTA",
		"detalle": "uno\r\ndos\ttres"})).want(t, http.StatusCreated).data(t)

	if a["detalle"] != "uno\ndos\ttres" {
		t.Errorf("detalle %q", a["detalle"])
	}
	wantField(t, "ESC in a detail", e.do("PUT", "/api/alertas/"+itoa(idOf(t, a)), jsonBody(t, map[string]any{"detalle": "x\x1b[2J"})), "detalle", "(U+001B)")
}

func TestABodyThatIsNotUTF8IsA400NotTextWithReplacementCharacters(t *testing.T) {
	// given
	e := newEnv(t)
	before := e.snapshot()

	// when a body holds a Windows-1252 byte, or a JSON escape of half a UTF-16 pair
	raw := e.do("POST", "/api/empresas", "{\"nombre\": \"Panader\xeda\"}")
	half := e.do("POST", "/api/empresas", `{"nombre": "Panader\ud800a"}`)
	lowHalf := e.do("POST", "/api/empresas", `{"nombre": "x\udc00"}`)

	// then each is refused, saying why, and nothing is stored
	raw.want(t, http.StatusBadRequest)
	if msg, _ := raw.Body["error"].(string); !strings.Contains(msg, "UTF-8") || !strings.Contains(msg, "byte 20") {
		t.Errorf("error %q", msg)
	}
	wantField(t, "half a pair", half, "nombre", "UTF-8")
	wantField(t, "a low half", lowHalf, "nombre", "UTF-8")
	if after := e.snapshot(); after != before {
		t.Errorf("stored data changed:\n%s", after)
	}
	// and a whole pair, an escaped backslash before a u, and U+FFFD written as such are text
	c := e.do("POST", "/api/empresas", `{"nombre": "Pan \ud83c\udf5e \\ud800 \ufffd �"}`).want(t, http.StatusCreated).data(t)
	if c["nombre"] != "Pan 🍞 \\ud800 \ufffd \ufffd" {
		t.Errorf("nombre %q", c["nombre"])
	}
}

func TestAnIDHasOneSpellingOnEveryRoute(t *testing.T) {
	// given trigger 1 with a run, company 1 and alert 1
	e := newEnv(t)
	e.do("POST", "/api/triggers", seedDaily).want(t, http.StatusCreated)
	e.do("POST", "/api/empresas", `{"nombre": "Panadería"}`).want(t, http.StatusCreated)
	e.do("POST", "/api/alertas", `{"empresa_id": 1, "titulo": "IVA", "prioridad": "ALTA"}`).want(t, http.StatusCreated)
	e.do("POST", "/api/triggers/1/ejecutar", "").want(t, http.StatusAccepted)
	e.finished()
	before := e.snapshot()

	routes := []struct{ method, path, body string }{
		{"GET", "/api/triggers/%s", ""},
		{"PUT", "/api/triggers/%s", `{"nombre": "Otro"}`},
		{"DELETE", "/api/triggers/%s", ""},
		{"POST", "/api/triggers/%s/ejecutar", ""},
		{"POST", "/api/triggers/%s/probar", `{"destinatario": "a@ejemplo.com"}`},
		{"GET", "/api/triggers/%s/proximas", ""},
		{"GET", "/api/triggers/%s/vista-previa", ""},
		{"GET", "/api/triggers/ejecuciones/%s", ""},
		{"GET", "/api/empresas/%s", ""},
		{"PUT", "/api/empresas/%s", `{"nombre": "Otra"}`},
		{"DELETE", "/api/empresas/%s?forzar=1", ""},
		{"GET", "/api/alertas/%s", ""},
		{"PUT", "/api/alertas/%s", `{"titulo": "Otro"}`},
		{"DELETE", "/api/alertas/%s", ""},
		{"POST", "/api/alertas/%s/resolver", ""},
	}
	for _, spelling := range []string{"+1", "01", "0001", "%201", "1%20", "1.0", "1e0", "0x1", "%2B1"} {
		for _, rt := range routes {
			path := strings.Replace(rt.path, "%s", spelling, 1)
			res := e.do(rt.method, path, rt.body)
			if res.Status != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404: %s", rt.method, path, res.Status, res.Raw)
			}
		}
	}
	for _, rt := range routes[:1] {
		e.do(rt.method, strings.Replace(rt.path, "%s", "1", 1), "").want(t, http.StatusOK)
	}
	if after := e.snapshot(); after != before {
		t.Errorf("a route acted on resource 1:\n%s\nwant:\n%s", after, before)
	}
	// and an ID in a query is refused as well
	for _, q := range []string{"/api/alertas?empresa_id=%2B1", "/api/alertas?empresa_id=01", "/api/triggers/ejecuciones?trigger_id=01"} {
		e.do("GET", q, "").want(t, http.StatusBadRequest)
	}
}

func TestDatesOutsideTheYears2000To2100AreA400NotNoDate(t *testing.T) {
	// given a company and an alert due on a date
	e := newEnv(t)
	company := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Panadería"}`).want(t, http.StatusCreated).data(t))
	alert := itoa(idOf(t, e.do("POST", "/api/alertas", `{"empresa_id": 1, "titulo": "IVA", "prioridad": "ALTA", "vence_el": "2025-12-31"}`).
		want(t, http.StatusCreated).data(t)))
	before := e.snapshot()

	for _, v := range []string{"0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"} {
		// when a due date or a bound of a list is out of range
		wantField(t, "POST alert "+v, e.do("POST", "/api/alertas", jsonBody(t, map[string]any{"empresa_id": company, "titulo": "Renta", "prioridad": "ALTA", "vence_el": v})),
			"vence_el", "Fecha fuera de rango \""+v+"\": use una fecha entre 2000-01-01 y 2100-12-31.")
		wantField(t, "PUT alert "+v, e.do("PUT", "/api/alertas/"+alert, jsonBody(t, map[string]any{"vence_el": v})), "vence_el", "fuera de rango")
		wantField(t, "vence_antes "+v, e.do("GET", "/api/alertas?vence_antes="+v, ""), "vence_antes", "fuera de rango")
		wantField(t, "desde "+v, e.do("GET", "/api/triggers/ejecuciones?desde="+v, ""), "desde", "fuera de rango")
		wantField(t, "hasta "+v, e.do("GET", "/api/triggers/ejecuciones?hasta="+v, ""), "hasta", "fuera de rango")
		// and in an import, its line is named
		res := e.importCSV("", "empresa;titulo;prioridad;vence_el\r\nPanadería;Renta;ALTA;"+v+"\r\n").want(t, http.StatusBadRequest)
		if got, _ := res.fields(t)["linea 2"].(string); !strings.Contains(got, "fuera de rango") {
			t.Errorf("import %s: errores %v", v, res.fields(t))
		}
	}

	// then the alert keeps its date and nothing was added
	if after := e.snapshot(); after != before {
		t.Errorf("stored data changed:\n%s\nwant:\n%s", after, before)
	}
	for _, v := range []string{"2000-01-01", "2100-12-31"} {
		a := e.do("PUT", "/api/alertas/"+alert, jsonBody(t, map[string]any{"vence_el": v})).want(t, http.StatusOK).data(t)
		if a["vence_el"] != v {
			t.Errorf("vence_el %v, want %s", a["vence_el"], v)
		}
	}
}
