package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"vigia/api"
	"vigia/app"
)

// The fuzz targets below send any body to the real router over a real SQLite
// store, one process per target. Each body is posted (then the created thing
// deleted, so the store stays small) and put over one thing that stays (which
// accumulates the changes). Whatever the body: never a 5xx, always the JSON
// envelope; a 2xx reads back equal with GET, holds what the body said
// (names and titles trimmed), and no name or title holds a line break or an
// unprintable character (app.Unprintable); a body that is not UTF-8 is refused.

// FuzzTriggerBody: POST /api/triggers and PUT /api/triggers/{id}.
func FuzzTriggerBody(f *testing.F) {
	for _, s := range []string{
		seedDaily, seedWeekly, seedHourly, `{}`, `[]`, `null`, `"x"`, ``, `{"nombre":"a"}{}`,
		`{"nombre":"Mensual","frecuencia":"mensual","hora":"23:59","dia_mes":-1,"destinatarios":["a@b.co"],"prioridades":["BAJA"]}`,
		`{"nombre":"  Con espacios  ","frecuencia":"diaria","hora":"8:00","destinatarios":"a@b.co; c@d.co\nE@F.co","prioridades":"CRITICA","activo":true,"recuperar":0,"enviar_sin_alertas":1}`,
		`{"nombre":"ok\nERROR: ❌ falso","frecuencia":"diaria","hora":"08:00","destinatarios":"a@b.co","prioridades":"ALTA"}`,
		`{"nombre":"\u001b[31mrojo","frecuencia":"diaria","hora":"08:00","destinatarios":"a@b.co","prioridades":"ALTA"}`,
		`{"nombre":"Panader` + "\xed" + `a","frecuencia":"diaria","hora":"08:00","destinatarios":"a@b.co","prioridades":"ALTA"}`,
		`{"nombre":"x","nombre":"y"}`, `{"nombre":1}`, `{"dia_mes":1e2}`, `{"intervalo_horas":9223372036854775808}`,
		`{"frecuencia":"personalizada","intervalo_horas":169}`, `{"hora":"24:00"}`, `{"activo":"1"}`, `{"desconocido":1}`,
		`{"dias_semana":"lunes,MIÉRCOLES, viernes ,sabado","frecuencia":"semanal"}`, `{"destinatarios":"a@b.co\r\nBcc: x@y.co"}`,
	} {
		f.Add([]byte(s))
	}
	e := newEnv(f, quietAPI)
	fixed := idOf(f, e.create(seedDaily))
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzBody(t, e, "/api/triggers", itoa(fixed), body, "nombre")
	})
}

// FuzzCompanyBody: POST /api/empresas and PUT /api/empresas/{id}.
func FuzzCompanyBody(f *testing.F) {
	for _, s := range []string{
		`{"nombre":"Panadería La Espiga","nit":"900.123.456-8","contacto":"ana@ejemplo.com","activa":true}`,
		`{"nombre":"  Ferretería Ñandú  ","nit":"900123456"}`, `{"nombre":"Sin NIT","nit":""}`, `{"nombre":"x","nit":"900123456-7"}`,
		`{"nombre":"x","contacto":"Ana <ana@ejemplo.com>"}`, `{"nombre":"x","contacto":"ana@eje\u202emplo.com"}`,
		`{"nombre":"ok\nERROR: falso"}`, `{"nombre":"\u0000"}`, `{"nombre":"\u202eoloP"}`, `{"nombre":"` + "\xff" + `"}`,
		`{"nombre":"x","activa":2}`, `{"nombre":"x","nit":900123456}`, `{"nombre":"x"} `, `{"nombre":"x"}]`, `{`,
		`{"nombre":"` + strings.Repeat("ñ", 121) + `"}`,
		`{"nombre":"x","nit":"900123456-8","responsabilidades":["iva_bimestral","retencion_fuente"]}`,
		`{"nombre":"x","responsabilidades":"ica_bogota_bimestral, predial"}`, `{"nombre":"x","responsabilidades":[]}`,
		`{"nombre":"x","responsabilidades":["iva_bimestral","iva_cuatrimestral"]}`, `{"nombre":"x","responsabilidades":[1]}`,
	} {
		f.Add([]byte(s))
	}
	e := newEnv(f, quietAPI)
	res := e.do("POST", "/api/empresas", `{"nombre":"Fija"}`).want(f, http.StatusCreated)
	fixed := idOf(f, res.data(f))
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzBody(t, e, "/api/empresas", itoa(fixed), body, "nombre")
	})
}

