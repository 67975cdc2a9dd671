package api_test

import (
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// companyAlerts is every alert of a company, as GET /api/alertas lists them.
func companyAlerts(t *testing.T, e *env, company int64) []map[string]any {
	t.Helper()
	list := e.do("GET", "/api/alertas?limit=1000&empresa_id="+itoa(company), "").want(t, http.StatusOK).data(t)["alertas"].([]any)
	out := make([]map[string]any, len(list))
	for i, a := range list {
		out[i] = a.(map[string]any)
	}
	return out
}

// calendarAlert is the company's calendar alert of period (and the first cuota).
func calendarAlert(t *testing.T, e *env, company int64, period string) map[string]any {
	t.Helper()
	for _, a := range companyAlerts(t, e, company) {
		if a["origen"] == "calendario" && a["periodo"] == period {
			return a
		}
	}
	t.Fatalf("company %d has no calendar alert of %s", company, period)
	return nil
}

func TestCompanyResponsibilitiesGoInAndOut(t *testing.T) {
	// given a company created with two responsibilities, out of order
	e := newEnv(t)
	c := e.do("POST", "/api/empresas", `{"nombre": "Distribuidora Los Andes", "nit": "900.123.456-8",
		"responsabilidades": ["iva_bimestral", "retencion_fuente"]}`).want(t, http.StatusCreated).data(t)
	id := itoa(idOf(t, c))
	if !reflect.DeepEqual(c["responsabilidades"], []any{"retencion_fuente", "iva_bimestral"}) {
		t.Errorf("created with %v", c["responsabilidades"])
	}

	// when it is updated without them, they stay
	upd := e.do("PUT", "/api/empresas/"+id, `{"contacto": "gerencia@andes.co"}`).want(t, http.StatusOK).data(t)
	if !reflect.DeepEqual(upd["responsabilidades"], []any{"retencion_fuente", "iva_bimestral"}) {
		t.Errorf("after an update without them %v", upd["responsabilidades"])
	}

	// when they are given as text, they are read as a list
	upd = e.do("PUT", "/api/empresas/"+id, `{"responsabilidades": "renta_personas_juridicas, retencion_fuente"}`).want(t, http.StatusOK).data(t)
	if !reflect.DeepEqual(upd["responsabilidades"], []any{"retencion_fuente", "renta_personas_juridicas"}) {
		t.Errorf("from text %v", upd["responsabilidades"])
	}

	// when bad ones are given, nothing changes and the answer says why in Spanish
	for body, says := range map[string]string{
		`{"responsabilidades": ["predial"]}`:                            "predial",
		`{"responsabilidades": ["iva_bimestral", "iva_cuatrimestral"]}`: "IVA",
		`{"responsabilidades": 7}`:                                      "lista de códigos",
		`{"responsabilidades": [{"codigo": "retencion_fuente"}]}`:       "lista de códigos",
	} {
		res := e.do("PUT", "/api/empresas/"+id, body).want(t, http.StatusBadRequest)
		if msg, _ := res.fields(t)["responsabilidades"].(string); !strings.Contains(msg, says) || isCode(msg) {
			t.Errorf("%s: %v", body, res.Body["errores"])
		}
	}

	// when an empty list is given, they are cleared, and the list shows it
	e.do("PUT", "/api/empresas/"+id, `{"responsabilidades": []}`).want(t, http.StatusOK)
	list := e.do("GET", "/api/empresas", "").want(t, http.StatusOK).list(t)
	if got := list[0].(map[string]any)["responsabilidades"]; !reflect.DeepEqual(got, []any{}) {
		t.Errorf("cleared: %v", got)
	}
}

func TestCalendarAlertsSayWhereTheyCameFrom(t *testing.T) {
	// given a client with withholding and income tax in cuotas, and an alert typed by hand
	e := newEnv(t)
	company := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Distribuidora Los Andes", "nit": "900.123.456-8",
		"responsabilidades": ["retencion_fuente", "renta_grandes_contribuyentes"]}`).want(t, http.StatusCreated).data(t))
	manual := e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(company)+`, "titulo": "Cartera", "prioridad": "MEDIA"}`).
		want(t, http.StatusCreated).data(t)

	// then the calendar's alerts carry their origin, obligation, period, state and source
	dec := calendarAlert(t, e, company, "2025-11")
	want := map[string]any{"titulo": "Retención en la fuente · noviembre 2025", "vence_el": "2025-12-17", "origen": "calendario",
		"obligacion": "retencion_fuente", "estado_fecha": "oficial", "editada": false, "prioridad": "BAJA",
		"fuente": "Decreto 2229 de 2023 · calendario DIAN 2025"}
	for k, v := range want {
		if dec[k] != v {
			t.Errorf("%s = %v, want %v", k, dec[k], v)
		}
	}
	for _, absent := range []string{"cuota", "fecha_anterior"} {
		if _, ok := dec[absent]; ok {
			t.Errorf("%s in %v", absent, dec)
		}
	}
	if renta := calendarAlert(t, e, company, "2025"); renta["cuota"] != 1.0 || renta["vence_el"] != "2026-02-17" {
		t.Errorf("first cuota %v", renta)
	}
	if manual["origen"] != "manual" {
		t.Errorf("manual alert %v", manual)
	}
	if _, ok := manual["obligacion"]; ok {
		t.Errorf("a manual alert has calendar fields: %v", manual)
	}

	// when the user moves the December alert's date, it is edited
	edited := e.do("PUT", "/api/alertas/"+itoa(idOf(t, dec)), `{"vence_el": "2025-12-16"}`).want(t, http.StatusOK).data(t)
	if edited["editada"] != true || edited["estado_fecha"] != "editada" || edited["origen"] != "calendario" {
		t.Errorf("edited alert %v", edited)
	}
}

// calendarRows asks GET /api/calendario/alertas and returns its total and rows.
func calendarRows(t *testing.T, e *env, query string) (float64, []map[string]any) {
	t.Helper()
	d := e.do("GET", "/api/calendario/alertas?"+query, "").want(t, http.StatusOK).data(t)
	list := d["alertas"].([]any)
	out := make([]map[string]any, len(list))
	for i, a := range list {
		out[i] = a.(map[string]any)
	}
	return d["total"].(float64), out
}

func TestTheCalendarViewListsEveryClientsDeadlinesByDate(t *testing.T) {
	// given two clients with withholding, NITs ending in 6 and 4
	e := newEnv(t)
	andes := idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Distribuidora Los Andes", "nit": "900.123.456-8",
		"responsabilidades": ["retencion_fuente"]}`).want(t, http.StatusCreated).data(t))
	e.do("POST", "/api/empresas", `{"nombre": "Ferretería El Tornillo", "nit": "800.197.268-4",
		"responsabilidades": ["retencion_fuente", "iva_bimestral"]}`).want(t, http.StatusCreated)

	// when December 2025 is asked for
	total, rows := calendarRows(t, e, "desde=2025-12-01&hasta=2025-12-31")

	// then the Tornillo (…8, digit 8: the 19th) comes after the Andes (digit 6: the 17th)
	if total != 2 || len(rows) != 2 {
		t.Fatalf("total %v, rows %v", total, rows)
	}
	if rows[0]["empresa"] != "Distribuidora Los Andes" || rows[0]["vence_el"] != "2025-12-17" || rows[0]["nit"] != "900123456-8" ||
		rows[0]["periodo_nombre"] != "noviembre 2025" || rows[0]["origen"] != "calendario" ||
		rows[1]["empresa"] != "Ferretería El Tornillo" || rows[1]["vence_el"] != "2025-12-19" {
		t.Errorf("rows %v", rows)
	}

	// and the filters select by obligation and company, a page at a time
	if n, _ := calendarRows(t, e, "obligacion=iva_bimestral"); n == 0 {
		t.Errorf("no IVA rows")
	}
	n, byCompany := calendarRows(t, e, "empresa_id="+itoa(andes))
	for _, r := range byCompany {
		if r["empresa"] != "Distribuidora Los Andes" {
			t.Errorf("row of another company %v", r)
		}
	}
	_, page := calendarRows(t, e, "empresa_id="+itoa(andes)+"&limit=2&offset=1")
	if n < 3 || len(page) != 2 || page[0]["id"] != byCompany[1]["id"] {
		t.Errorf("page %v of %v rows", page, n)
	}
	var dates []string
	for _, r := range byCompany {
		dates = append(dates, r["vence_el"].(string))
	}
	if !slices.IsSorted(dates) {
		t.Errorf("not by date: %v", dates)
	}

	// and a resolved one shows only with estado=todas
	e.do("POST", "/api/alertas/"+itoa(idOf(t, rows[0]))+"/resolver", "").want(t, http.StatusOK)
	if open, _ := calendarRows(t, e, "desde=2025-12-01&hasta=2025-12-31"); open != 1 {
		t.Errorf("open rows %v", open)
	}
	if all, _ := calendarRows(t, e, "desde=2025-12-01&hasta=2025-12-31&estado=todas"); all != 2 {
		t.Errorf("every row %v", all)
	}
}

