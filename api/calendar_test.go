package api_test

import (
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"vigia/app/taxcal"
)

func TestObligationsListEveryCodeWithItsPeriodKeyAndNorm(t *testing.T) {
	e := newEnv(t)

	got := e.do("GET", "/api/calendario/obligaciones", "").want(t, http.StatusOK).data(t)["obligaciones"].([]any)

	var codes []string
	byCode := map[string]map[string]any{}
	for _, o := range got {
		o := o.(map[string]any)
		codes = append(codes, o["codigo"].(string))
		byCode[o["codigo"].(string)] = o
	}
	want := []string{"retencion_fuente", "iva_bimestral", "iva_cuatrimestral", "renta_grandes_contribuyentes",
		"renta_personas_juridicas", "renta_personas_naturales", "ica_bogota_bimestral"}
	if !slices.Equal(codes, want) {
		t.Fatalf("codes %v, want %v", codes, want)
	}
	if got := keys(byCode["retencion_fuente"]); !slices.Equal(got, []string{"clave", "codigo", "cuotas", "grupo", "nombre", "norma", "norma_url", "periodo"}) {
		t.Errorf("keys %v", got)
	}
	for code, want := range map[string]map[string]any{
		"retencion_fuente":             {"nombre": "Retención en la fuente", "grupo": "nacional", "periodo": "mensual", "clave": "ultimo_digito", "cuotas": 0.0},
		"renta_grandes_contribuyentes": {"periodo": "anual", "clave": "ultimo_digito", "cuotas": 3.0},
		"renta_personas_juridicas":     {"cuotas": 2.0},
		"renta_personas_naturales":     {"clave": "ultimos_dos_digitos", "cuotas": 0.0},
		"ica_bogota_bimestral":         {"grupo": "distrital", "periodo": "bimestral", "clave": "ninguno"},
	} {
		for k, v := range want {
			if byCode[code][k] != v {
				t.Errorf("%s %s = %v, want %v", code, k, byCode[code][k], v)
			}
		}
	}
	if o := byCode["retencion_fuente"]; !strings.Contains(o["norma"].(string), "Decreto 2229 de 2023") ||
		!strings.HasPrefix(o["norma_url"].(string), "https://") {
		t.Errorf("norm %v %v", o["norma"], o["norma_url"])
	}
}

// isCode reports whether msg is a message code ("calendario.rango.largo")
// that reached the API unworded.
func isCode(msg string) bool { return msg != "" && !strings.Contains(msg, " ") }

// deadlines asks GET /api/calendario/vencimientos and returns its list.
func (e *env) deadlines(t *testing.T, query string) []map[string]any {
	t.Helper()
	list := e.do("GET", "/api/calendario/vencimientos?"+query, "").want(t, http.StatusOK).data(t)["vencimientos"].([]any)
	out := make([]map[string]any, len(list))
	for i, d := range list {
		out[i] = d.(map[string]any)
	}
	return out
}