// FuzzAlertBody: POST /api/alertas and PUT /api/alertas/{id}, for company 1.
func FuzzAlertBody(f *testing.F) {
	for _, s := range []string{
		`{"empresa_id":1,"titulo":"Declaración de renta","detalle":"Formulario 110\nantes del 15","prioridad":"ALTA","vence_el":"2026-12-15"}`,
		`{"empresa_id":1,"titulo":"  IVA  ","prioridad":"critica","vence_el":""}`, `{"empresa_id":1,"titulo":"x","prioridad":"ALTA","vence_el":"0001-01-01"}`,
		`{"empresa_id":1,"titulo":"x","prioridad":"ALTA","vence_el":"2026-02-30"}`, `{"empresa_id":2,"titulo":"x","prioridad":"ALTA"}`,
		`{"empresa_id":"1","titulo":"x","prioridad":"ALTA"}`, `{"empresa_id":-1}`, `{"empresa_id":1.0}`, `{"empresa_id":99999999999999999999}`,
		`{"empresa_id":1,"titulo":"ok\rERROR","prioridad":"BAJA"}`, `{"empresa_id":1,"titulo":"x","detalle":"\u001b[2J","prioridad":"BAJA"}`,
		`{"empresa_id":1,"titulo":"x","prioridad":"URGENTE"}`, `{"empresa_id":1,"titulo":"` + "\xc3" + `","prioridad":"BAJA"}`,
	} {
		f.Add([]byte(s))
	}
	e := newEnv(f, quietAPI)
	e.do("POST", "/api/empresas", `{"nombre":"Panadería La Espiga"}`).want(f, http.StatusCreated)
	res := e.do("POST", "/api/alertas", `{"empresa_id":1,"titulo":"Fija","prioridad":"MEDIA"}`).want(f, http.StatusCreated)
	fixed := idOf(f, res.data(f))
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzBody(t, e, "/api/alertas", itoa(fixed), body, "titulo")
	})
}

func quietAPI(o *api.Options) { o.Logger = discardLogger() }

// fuzzBody posts body to path (and deletes what it creates) and puts it over
// path/fixed, checking each answer.
func fuzzBody(t *testing.T, e *env, path, fixed string, body []byte, name string) {
	if created := fuzzSend(t, e, "POST", path, body, name); created != nil {
		id := itoa(idOf(t, created))
		if res := fuzzDo(t, e, "DELETE", path+"/"+id+"?forzar=1", nil); res.Status != http.StatusOK {
			t.Fatalf("DELETE %s/%s: %d %s", path, id, res.Status, res.Raw)
		}
	}
	fuzzSend(t, e, "PUT", path+"/"+fixed, body, name)
}

// fuzzSend sends body and checks the answer; on success it returns the
// thing, read back.
func fuzzSend(t *testing.T, e *env, method, path string, body []byte, name string) map[string]any {
	t.Helper()
	res := fuzzDo(t, e, method, path, body)
	if res.Status >= 300 {
		return nil
	}
	if !utf8.Valid(body) {
		t.Fatalf("%s %s: %d for a body that is not UTF-8: %q", method, path, res.Status, body)
	}
	sent, ok := res.Body["datos"].(map[string]any)
	if !ok {
		t.Fatalf("%s %s: %d without datos: %s", method, path, res.Status, res.Raw)
	}
	read := path // PUT's path names the thing
	if method == "POST" {
		read += "/" + itoa(idOf(t, sent))
	}
	got := fuzzDo(t, e, "GET", read, nil)
	if got.Status != http.StatusOK || !reflect.DeepEqual(got.Body["datos"], sent) {
		t.Fatalf("%s %s answered\n%s\nbut GET %s reads %d\n%s", method, path, res.Raw, read, got.Status, got.Raw)
	}
	checkName(t, method, path, body, sent, name)
	return sent
}

// checkName checks the stored name or title: the body's, trimmed, and
// without an unprintable character.
func checkName(t *testing.T, method, path string, body []byte, stored map[string]any, name string) {
	t.Helper()
	var in map[string]any
	if err := json.Unmarshal(body, &in); err != nil {
		t.Fatalf("%s %s accepted a body encoding/json refuses (%v): %q", method, path, err, body)
	}
	given, isText := in[name].(string)
	if isText && stored[name] != strings.TrimSpace(given) {
		t.Fatalf("%s %s: %s %q stored as %q", method, path, name, given, stored[name])
	}
	s, _ := stored[name].(string)
	if i := strings.IndexFunc(s, app.Unprintable); i >= 0 {
		t.Fatalf("%s %s stored %s %q with an unprintable character", method, path, name, s)
	}
}

