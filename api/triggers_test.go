package api_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// body builds a valid daily trigger body with fields replaced or removed
// (a nil value drops the field); values are raw JSON.
func body(changes map[string]any) string {
	fields := [][2]string{
		{"nombre", `"Resumen"`}, {"descripcion", `"Diario"`}, {"frecuencia", `"diaria"`}, {"hora", `"08:00"`},
		{"destinatarios", `"admin@ejemplo.com"`}, {"prioridades", `"CRITICA,ALTA"`}, {"activo", `1`},
	}
	var parts []string
	seen := map[string]bool{}
	for _, f := range fields {
		seen[f[0]] = true
		v, changed := changes[f[0]]
		switch {
		case !changed:
			parts = append(parts, fmt.Sprintf("%q: %s", f[0], f[1]))
		case v != nil:
			parts = append(parts, fmt.Sprintf("%q: %s", f[0], v))
		}
	}
	for k, v := range changes {
		if !seen[k] && v != nil {
			parts = append(parts, fmt.Sprintf("%q: %s", k, v))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func TestBadInputOfEachFieldIsRefusedNamingItAndChangesNothing(t *testing.T) {
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprintf("p%d@ejemplo.com", i)
	}
	cases := []struct {
		name  string
		body  string
		field string
	}{
		{"nombre missing", body(map[string]any{"nombre": nil}), "nombre"},
		{"nombre blank", body(map[string]any{"nombre": `"   "`}), "nombre"},
		{"nombre not text", body(map[string]any{"nombre": `5`}), "nombre"},
		{"nombre too long", body(map[string]any{"nombre": `"` + strings.Repeat("x", 121) + `"`}), "nombre"},
		{"descripcion not text", body(map[string]any{"descripcion": `["a"]`}), "descripcion"},
		{"descripcion too long", body(map[string]any{"descripcion": `"` + strings.Repeat("x", 1001) + `"`}), "descripcion"},
		{"frecuencia missing", body(map[string]any{"frecuencia": nil}), "frecuencia"},
		{"frecuencia unknown", body(map[string]any{"frecuencia": `"anual"`}), "frecuencia"},
		{"frecuencia not text", body(map[string]any{"frecuencia": `1`}), "frecuencia"},
		{"hora missing", body(map[string]any{"hora": nil}), "hora"},
		{"hora out of range", body(map[string]any{"hora": `"24:00"`}), "hora"},
		{"hora not HH:MM", body(map[string]any{"hora": `"8am"`}), "hora"},
		{"hora a number", body(map[string]any{"hora": `8`}), "hora"},
		{"dias_semana missing", body(map[string]any{"frecuencia": `"semanal"`}), "dias_semana"},
		{"dias_semana unknown day", body(map[string]any{"frecuencia": `"semanal"`, "dias_semana": `["lunes", "funday"]`}), "dias_semana"},
		{"dias_semana numbers", body(map[string]any{"frecuencia": `"semanal"`, "dias_semana": `[1, 5]`}), "dias_semana"},
		{"dias_semana a number", body(map[string]any{"frecuencia": `"semanal"`, "dias_semana": `1`}), "dias_semana"},
		{"dias_semana empty", body(map[string]any{"frecuencia": `"semanal"`, "dias_semana": `[]`}), "dias_semana"},
		{"dia_mes missing", body(map[string]any{"frecuencia": `"mensual"`}), "dia_mes"},
		{"dia_mes 32", body(map[string]any{"frecuencia": `"mensual"`, "dia_mes": `32`}), "dia_mes"},
		{"dia_mes 0", body(map[string]any{"frecuencia": `"mensual"`, "dia_mes": `0`}), "dia_mes"},
		{"dia_mes -2", body(map[string]any{"frecuencia": `"mensual"`, "dia_mes": `-2`}), "dia_mes"},
		{"dia_mes a fraction", body(map[string]any{"frecuencia": `"mensual"`, "dia_mes": `1.5`}), "dia_mes"},
		{"dia_mes text", body(map[string]any{"frecuencia": `"mensual"`, "dia_mes": `"15"`}), "dia_mes"},
		{"intervalo_horas missing", body(map[string]any{"frecuencia": `"personalizada"`}), "intervalo_horas"},
		{"intervalo_horas 0", body(map[string]any{"frecuencia": `"personalizada"`, "intervalo_horas": `0`}), "intervalo_horas"},
		{"intervalo_horas 169", body(map[string]any{"frecuencia": `"personalizada"`, "intervalo_horas": `169`}), "intervalo_horas"},
		{"intervalo_horas huge", body(map[string]any{"frecuencia": `"personalizada"`, "intervalo_horas": `99999999999999999999`}), "intervalo_horas"},
		{"intervalo_horas text", body(map[string]any{"frecuencia": `"personalizada"`, "intervalo_horas": `"4"`}), "intervalo_horas"},
		{"destinatarios invalid", body(map[string]any{"destinatarios": `"admin@ejemplo.com,no-es-correo"`}), "destinatarios"},
		{"destinatarios display name", body(map[string]any{"destinatarios": `["Admin <admin@ejemplo.com>"]`}), "destinatarios"},
		{"destinatarios too many", body(map[string]any{"destinatarios": `"` + strings.Join(many, ",") + `"`}), "destinatarios"},
		{"destinatarios a number", body(map[string]any{"destinatarios": `7`}), "destinatarios"},
		{"destinatarios missing without defaults", body(map[string]any{"destinatarios": nil}), "destinatarios"},
		{"destinatarios empty without defaults", body(map[string]any{"destinatarios": `""`}), "destinatarios"},
		{"destinatarios an empty list without defaults", body(map[string]any{"destinatarios": `[]`}), "destinatarios"},
		{"prioridades unknown", body(map[string]any{"prioridades": `"CRITICA,URGENTE"`}), "prioridades"},
		{"prioridades empty", body(map[string]any{"prioridades": `""`}), "prioridades"},
		{"prioridades missing", body(map[string]any{"prioridades": nil}), "prioridades"},
		{"prioridades an object", body(map[string]any{"prioridades": `{"a": 1}`}), "prioridades"},
		{"activo si", body(map[string]any{"activo": `"si"`}), "activo"},
		{"activo 2", body(map[string]any{"activo": `2`}), "activo"},
		{"enviar_sin_alertas no", body(map[string]any{"enviar_sin_alertas": `"no"`}), "enviar_sin_alertas"},
		{"enviar_sin_alertas 3", body(map[string]any{"enviar_sin_alertas": `3`}), "enviar_sin_alertas"},
		{"recuperar si", body(map[string]any{"recuperar": `"si"`}), "recuperar"},
		{"recuperar 2", body(map[string]any{"recuperar": `2`}), "recuperar"},
		{"recuperar a list", body(map[string]any{"recuperar": `[true]`}), "recuperar"},
		{"unknown field", body(map[string]any{"color": `"rojo"`}), "color"},
		{"field in another case", body(map[string]any{"Nombre": `"Otro"`}), "Nombre"},
		{"duplicate key", `{"nombre": "A", "nombre": "B", "frecuencia": "diaria", "hora": "08:00", "prioridades": "ALTA"}`, "nombre"},
	}
	// given one trigger
	e := newEnv(t)
	existing := idOf(t, e.create(seedDaily))
	before := e.snapshot()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reqs := []*http.Request{request("POST", "/api/triggers", c.body)}
			if !strings.Contains(c.name, " missing") || c.field == "dias_semana" || c.field == "dia_mes" || c.field == "intervalo_horas" {
				// an update without a field keeps its value, unless the new frequency needs it
				reqs = append(reqs, request("PUT", fmt.Sprintf("/api/triggers/%d", existing), c.body))
			}
			for _, req := range reqs {
				// when the bad body is created or laid over the trigger
				res := e.serve(req).want(t, http.StatusBadRequest)
				// then the field is named with a Spanish message, and nothing changed
				msg, _ := res.fields(t)[c.field].(string)
				if msg == "" {
					t.Errorf("%s: errores has no %q: %s", req.Method, c.field, res.Raw)
				}
				if !strings.Contains(res.Body["error"].(string), "Datos inválidos") {
					t.Errorf("%s: error %q", req.Method, res.Body["error"])
				}
			}
			if after := e.snapshot(); after != before {
				t.Errorf("triggers changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func TestMalformedBodiesAreRefusedWithoutFieldErrors(t *testing.T) {
	cases := map[string]string{
		"trailing object":  seedDaily + ` {}`,
		"trailing garbage": seedDaily + ` x`,
		"truncated":        `{"nombre": "Resumen", `,
		"syntax error":     `{"nombre": "Resumen",}`,
		"not an object":    `["nombre", "Resumen"]`,
		"a bare string":    `"Resumen"`,
		"null":             `null`,
	}
	e := newEnv(t)
	before := e.snapshot()
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			res := e.do("POST", "/api/triggers", b).want(t, http.StatusBadRequest)
			if _, ok := res.Body["errores"]; ok {
				t.Errorf("unexpected errores: %s", res.Raw)
			}
		})
	}
	t.Run("empty body", func(t *testing.T) {
		res := e.do("POST", "/api/triggers", "").want(t, http.StatusBadRequest)
		if !strings.Contains(res.Body["error"].(string), "vacío") {
			t.Errorf("error = %q", res.Body["error"])
		}
	})
	if after := e.snapshot(); after != before {
		t.Errorf("triggers changed: %s", after)
	}
}

func TestAlternativeInputFormsAreAccepted(t *testing.T) {
	e := newEnv(t)
	e.svc.SetDefaultRecipients([]string{"gerente@ejemplo.com"})
	cases := []struct {
		name  string
		body  string
		field string
		want  any
	}{
		{"dias_semana as a comma string without accents", body(map[string]any{"frecuencia": `"semanal"`, "dias_semana": `"miercoles, Sabado"`}),
			"dias_semana", []any{"miércoles", "sábado"}},
		{"dias_semana with accents", body(map[string]any{"frecuencia": `"semanal"`, "dias_semana": `["sábado", "lunes"]`}),
			"dias_semana", []any{"lunes", "sábado"}},
		{"destinatarios as a list", body(map[string]any{"destinatarios": `["a@ejemplo.com", "b@ejemplo.co"]`}),
			"destinatarios", []any{"a@ejemplo.com", "b@ejemplo.co"}},
		{"destinatarios empty uses the defaults", body(map[string]any{"destinatarios": `""`}), "destinatarios", []any{}},
		{"prioridades lower case list", body(map[string]any{"prioridades": `["baja", "critica"]`}), "prioridades", []any{"CRITICA", "BAJA"}},
		{"activo true", body(map[string]any{"activo": `true`}), "activo", true},
		{"activo 0", body(map[string]any{"activo": `0`}), "activo", false},
		{"activo absent defaults to 1", body(map[string]any{"activo": nil}), "activo", true},
		{"enviar_sin_alertas 1", body(map[string]any{"enviar_sin_alertas": `1`}), "enviar_sin_alertas", true},
		{"recuperar absent defaults to true", body(map[string]any{"recuperar": nil}), "recuperar", true},
		{"recuperar 0", body(map[string]any{"recuperar": `0`}), "recuperar", false},
		{"recuperar false", body(map[string]any{"recuperar": `false`}), "recuperar", false},
		{"recuperar 1", body(map[string]any{"recuperar": `1`}), "recuperar", true},
		{"recuperar null means the default", body(map[string]any{"recuperar": `null`}), "recuperar", true},
		{"null means absent", body(map[string]any{"descripcion": `null`, "activo": ` null `}), "activo", true},
		{"dia_mes -1 is the last day", body(map[string]any{"frecuencia": `"mensual"`, "dia_mes": `-1`}), "descripcion_programacion", "Mensual (último día) a las 08:00"},
		{"unused fields are ignored", body(map[string]any{"dia_mes": `15`, "intervalo_horas": `3`}), "dia_mes", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := e.create(c.body)
			if !reflect.DeepEqual(got[c.field], c.want) {
				t.Errorf("%s = %#v, want %#v", c.field, got[c.field], c.want)
			}
		})
	}
	t.Run("inactive trigger has no next run", func(t *testing.T) {
		got := e.create(body(map[string]any{"activo": `false`}))
		if got["proxima_ejecucion"] != nil {
			t.Errorf("proxima_ejecucion = %v", got["proxima_ejecucion"])
		}
	})
}

