package api_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestCompanyNITIsStoredNormalisedAndItsCheckDigitVerified(t *testing.T) {
	e := newEnv(t)
	for nit, want := range map[string]string{
		"900.123.456-8": "900123456-8", "800 197 268 - 4": "800197268-4", "890900608-9": "890900608-9",
		// without the check digit, as accountants' spreadsheets and the RUT give it: computed
		"860002964": "860002964-4", "900.000.009": "900000009-0", "1020456789": "1020456789-3",
	} {
		c := e.do("POST", "/api/empresas", `{"nombre": "Empresa `+want+`", "nit": "`+nit+`"}`).want(t, http.StatusCreated).data(t)
		if c["nit"] != want {
			t.Errorf("%q stored as %v, want %q", nit, c["nit"], want)
		}
	}

	wrong := e.do("POST", "/api/empresas", `{"nombre": "Otra", "nit": "900.123.456-7"}`).want(t, http.StatusBadRequest).fields(t)
	glued := e.do("POST", "/api/empresas", `{"nombre": "Otra", "nit": "9001234568"}`).want(t, http.StatusBadRequest).fields(t)

	if msg := wrong["nit"].(string); !strings.Contains(msg, "el dígito de verificación de 900123456 es 8, no 7") {
		t.Errorf("wrong check digit: %q", msg)
	}
	if msg := glued["nit"].(string); !strings.Contains(msg, "900123456-8") || !strings.Contains(msg, "9001234568-8") {
		t.Errorf("a NIT that reads two ways does not name both: %q", msg)
	}
}

func TestCompanyNITWithoutCheckDigitIsCompletedOnUpdate(t *testing.T) {
	e := newEnv(t)
	id := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas"}`).want(t, http.StatusCreated).data(t)))

	upd := e.do("PUT", "/api/empresas/"+id, `{"nit": "800.197.268"}`).want(t, http.StatusOK).data(t)
	got := e.do("GET", "/api/empresas/"+id, "").want(t, http.StatusOK).data(t)
	bad := e.do("PUT", "/api/empresas/"+id, `{"nit": "800197268-5"}`).want(t, http.StatusBadRequest).fields(t)

	if upd["nit"] != "800197268-4" || got["nit"] != "800197268-4" {
		t.Errorf("updated %v, read back %v", upd["nit"], got["nit"])
	}
	if msg, _ := bad["nit"].(string); !strings.Contains(msg, "el dígito de verificación de 800197268 es 4, no 5") {
		t.Errorf("wrong check digit on update: %v", bad)
	}
}

func TestCompanyIsReadUpdatedAndValidated(t *testing.T) {
	// given
	e := newEnv(t)
	id := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas", "nit": "900123456-8"}`).want(t, http.StatusCreated).data(t)))
	e.do("POST", "/api/empresas", `{"nombre": "Panadería La Espiga"}`).want(t, http.StatusCreated)

	// when
	upd := e.do("PUT", "/api/empresas/"+id, `{"contacto": "gerencia@ruedas.com.co", "activa": false}`).want(t, http.StatusOK).data(t)
	got := e.do("GET", "/api/empresas/"+id, "").want(t, http.StatusOK).data(t)

	// then
	if !reflect.DeepEqual(upd, got) || got["nombre"] != "Taller Ruedas" || got["nit"] != "900123456-8" ||
		got["contacto"] != "gerencia@ruedas.com.co" || got["activa"] != false {
		t.Errorf("updated %v, read back %v", upd, got)
	}
	cleared := e.do("PUT", "/api/empresas/"+id, `{"nit": "", "contacto": ""}`).want(t, http.StatusOK).data(t)
	if cleared["nit"] != "" || cleared["contacto"] != "" || cleared["activa"] != false {
		t.Errorf("cleared = %v", cleared)
	}
	for body, field := range map[string]string{
		`{"contacto": "no es un correo"}`:     "contacto",
		`{"nombre": "  "}`:                    "nombre",
		`{"nit": "900-123-456"}`:              "nit",
		`{"activa": "si"}`:                    "activa",
		`{"nombre": "Taller", "sector": "x"}`: "sector",
	} {
		if f := e.do("PUT", "/api/empresas/"+id, body).want(t, http.StatusBadRequest).fields(t); f[field] == nil {
			t.Errorf("%s: errores %v", body, f)
		}
	}
	e.do("PUT", "/api/empresas/"+id, `{"nombre": "PANADERÍA LA ESPIGA"}`).want(t, http.StatusConflict)
	e.do("GET", "/api/empresas/999", "").want(t, http.StatusNotFound)
	e.do("PUT", "/api/empresas/999", `{"activa": true}`).want(t, http.StatusNotFound)
}