// fuzzDo serves one request and checks the envelope: never a 5xx, always
// JSON, success as the status says.
func fuzzDo(t *testing.T, e *env, method, path string, body []byte) response {
	t.Helper()
	r := request(method, path, "")
	if body != nil {
		r = httptest.NewRequest(method, path, strings.NewReader(string(body)))
		r.Host = testHost
		r.Header.Set("Authorization", "Bearer "+testToken)
		r.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, r)
	res := response{Status: rec.Code, Header: rec.Header(), Raw: rec.Body.Bytes()}
	if res.Status >= 500 {
		t.Fatalf("%s %s %q: %d %s", method, path, body, res.Status, res.Raw)
	}
	if err := json.Unmarshal(res.Raw, &res.Body); err != nil || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("%s %s %q: %d, %s, not the JSON envelope: %s", method, path, body, res.Status, rec.Header().Get("Content-Type"), res.Raw)
	}
	if res.Body["success"] != (res.Status < 300) {
		t.Fatalf("%s %s %q: %d with success %v: %s", method, path, body, res.Status, res.Body["success"], res.Raw)
	}
	return res
}

// FuzzTriggerFields fills the trigger's fields with any values (the body
// itself always well-formed JSON), so the fuzzer explores validation rather
// than JSON syntax: never a 5xx; a created trigger reads back equal, has one
// of the four frequencies, an HH:MM time unless it runs every N hours, and
// a next run when it is active.
func FuzzTriggerFields(f *testing.F) {
	f.Add("Notificación Diaria", "diaria", "08:00", "", "admin@ejemplo.com", "CRITICA,ALTA", int64(0), int64(0), true)
	f.Add("Semanal", "semanal", "15:00", "lunes,Miércoles,VIERNES", "a@b.co;c@d.co", "ALTA", int64(0), int64(0), true)
	f.Add("Mensual", "mensual", "23:59", "", "a@b.co", "BAJA", int64(-1), int64(0), false)
	f.Add("Mensual 31", "mensual", "0:00", "", "a@b.co", "MEDIA", int64(31), int64(0), true)
	f.Add("Cada 4 horas", "personalizada", "", "", "a@b.co\nb@c.co", "CRITICA", int64(0), int64(4), true)
	f.Add("Cada semana", "personalizada", "25:00", "domingo", "a@b.co", "CRITICA", int64(32), int64(168), true)
	f.Add(" x ", "DIARIA", " 7:05 ", " ", "A@B.CO, a@b.co", "critica, alta,alta", int64(0), int64(-1), true)
	e := newEnv(f, quietAPI)
	f.Fuzz(func(t *testing.T, name, freq, hm, days, to, prios string, day, hours int64, active bool) {
		in := map[string]any{"nombre": name, "frecuencia": freq, "destinatarios": to, "prioridades": prios, "activo": active}
		for k, v := range map[string]string{"hora": hm, "dias_semana": days} {
			if v != "" {
				in[k] = v
			}
		}
		if day != 0 {
			in["dia_mes"] = day
		}
		if hours != 0 {
			in["intervalo_horas"] = hours
		}
		body, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		created := fuzzSend(t, e, "POST", "/api/triggers", body, "nombre")
		if created == nil {
			return
		}
		checkTriggerOut(t, body, created)
		id := itoa(idOf(t, created))
		if res := fuzzDo(t, e, "DELETE", "/api/triggers/"+id, nil); res.Status != http.StatusOK {
			t.Fatalf("DELETE /api/triggers/%s: %d %s", id, res.Status, res.Raw)
		}
	})
}

// checkTriggerOut checks a created trigger as the API shows it.
func checkTriggerOut(t *testing.T, body []byte, tr map[string]any) {
	t.Helper()
	freq, _ := tr["frecuencia"].(string)
	hm, _ := tr["hora"].(string)
	switch {
	case freq != "diaria" && freq != "semanal" && freq != "mensual" && freq != "personalizada":
		t.Fatalf("%s created a trigger with frecuencia %q", body, freq)
	case freq != "personalizada" && !regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`).MatchString(hm):
		t.Fatalf("%s created a %s trigger with hora %q", body, freq, hm)
	case tr["activo"] == true && tr["proxima_ejecucion"] == nil:
		t.Fatalf("%s created an active trigger without a next run: %v", body, tr)
	}
}