func TestUpdateMergesTheGivenFieldsAndReschedules(t *testing.T) {
	// given the seed's daily trigger
	e := newEnv(t)
	created := e.create(seedDaily)
	id := idOf(t, created)

	// when only its time is changed
	e.clock.Advance(time.Minute)
	updated := e.do("PUT", fmt.Sprintf("/api/triggers/%d", id), `{"hora": "09:30"}`).want(t, http.StatusOK).data(t)

	// then the other fields keep their values and the job moves
	if updated["hora"] != "09:30" || updated["proxima_ejecucion"] != "2025-12-08T09:30:00-05:00" {
		t.Errorf("updated = %v", updated)
	}
	for _, f := range []string{"nombre", "descripcion", "frecuencia", "destinatarios", "prioridades", "activo", "recuperar", "creado_en"} {
		if !reflect.DeepEqual(updated[f], created[f]) {
			t.Errorf("%s changed: %v -> %v", f, created[f], updated[f])
		}
	}
	if updated["actualizado_en"] == created["actualizado_en"] {
		t.Errorf("actualizado_en unchanged: %v", updated["actualizado_en"])
	}
	got := e.do("GET", fmt.Sprintf("/api/triggers/%d", id), "").want(t, http.StatusOK).data(t)
	if !reflect.DeepEqual(got, updated) {
		t.Errorf("GET = %v, want %v", got, updated)
	}
	jobs := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["jobs"].([]any)
	if next := jobs[0].(map[string]any)["next_run"]; next != "2025-12-08T09:30:00-05:00" {
		t.Errorf("status next_run = %v", next)
	}

	// and deactivating it disarms its job
	e.do("PUT", fmt.Sprintf("/api/triggers/%d", id), `{"activo": 0}`).want(t, http.StatusOK)
	if n := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["total_jobs"]; n != float64(0) {
		t.Errorf("total_jobs = %v", n)
	}
}

