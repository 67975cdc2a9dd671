package api_test

import (
	"maps"
	"net/http"
	"reflect"
	"slices"
	"testing"
)

func TestCompaniesAreCreatedListedAndUnique(t *testing.T) {
	e := newEnv(t)
	c := e.do("POST", "/api/empresas", `{"nombre": "Panadería La Espiga", "nit": "800.555.111-3"}`).want(t, http.StatusCreated).data(t)
	if c["nombre"] != "Panadería La Espiga" || c["nit"] != "800555111-3" || c["creado_en"] != "2025-12-08T07:00:00-05:00" ||
		c["activa"] != true || c["contacto"] != "" {
		t.Errorf("company = %v", c)
	}
	if got := keys(c); !slices.Equal(got, []string{"activa", "alertas_abiertas", "contacto", "creado_en", "id", "nit", "nombre", "responsabilidades"}) {
		t.Errorf("keys %v", got)
	}
	e.do("POST", "/api/empresas", `{"nombre": "Panadería La Espiga"}`).want(t, http.StatusConflict)
	res := e.do("POST", "/api/empresas", `{"nombre": "", "nit": "abc"}`).want(t, http.StatusBadRequest)
	if f := res.fields(t); f["nombre"] == nil || f["nit"] == nil {
		t.Errorf("errores = %v", f)
	}
	e.do("POST", "/api/empresas", `{"nombre": "X", "ciudad": "Cali"}`).want(t, http.StatusBadRequest)
	if got := e.do("GET", "/api/empresas", "").want(t, http.StatusOK).list(t); len(got) != 1 {
		t.Errorf("companies = %v", got)
	}
}

func TestAlertsLifecycle(t *testing.T) {
	// given a company
	e := newEnv(t)
	company := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas"}`).want(t, http.StatusCreated).data(t))

	// when alerts are created
	a := e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(company)+`, "titulo": "Renovar RUT", "detalle": "Vence pronto",
		"prioridad": "alta", "vence_el": "2025-12-31"}`).want(t, http.StatusCreated).data(t)
	b := e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(company)+`, "titulo": "Nómina", "prioridad": "BAJA"}`).want(t, http.StatusCreated).data(t)

	// then they echo their fields
	want := map[string]any{"id": a["id"], "empresa_id": float64(company), "titulo": "Renovar RUT", "detalle": "Vence pronto",
		"prioridad": "ALTA", "prioridad_efectiva": "ALTA", "vence_el": "2025-12-31", "estado": "abierta", "resuelta_en": nil,
		"nota_resolucion": nil, "origen": "manual",
		"creado_en": "2025-12-08T07:00:00-05:00", "actualizado_en": "2025-12-08T07:00:00-05:00"}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("alert = %v, want %v", a, want)
	}
	if b["vence_el"] != nil {
		t.Errorf("vence_el = %v", b["vence_el"])
	}

	// when one is updated and the other resolved
	upd := e.do("PUT", "/api/alertas/"+itoa(idOf(t, a)), `{"titulo": "Renovar el RUT", "vence_el": ""}`).want(t, http.StatusOK).data(t)
	if upd["titulo"] != "Renovar el RUT" || upd["vence_el"] != nil || upd["prioridad"] != "ALTA" {
		t.Errorf("updated = %v", upd)
	}
	res := e.do("POST", "/api/alertas/"+itoa(idOf(t, b))+"/resolver", "").want(t, http.StatusOK).data(t)
	if res["estado"] != "resuelta" || res["resuelta_en"] != "2025-12-08T07:00:00-05:00" {
		t.Errorf("resolved = %v", res)
	}

	// then the filters see it
	count := func(q string) int { return len(alertsOf(t, e.do("GET", "/api/alertas"+q, "").want(t, http.StatusOK))) }
	for q, n := range map[string]int{"": 2, "?estado=abierta": 1, "?estado=resuelta": 1, "?prioridad=alta": 1,
		"?prioridad=CRITICA": 0, "?empresa_id=" + itoa(company): 2, "?empresa_id=999": 0} {
		if got := count(q); got != n {
			t.Errorf("%q: %d alerts, want %d", q, got, n)
		}
	}
	for q, field := range map[string]string{"?estado=cerrada": "estado", "?prioridad=URGENTE": "prioridad", "?empresa_id=x": "empresa_id", "?empresa_id=0": "empresa_id"} {
		if f := e.do("GET", "/api/alertas"+q, "").want(t, http.StatusBadRequest).fields(t); f[field] == nil {
			t.Errorf("%q: errores %v", q, f)
		}
	}

	// and deleting removes it
	e.do("DELETE", "/api/alertas/"+itoa(idOf(t, a)), "").want(t, http.StatusOK)
	e.do("GET", "/api/alertas/"+itoa(idOf(t, a)), "").want(t, http.StatusNotFound)
	e.do("DELETE", "/api/alertas/"+itoa(idOf(t, a)), "").want(t, http.StatusNotFound)
	e.do("POST", "/api/alertas/999/resolver", "").want(t, http.StatusNotFound)
}

