package api_test

import (
	"net/http"
	"reflect"
	"slices"
	"testing"
)

func TestCompaniesAreCreatedListedAndUnique(t *testing.T) {
	e := newEnv(t)
	c := e.do("POST", "/api/empresas", `{"nombre": "Panadería La Espiga", "nit": "800.555.111-2"}`).want(t, http.StatusCreated).data(t)
	if c["nombre"] != "Panadería La Espiga" || c["nit"] != "800.555.111-2" || c["creado_en"] != "2025-12-08T07:00:00-05:00" {
		t.Errorf("company = %v", c)
	}
	if got := keys(c); !slices.Equal(got, []string{"creado_en", "id", "nit", "nombre"}) {
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
		"prioridad": "ALTA", "vence_el": "2025-12-31", "estado": "abierta", "resuelta_en": nil,
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
	count := func(q string) int { return len(e.do("GET", "/api/alertas"+q, "").want(t, http.StatusOK).list(t)) }
	for q, n := range map[string]int{"": 2, "?estado=abierta": 1, "?estado=resuelta": 1, "?prioridad=alta": 1,
		"?prioridad=CRITICA": 0, "?empresa_id=" + itoa(company): 2, "?empresa_id=999": 0} {
		if got := count(q); got != n {
			t.Errorf("%q: %d alerts, want %d", q, got, n)
		}
	}
	for q, field := range map[string]string{"?estado=cerrada": "estado", "?prioridad=URGENTE": "prioridad", "?empresa_id=x": "empresa_id"} {
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
	if got := e.do("GET", "/api/alertas", "").want(t, http.StatusOK).list(t); len(got) != 0 {
		t.Errorf("alerts were created: %v", got)
	}
}