func TestTheCalendarViewRefusesBadFilters(t *testing.T) {
	e := newEnv(t)
	for query, field := range map[string]string{
		"obligacion=predial": "obligacion",
		"empresa_id=uno":     "empresa_id",
		"desde=2025-02-30":   "desde",
		"hasta=mañana":       "hasta",
		"estado=cerrada":     "estado",
	} {
		for _, path := range []string{"/api/calendario/alertas?", "/api/calendario/exportar?"} {
			res := e.do("GET", path+query, "").want(t, http.StatusBadRequest)
			if msg, _ := res.fields(t)[field].(string); msg == "" || isCode(msg) {
				t.Errorf("%s%s: %v", path, query, res.Body["errores"])
			}
		}
	}
	if res := e.do("GET", "/api/calendario/alertas?limit=5000", "").want(t, http.StatusBadRequest); res.fields(t)["limit"] == nil {
		t.Errorf("limit: %s", res.Raw)
	}
}

func TestTheCalendarExportsToExcel(t *testing.T) {
	// given a client with withholding
	e := newEnv(t)
	e.do("POST", "/api/empresas", `{"nombre": "Distribuidora Los Andes", "nit": "900.123.456-8",
		"responsabilidades": ["retencion_fuente"]}`).want(t, http.StatusCreated)
	total, _ := calendarRows(t, e, "")

	// when
	rows := e.export(t, "/api/calendario/exportar")

	// then every row is there, by date, with its obligation, period, state and source
	if got := strings.Join(rows[0], ";"); got != "vence_el;empresa;nit;obligacion;periodo;cuota;titulo;estado_fecha;fuente;prioridad_efectiva;estado;id" {
		t.Errorf("header %q", got)
	}
	if float64(len(rows)-1) != total {
		t.Fatalf("%d rows, the view lists %v", len(rows)-1, total)
	}
	want := []string{"2025-12-17", "Distribuidora Los Andes", "900123456-8", "retencion_fuente", "2025-11", "",
		"Retención en la fuente · noviembre 2025", "oficial", "Decreto 2229 de 2023 · calendario DIAN 2025"}
	if !slices.Equal(rows[1][:len(want)], want) {
		t.Errorf("first row %q, want %q", rows[1], want)
	}
}