func TestBadAlertInputNamesTheField(t *testing.T) {
	e := newEnv(t)
	company := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas"}`).want(t, http.StatusCreated).data(t)))
	cases := map[string]string{
		`{"titulo": "T", "prioridad": "ALTA"}`:                                                          "empresa_id",
		`{"empresa_id": 999, "titulo": "T", "prioridad": "ALTA"}`:                                       "empresa_id",
		`{"empresa_id": "1", "titulo": "T", "prioridad": "ALTA"}`:                                       "empresa_id",
		`{"empresa_id": ` + company + `, "prioridad": "ALTA"}`:                                          "titulo",
		`{"empresa_id": ` + company + `, "titulo": 3, "prioridad": "ALTA"}`:                             "titulo",
		`{"empresa_id": ` + company + `, "titulo": "T"}`:                                                "prioridad",
		`{"empresa_id": ` + company + `, "titulo": "T", "prioridad": "URGENTE"}`:                        "prioridad",
		`{"empresa_id": ` + company + `, "titulo": "T", "prioridad": "ALTA", "vence_el": "31/12/2025"}`: "vence_el",
		`{"empresa_id": ` + company + `, "titulo": "T", "prioridad": "ALTA", "estado": "resuelta"}`:     "estado",
	}
	for b, field := range cases {
		res := e.do("POST", "/api/alertas", b).want(t, http.StatusBadRequest)
		if res.fields(t)[field] == nil {
			t.Errorf("%s: errores %s", b, res.Raw)
		}
	}
	if got := alertsOf(t, e.do("GET", "/api/alertas", "").want(t, http.StatusOK)); len(got) != 0 {
		t.Errorf("alerts were created: %v", got)
	}
}

// alertsOf is the alertas of a GET /api/alertas page.
func alertsOf(t testing.TB, res response) []any {
	t.Helper()
	list, ok := res.data(t)["alertas"].([]any)
	if !ok {
		t.Fatalf("datos.alertas is not a list: %s", res.Raw)
	}
	return list
}

func TestResolvingAnAlertKeepsItsNote(t *testing.T) {
	e := newEnv(t)
	company := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas"}`).want(t, http.StatusCreated).data(t)))
	id := itoa(idOf(t, e.do("POST", "/api/alertas", `{"empresa_id": `+company+`, "titulo": "IVA", "prioridad": "ALTA"}`).want(t, http.StatusCreated).data(t)))

	e.do("POST", "/api/alertas/"+id+"/resolver", `{"nota": "Presentada", "otra": 1}`).want(t, http.StatusBadRequest)
	res := e.do("POST", "/api/alertas/"+id+"/resolver", `{"nota": "  Presentada el 5 de diciembre  "}`).want(t, http.StatusOK).data(t)
	again := e.do("POST", "/api/alertas/"+id+"/resolver", `{"nota": "otra"}`).want(t, http.StatusOK).data(t)

	if res["estado"] != "resuelta" || res["nota_resolucion"] != "Presentada el 5 de diciembre" {
		t.Errorf("resolved = %v", res)
	}
	if again["nota_resolucion"] != "Presentada el 5 de diciembre" {
		t.Errorf("resolving twice changed the note: %v", again)
	}
	if got := e.do("GET", "/api/alertas/"+id, "").want(t, http.StatusOK).data(t); got["nota_resolucion"] != "Presentada el 5 de diciembre" {
		t.Errorf("read back %v", got)
	}
}