func TestListShowsEveryTriggerByID(t *testing.T) {
	e := newEnv(t)
	if got := e.do("GET", "/api/triggers", "").want(t, http.StatusOK).list(t); len(got) != 0 {
		t.Fatalf("fresh list = %v", got)
	}
	for _, b := range []string{seedDaily, seedWeekly, seedHourly} {
		e.create(b)
	}
	got := e.do("GET", "/api/triggers", "").want(t, http.StatusOK).list(t)
	var names []any
	for _, tr := range got {
		names = append(names, tr.(map[string]any)["nombre"])
	}
	want := []any{"Notificación Diaria", "Reporte Semanal", "Monitoreo Cada 4 Horas"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("names = %v, want %v", names, want)
	}
}

func TestNextRunsPreviewIsBounded(t *testing.T) {
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))
	path := fmt.Sprintf("/api/triggers/%d/proximas", id)

	got := e.do("GET", path, "").want(t, http.StatusOK).list(t)
	want := []any{"2025-12-08T08:00:00-05:00", "2025-12-09T08:00:00-05:00", "2025-12-10T08:00:00-05:00",
		"2025-12-11T08:00:00-05:00", "2025-12-12T08:00:00-05:00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("default preview = %v, want %v", got, want)
	}
	if got := e.do("GET", path+"?n=50", "").want(t, http.StatusOK).list(t); len(got) != 50 {
		t.Errorf("n=50 gave %d", len(got))
	}
	if got := e.do("GET", path+"?n=1", "").want(t, http.StatusOK).list(t); len(got) != 1 {
		t.Errorf("n=1 gave %d", len(got))
	}
	for _, n := range []string{"0", "51", "-3", "abc", "2.5"} {
		res := e.do("GET", path+"?n="+n, "").want(t, http.StatusBadRequest)
		if _, ok := res.fields(t)["n"]; !ok {
			t.Errorf("n=%s: %s", n, res.Raw)
		}
	}
	e.do("GET", "/api/triggers/999/proximas", "").want(t, http.StatusNotFound)
}

func TestNextRunsPreviewShowsMonthEndAdjustments(t *testing.T) {
	// given monthly triggers on day 31 and on the last day (the clock is Dec 2025)
	e := newEnv(t)
	day31 := idOf(t, e.create(`{"nombre": "Cierre 31", "frecuencia": "mensual", "dia_mes": 31, "hora": "18:00",
		"destinatarios": "a@ejemplo.com", "prioridades": "CRITICA"}`))
	last := idOf(t, e.create(`{"nombre": "Último día", "frecuencia": "mensual", "dia_mes": -1, "hora": "18:00",
		"destinatarios": "a@ejemplo.com", "prioridades": "CRITICA"}`))

	// when their next runs are previewed, then February falls on the 28th and April on the 30th
	want := []any{"2025-12-31T18:00:00-05:00", "2026-01-31T18:00:00-05:00", "2026-02-28T18:00:00-05:00",
		"2026-03-31T18:00:00-05:00", "2026-04-30T18:00:00-05:00"}
	for _, id := range []int64{day31, last} {
		got := e.do("GET", fmt.Sprintf("/api/triggers/%d/proximas?n=5", id), "").want(t, http.StatusOK).list(t)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("trigger %d preview = %v, want %v", id, got, want)
		}
	}
}