func TestDeletingACompanyWithAlertsRequiresForzar(t *testing.T) {
	// given a company with two open alerts and one resolved
	e := newEnv(t)
	id := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas"}`).want(t, http.StatusCreated).data(t))
	var alerts []int64
	for _, title := range []string{"IVA", "Nómina", "RUT"} {
		a := e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(id)+`, "titulo": "`+title+`", "prioridad": "ALTA"}`).want(t, http.StatusCreated).data(t)
		alerts = append(alerts, idOf(t, a))
	}
	e.do("POST", "/api/alertas/"+itoa(alerts[2])+"/resolver", "").want(t, http.StatusOK)

	// when it is deleted without forzar
	res := e.do("DELETE", "/api/empresas/"+itoa(id), "").want(t, http.StatusConflict)

	// then nothing is lost and the answer gives the counts
	if msg, _ := res.Body["error"].(string); !strings.Contains(msg, "2 alertas abiertas y 1 alerta resuelta") || !strings.Contains(msg, "forzar=1") {
		t.Errorf("error = %q", msg)
	}
	e.do("GET", "/api/alertas/"+itoa(alerts[2]), "").want(t, http.StatusOK)

	// when it is deleted with forzar
	e.do("DELETE", "/api/empresas/"+itoa(id)+"?forzar=1", "").want(t, http.StatusOK)

	// then the company and its alerts are gone
	e.do("GET", "/api/empresas/"+itoa(id), "").want(t, http.StatusNotFound)
	for _, a := range alerts {
		e.do("GET", "/api/alertas/"+itoa(a), "").want(t, http.StatusNotFound)
	}
	e.do("DELETE", "/api/empresas/"+itoa(id), "").want(t, http.StatusNotFound)
}

func TestDeletingACompanyWithoutAlertsNeedsNoForzar(t *testing.T) {
	e := newEnv(t)
	id := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas"}`).want(t, http.StatusCreated).data(t)))

	e.do("DELETE", "/api/empresas/"+id+"?forzar=quizas", "").want(t, http.StatusBadRequest)
	e.do("DELETE", "/api/empresas/"+id, "").want(t, http.StatusOK)

	e.do("GET", "/api/empresas/"+id, "").want(t, http.StatusNotFound)
}

func TestCompanyListCountsOpenAlertsByEffectivePriority(t *testing.T) {
	// given (today is 2025-12-08) an overdue BAJA, a MEDIA due in 3 days, a
	// BAJA without due date and a resolved CRITICA
	e := newEnv(t)
	id := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Taller Ruedas"}`).want(t, http.StatusCreated).data(t)))
	e.do("POST", "/api/empresas", `{"nombre": "Sin Alertas"}`).want(t, http.StatusCreated)
	for _, body := range []string{
		`{"empresa_id": ` + id + `, "titulo": "A", "prioridad": "BAJA", "vence_el": "2025-12-01"}`,
		`{"empresa_id": ` + id + `, "titulo": "B", "prioridad": "MEDIA", "vence_el": "2025-12-11"}`,
		`{"empresa_id": ` + id + `, "titulo": "C", "prioridad": "BAJA"}`,
	} {
		e.do("POST", "/api/alertas", body).want(t, http.StatusCreated)
	}
	resolved := e.do("POST", "/api/alertas", `{"empresa_id": `+id+`, "titulo": "D", "prioridad": "CRITICA"}`).want(t, http.StatusCreated).data(t)
	e.do("POST", "/api/alertas/"+itoa(idOf(t, resolved))+"/resolver", "").want(t, http.StatusOK)

	// when
	list := e.do("GET", "/api/empresas", "").want(t, http.StatusOK).list(t)

	// then
	got := map[string]any{}
	for _, c := range list {
		c := c.(map[string]any)
		got[c["nombre"].(string)] = c["alertas_abiertas"]
	}
	want := map[string]any{
		"Sin Alertas":   map[string]any{"CRITICA": 0.0, "ALTA": 0.0, "MEDIA": 0.0, "BAJA": 0.0},
		"Taller Ruedas": map[string]any{"CRITICA": 1.0, "ALTA": 1.0, "MEDIA": 0.0, "BAJA": 1.0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("alertas_abiertas = %v, want %v", got, want)
	}
}