func TestDeadlinesFollowThePublishedCalendarForTheNIT(t *testing.T) {
	e := newEnv(t)

	// when a NIT ending in 6 (before its check digit) asks for December 2025's withholding
	got := e.deadlines(t, "obligacion=retencion_fuente&nit=900.123.456-8&desde=2025-12-01&hasta=2025-12-31")

	// then it is due on the 17th, as DIAN published (1:10 … 6:17 … 0:23), with no cuota
	want := []map[string]any{{"obligacion": "retencion_fuente", "periodo": "2025-11", "periodo_nombre": "noviembre 2025",
		"vence_el": "2025-12-17", "estado": "oficial", "fuente": "Decreto 2229 de 2023 · calendario DIAN 2025"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("vencimientos %v, want %v", got, want)
	}

	// and the NIT without its check digit gives the same date
	if again := e.deadlines(t, "obligacion=retencion_fuente&nit=900123456&desde=2025-12-01&hasta=2025-12-31"); !reflect.DeepEqual(again, want) {
		t.Errorf("without check digit %v", again)
	}
}

func TestDeadlinesOfAnInstallmentCarryItsCuota(t *testing.T) {
	e := newEnv(t)

	got := e.deadlines(t, "obligacion=renta_grandes_contribuyentes&nit=900123456-8&desde=2026-02-01&hasta=2026-06-30")

	// the three cuotas of 2025's income tax: 10–23 Feb, 13–27 Apr (after the civic day), 10–24 Jun 2026
	if len(got) != 3 {
		t.Fatalf("vencimientos %v", got)
	}
	for i, want := range []struct {
		cuota float64
		due   string
	}{{1, "2026-02-17"}, {2, "2026-04-21"}, {3, "2026-06-18"}} {
		if got[i]["cuota"] != want.cuota || got[i]["vence_el"] != want.due || got[i]["periodo"] != "2025" || got[i]["estado"] != "oficial" {
			t.Errorf("cuota %d: %v, want %v %s", i+1, got[i], want.cuota, want.due)
		}
	}
}

func TestDeadlinesOfAnUnpublishedYearAreComputed(t *testing.T) {
	e := newEnv(t)

	got := e.deadlines(t, "obligacion=retencion_fuente&nit=900123456-8&desde=2027-01-01&hasta=2027-01-31")

	if len(got) != 1 || got[0]["periodo"] != "2026-12" || got[0]["estado"] != "calculada" ||
		!strings.Contains(got[0]["fuente"].(string), "calculada") {
		t.Errorf("vencimientos %v", got)
	}
}

func TestDeadlineQuestionsWithBadInputAreRefusedInSpanish(t *testing.T) {
	e := newEnv(t)
	for query, field := range map[string]string{
		"nit=900123456-8":                                                   "obligacion",
		"obligacion=predial&nit=900123456-8":                                "obligacion",
		"obligacion=retencion_fuente":                                       "nit",
		"obligacion=retencion_fuente&nit=900.123.456-7":                     "nit",
		"obligacion=retencion_fuente&nit=1&desde=2026-13-1":                 "desde",
		"obligacion=ica_bogota_bimestral&hasta=ayer":                        "hasta",
		"obligacion=ica_bogota_bimestral&desde=2026-05-01&hasta=2026-04-01": "hasta",
		"obligacion=ica_bogota_bimestral&desde=2026-01-01&hasta=2036-01-01": "hasta",
	} {
		res := e.do("GET", "/api/calendario/vencimientos?"+query, "").want(t, http.StatusBadRequest)
		msg, _ := res.fields(t)[field].(string)
		if msg == "" || !strings.Contains(res.Body["error"].(string), field+": ") {
			t.Errorf("%s: errores %v, error %q", query, res.Body["errores"], res.Body["error"])
		}
		if isCode(msg) {
			t.Errorf("%s: %s is a code, not words: %q", query, field, msg)
		}
	}
}

func TestDeadlinesOfICAHaveOneDateForEveryNIT(t *testing.T) {
	e := newEnv(t)

	none := e.deadlines(t, "obligacion=ica_bogota_bimestral&desde=2026-01-01&hasta=2026-12-31")
	withNIT := e.deadlines(t, "obligacion=ica_bogota_bimestral&nit=800197268-4&desde=2026-01-01&hasta=2026-12-31")

	if len(none) == 0 || !reflect.DeepEqual(none, withNIT) {
		t.Errorf("without NIT %v, with NIT %v", none, withNIT)
	}
}

func TestCalendarStatusNamesTheCalendarInEffectAndTheDisclaimer(t *testing.T) {
	e := newEnv(t)

	st := e.do("GET", "/api/calendario", "").want(t, http.StatusOK).data(t)

	info := taxcal.Embedded().Info()
	want := map[string]any{"version": info.Version, "obtenido_el": info.RetrievedOn.Format("2006-01-02"),
		"anios_oficiales": []any{2025.0, 2026.0}, "importado": false, "horizonte_meses": 12.0, "anio_faltante": nil,
		"empresas_sin_nit": []any{}, "avisos": []any{}}
	for k, v := range want {
		if !reflect.DeepEqual(st[k], v) {
			t.Errorf("%s = %v, want %v", k, st[k], v)
		}
	}
	if aviso, _ := st["aviso"].(string); !strings.Contains(aviso, "Usted sigue siendo responsable de verificar cada vencimiento") {
		t.Errorf("aviso %q", aviso)
	}
	if _, ok := st["ultima_regeneracion"]; !ok {
		t.Errorf("no ultima_regeneracion in %v", st)
	}
}

func TestAHorizonReachingAnUnpublishedYearIsWarnedOf(t *testing.T) {
	// given a client that owes retención, and the scheduler's status before
	// the change, with the calendar in effect
	e := newEnv(t)
	e.do("POST", "/api/empresas", `{"nombre": "Acme S.A.S.", "nit": "900123456", "responsabilidades": ["retencion_fuente"]}`).want(t, http.StatusCreated)
	before := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["calendario"]
	if want := map[string]any{"version": taxcal.Embedded().Info().Version, "anio_faltante": nil}; !reflect.DeepEqual(before, want) {
		t.Errorf("status calendario %v, want %v", before, want)
	}

	// when the horizon grows to 24 months (December 2027, a year DIAN has not published)
	got := e.do("PUT", "/api/ajustes/calendario", `{"horizonte_meses": 24}`).want(t, http.StatusOK)

	// then the answer, the setting, the calendar's status and the scheduler's status say so at once
	if d := got.data(t); d["horizonte_meses"] != 24.0 || d["alertas_nuevas"] != 12.0 || got.Body["message"] != "Horizonte del calendario actualizado" {
		t.Errorf("PUT = %s", got.Raw)
	}
	if d := e.do("GET", "/api/ajustes/calendario", "").want(t, http.StatusOK).data(t); d["horizonte_meses"] != 24.0 {
		t.Errorf("GET ajustes = %v", d)
	}
	st := e.do("GET", "/api/calendario", "").want(t, http.StatusOK).data(t)
	if st["anio_faltante"] != 2027.0 || st["horizonte_meses"] != 24.0 || len(st["avisos"].([]any)) != 1 ||
		!strings.Contains(st["avisos"].([]any)[0].(string), "2027") {
		t.Errorf("status %v", st)
	}
	after := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["calendario"].(map[string]any)
	if after["anio_faltante"] != 2027.0 {
		t.Errorf("status calendario %v", after)
	}
}

func TestCalendarSettingsRefuseWhatIsNotAHorizon(t *testing.T) {
	e := newEnv(t)
	for body, field := range map[string]string{
		`{"horizonte_meses": 0}`:             "horizonte_meses",
		`{"horizonte_meses": 25}`:            "horizonte_meses",
		`{"horizonte_meses": "12"}`:          "horizonte_meses",
		`{"horizonte_meses": 1.5}`:           "horizonte_meses",
		`{}`:                                 "horizonte_meses",
		`{"horizonte_meses": 6, "meses": 6}`: "meses",
	} {
		res := e.do("PUT", "/api/ajustes/calendario", body).want(t, http.StatusBadRequest)
		if msg, _ := res.fields(t)[field].(string); msg == "" || isCode(msg) {
			t.Errorf("%s: errores %v", body, res.Body["errores"])
		}
	}
	if d := e.do("GET", "/api/ajustes/calendario", "").want(t, http.StatusOK).data(t); d["horizonte_meses"] != 12.0 {
		t.Errorf("a refused horizon was kept: %v", d)
	}
}