func TestAlertListFiltersByEffectivePriorityAndDueDateAndPages(t *testing.T) {
	// given (today is Monday 2025-12-08 in Bogotá)
	e := newEnv(t)
	c1 := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Uno"}`).want(t, http.StatusCreated).data(t)))
	c2 := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Dos"}`).want(t, http.StatusCreated).data(t)))
	ids := map[string]int64{}
	for title, body := range map[string]string{
		"manana":  `{"empresa_id": ` + c1 + `, "titulo": "manana", "prioridad": "BAJA", "vence_el": "2025-12-09"}`,
		"semana":  `{"empresa_id": ` + c1 + `, "titulo": "semana", "prioridad": "BAJA", "vence_el": "2025-12-15"}`,
		"lejos":   `{"empresa_id": ` + c2 + `, "titulo": "lejos", "prioridad": "BAJA", "vence_el": "2026-03-01"}`,
		"critica": `{"empresa_id": ` + c2 + `, "titulo": "critica", "prioridad": "CRITICA"}`,
	} {
		ids[title] = idOf(t, e.do("POST", "/api/alertas", body).want(t, http.StatusCreated).data(t))
	}
	titles := func(q string) []string {
		var out []string
		for _, a := range alertsOf(t, e.do("GET", "/api/alertas"+q, "").want(t, http.StatusOK)) {
			out = append(out, a.(map[string]any)["titulo"].(string))
		}
		slices.Sort(out)
		return out
	}

	// then
	for q, want := range map[string][]string{
		"?prioridad=CRITICA":                        {"critica", "manana"},
		"?prioridad=MEDIA":                          {"semana"},
		"?prioridad=BAJA":                           {"lejos"},
		"?vence_antes=2025-12-15":                   {"manana", "semana"},
		"?vence_antes=2025-12-14":                   {"manana"},
		"?empresa_id=" + c2 + "&prioridad=CRITICA":  {"critica"},
		"?estado=abierta&vence_antes=2026-12-31":    {"lejos", "manana", "semana"},
		"?estado=resuelta":                          nil,
		"?prioridad=critica&vence_antes=2025-12-31": {"manana"},
	} {
		if got := titles(q); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	first := e.do("GET", "/api/alertas?limit=3", "").want(t, http.StatusOK).data(t)
	second := e.do("GET", "/api/alertas?limit=3&offset=3", "").want(t, http.StatusOK).data(t)
	if first["total"] != 4.0 || second["total"] != 4.0 || len(first["alertas"].([]any)) != 3 || len(second["alertas"].([]any)) != 1 {
		t.Errorf("pages %v and %v", first, second)
	}
	if last := second["alertas"].([]any)[0].(map[string]any); last["id"] != float64(slices.Max(slices.Collect(maps.Values(ids)))) {
		t.Errorf("the second page holds %v, want the newest alert (by ID)", last)
	}
	for q, field := range map[string]string{"?vence_antes=2025-1-1": "vence_antes", "?limit=5000": "limit", "?offset=-1": "offset"} {
		if f := e.do("GET", "/api/alertas"+q, "").want(t, http.StatusBadRequest).fields(t); f[field] == nil {
			t.Errorf("%s: errores %v", q, f)
		}
	}
}

func TestAlertsEscalateWithTheConfiguredThresholds(t *testing.T) {
	// given a BAJA due in 5 days (today is 2025-12-08)
	e := newEnv(t)
	company := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Uno"}`).want(t, http.StatusCreated).data(t)))
	id := itoa(idOf(t, e.do("POST", "/api/alertas", `{"empresa_id": `+company+`, "titulo": "IVA", "prioridad": "BAJA", "vence_el": "2025-12-13"}`).want(t, http.StatusCreated).data(t)))
	effective := func() any {
		return e.do("GET", "/api/alertas/"+id, "").want(t, http.StatusOK).data(t)["prioridad_efectiva"]
	}
	if got := effective(); got != "MEDIA" {
		t.Fatalf("with the defaults: %v, want MEDIA", got)
	}
	defaults := e.do("GET", "/api/ajustes/escalamiento", "").want(t, http.StatusOK).data(t)
	if !reflect.DeepEqual(defaults, map[string]any{"critica_dias": 1.0, "alta_dias": 3.0, "media_dias": 7.0}) {
		t.Errorf("defaults = %v", defaults)
	}

	// when the thresholds change
	set := e.do("PUT", "/api/ajustes/escalamiento", `{"critica_dias": 2, "alta_dias": 5}`).want(t, http.StatusOK).data(t)

	// then
	if !reflect.DeepEqual(set, map[string]any{"critica_dias": 2.0, "alta_dias": 5.0, "media_dias": 7.0}) {
		t.Errorf("saved = %v", set)
	}
	if got := effective(); got != "ALTA" {
		t.Errorf("after the change: %v, want ALTA", got)
	}
	for body, field := range map[string]string{
		`{"critica_dias": 6}`:   "escalamiento",
		`{"media_dias": -1}`:    "media_dias",
		`{"alta_dias": "tres"}`: "alta_dias",
		`{"baja_dias": 1}`:      "baja_dias",
	} {
		if f := e.do("PUT", "/api/ajustes/escalamiento", body).want(t, http.StatusBadRequest).fields(t); f[field] == nil {
			t.Errorf("%s: errores %v", body, f)
		}
	}
}
