package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"vigia/app"
)

// Helpers of the Alertas, Empresas and Calendario tests.

// company saves a company through the service.
func (e *testEnv) company(name, nit string, codes ...string) app.Company {
	e.t.Helper()
	active := true
	d := app.CompanyDraft{Name: &name, NIT: &nit, Active: &active, Responsibilities: &codes}
	c, err := e.svc.CreateCompany(context.Background(), d)
	if err != nil {
		e.t.Fatalf("create company %s: %v", name, err)
	}
	return c
}

// alert saves an open alert of company through the service.
func (e *testEnv) alert(company int64, title, priority, due string) app.Alert {
	e.t.Helper()
	a, err := e.svc.CreateAlert(context.Background(), app.AlertDraft{CompanyID: &company, Title: &title, Priority: &priority, DueOn: &due})
	if err != nil {
		e.t.Fatalf("create alert %s: %v", title, err)
	}
	return a
}

// upload posts a multipart form with one file, as a browser's file input sends it.
func (b *browser) upload(path, field, name string, data []byte, fields url.Values) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		b.e.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	r := b.request(http.MethodPost, path, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(r)
}

// follow checks a 303 and GETs where it points.
func (b *browser) follow(res *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	b.e.t.Helper()
	if res.Code != http.StatusSeeOther {
		b.e.t.Fatalf("status %d, want 303; body:\n%s", res.Code, res.Body)
	}
	return b.get(res.Header().Get("Location"))
}

func pageText(res *httptest.ResponseRecorder) string { return html.UnescapeString(res.Body.String()) }

func TestABadAlertFormShowsEachFieldsErrorAndKeepsWhatWasTyped(t *testing.T) {
	// given
	e := newTestEnv(t)
	e.company("Ferretería El Tornillo", "")
	b := e.login()

	// when
	res := b.post("/alertas/nueva", url.Values{"empresa_id": {""}, "titulo": {"  "}, "detalle": {"Pedir el RUT actualizado"},
		"prioridad": {""}, "vence_el": {"31/02/2026"}, "volver": {"/alertas?estado=todas"}})

	// then
	body := wantPage(t, res, http.StatusBadRequest,
		`<p class="campo-error" id="error-empresa_id">Elija la empresa de la alerta.</p>`,
		`<p class="campo-error" id="error-titulo">El título es obligatorio.</p>`,
		`id="error-prioridad">La prioridad es obligatoria`,
		`id="error-vence_el">Fecha inválida: escríbala como DD/MM/AAAA`,
		">Pedir el RUT actualizado</textarea>", `value="31/02/2026"`, `aria-invalid="true"`,
		`name="volver" value="/alertas?estado=todas"`)
	if strings.Contains(body, "empresa_id)") {
		t.Error("the form shows the core's field name instead of its own words")
	}
	page, err := e.svc.AlertPage(context.Background(), app.AlertQuery{})
	if err != nil || page.Total != 0 {
		t.Fatalf("a refused form saved something: %d alerts, %v", page.Total, err)
	}
}

func TestAnAlertIsCreatedEditedAndListedWithItsOriginAndDueDate(t *testing.T) {
	// given
	e := newTestEnv(t)
	c := e.company("Ferretería El Tornillo", "900123456")
	b := e.login()

	// when the form is posted with a date typed day first
	res := b.post("/alertas/nueva", url.Values{"empresa_id": {strconv.FormatInt(c.ID, 10)}, "titulo": {"Renovar cámara de comercio"},
		"detalle": {"Antes del 31 de marzo\nsegunda línea"}, "prioridad": {"MEDIA"}, "vence_el": {"10/12/2025"}})

	// then it is saved and the list shows it, with where it comes from and how far its date is
	wantRedirect(t, res, "/alertas")
	list := b.get("/alertas")
	body := wantPage(t, list, http.StatusOK, "Alerta creada: «Renovar cámara de comercio».", "Renovar cámara de comercio",
		">Manual</span>", "Antes del 31 de marzo", "10/12/2025", "vence en 2 días", "NIT 900123456-8")
	if strings.Contains(body, "segunda línea") {
		t.Error("the list shows the whole detail, not its first line")
	}
	as, _ := e.svc.Alerts(context.Background(), app.AlertFilter{})
	if len(as) != 1 || as[0].DueOn.Format(app.DateLayout) != "2025-12-10" {
		t.Fatalf("saved %+v", as)
	}

	// and its edit page holds what was saved, the date as a date input holds it
	wantPage(t, b.get(fmt.Sprintf("/alertas/%d", as[0].ID)), http.StatusOK, `value="Renovar cámara de comercio"`,
		`value="2025-12-10"`, `<option value="MEDIA" selected>MEDIA</option>`)
	res = b.post(fmt.Sprintf("/alertas/%d", as[0].ID), url.Values{"empresa_id": {strconv.FormatInt(c.ID, 10)},
		"titulo": {"Renovar matrícula"}, "prioridad": {"ALTA"}, "vence_el": {""}, "volver": {"https://otro.sitio/"}})
	wantRedirect(t, res, "/alertas")
	a, _ := e.svc.Alert(context.Background(), as[0].ID)
	if a.Title != "Renovar matrícula" || a.Priority != app.PriorityHigh || !a.DueOn.IsZero() {
		t.Errorf("after the edit: %+v", a)
	}
}

func TestResolvingAnAlertKeepsItsNote(t *testing.T) {
	// given
	e := newTestEnv(t)
	c := e.company("Panadería La Espiga", "")
	a := e.alert(c.ID, "Declarar IVA", "ALTA", "2025-12-15")
	b := e.login()

	// when
	ask := b.get(fmt.Sprintf("/alertas/%d/resolver?volver=%s", a.ID, url.QueryEscape("/alertas?estado=todas")))
	wantPage(t, ask, http.StatusOK, "Declarar IVA", `name="nota"`, `value="/alertas?estado=todas"`)
	res := b.post(fmt.Sprintf("/alertas/%d/resolver", a.ID), url.Values{"nota": {"Presentada el 9/12"}, "volver": {"/alertas?estado=todas"}})

	// then
	wantRedirect(t, res, "/alertas?estado=todas")
	got, _ := e.svc.Alert(context.Background(), a.ID)
	if got.Open || got.ResolutionNote != "Presentada el 9/12" {
		t.Fatalf("after resolving: open %v, note %q", got.Open, got.ResolutionNote)
	}
	wantPage(t, b.get("/alertas?estado=todas"), http.StatusOK, "Alerta resuelta: «Declarar IVA».", ">Resuelta</span>")
	wantPage(t, b.get(fmt.Sprintf("/alertas/%d", a.ID)), http.StatusOK, "Nota de resolución: Presentada el 9/12")

	// and a note too long is refused next to its field, the alert still open elsewhere untouched
	other := e.alert(c.ID, "Pagar ICA", "MEDIA", "")
	res = b.post(fmt.Sprintf("/alertas/%d/resolver", other.ID), url.Values{"nota": {strings.Repeat("x", 2001)}})
	wantPage(t, res, http.StatusBadRequest, `id="error-nota"`)
	if got, _ := e.svc.Alert(context.Background(), other.ID); !got.Open {
		t.Error("a refused note resolved the alert")
	}
}

func TestDeletingAnAlertAsksFirst(t *testing.T) {
	// given
	e := newTestEnv(t)
	c := e.company("Panadería La Espiga", "")
	a := e.alert(c.ID, "Declarar IVA", "ALTA", "")
	b := e.login()

	// when the delete link is followed, the page only asks
	wantPage(t, b.get(fmt.Sprintf("/alertas/%d/eliminar", a.ID)), http.StatusOK,
		"¿Eliminar la alerta «Declarar IVA»? No se podrá recuperar.", `method="post" action="/alertas/`+strconv.FormatInt(a.ID, 10)+`/eliminar"`)
	if _, err := e.svc.Alert(context.Background(), a.ID); err != nil {
		t.Fatalf("asking deleted the alert: %v", err)
	}

	// then the confirmation deletes it
	res := b.post(fmt.Sprintf("/alertas/%d/eliminar", a.ID), url.Values{})
	wantRedirect(t, res, "/alertas")
	if _, err := e.svc.Alert(context.Background(), a.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("after confirming: %v, want not found", err)
	}
	wantPage(t, b.get("/alertas"), http.StatusOK, "Alerta eliminada: «Declarar IVA».")
	wantPage(t, b.get(fmt.Sprintf("/alertas/%d/eliminar", a.ID)), http.StatusNotFound)
}

func TestPagingLinksKeepTheFilters(t *testing.T) {
	// given 105 high alerts of one company and one of another
	e := newTestEnv(t)
	c := e.company("Ferretería El Tornillo", "")
	other := e.company("Panadería La Espiga", "")
	for i := range 105 {
		e.alert(c.ID, fmt.Sprintf("Alerta %03d", i), "ALTA", "")
	}
	e.alert(other.ID, "De otra empresa", "ALTA", "")
	b := e.login()

	// when
	first := b.get(fmt.Sprintf("/alertas?empresa=%d&prioridad=ALTA&estado=todas", c.ID))

	// then the next page's link keeps every filter
	next := fmt.Sprintf("/alertas?empresa=%d&estado=todas&pagina=2&prioridad=ALTA", c.ID)
	body := wantPage(t, first, http.StatusOK, "1–100 de 105", `href="`+html.EscapeString(next)+`"`)
	if strings.Contains(body, "De otra empresa") {
		t.Error("the company filter lets another company's alert through")
	}
	second := b.get(next)
	prev := fmt.Sprintf("/alertas?empresa=%d&estado=todas&prioridad=ALTA", c.ID)
	wantPage(t, second, http.StatusOK, "101–105 de 105", `href="`+html.EscapeString(prev)+`" rel="prev"`,
		`<option value="ALTA" selected>`, `<option value="todas" selected>`)
	if strings.Contains(second.Body.String(), `rel="next"`) {
		t.Error("the last page links to a next one")
	}
	// a page past the end shows the last one, as the desktop does
	wantPage(t, b.get(fmt.Sprintf("/alertas?empresa=%d&estado=todas&pagina=9", c.ID)), http.StatusOK, "101–105 de 105")
}

func TestABadDueByFilterSaysWhyNextToItsField(t *testing.T) {
	e := newTestEnv(t)
	c := e.company("Ferretería El Tornillo", "")
	e.alert(c.ID, "Sin fecha", "BAJA", "")
	e.alert(c.ID, "Con fecha", "BAJA", "2025-12-20")
	b := e.login()

	bad := b.get("/alertas?vence_hasta=32/13/2025")
	wantPage(t, bad, http.StatusOK, `id="error-vence_hasta">Fecha inválida`, "Sin fecha", "Con fecha")

	good := b.get("/alertas?vence_hasta=" + url.QueryEscape("31/12/2025"))
	body := wantPage(t, good, http.StatusOK, "Con fecha", `value="2025-12-31"`)
	if strings.Contains(body, "Sin fecha") {
		t.Error("the due-by filter keeps an alert without a date")
	}
}

func TestTheAlertsPageSpeaksEnglishWhenTheLanguageIsEnglish(t *testing.T) {
	e := newTestEnv(t)
	c := e.company("Ferretería El Tornillo", "")
	e.alert(c.ID, "Declarar IVA", "CRITICA", "2025-12-07")
	e.settings.setLanguage("en")
	b := e.login()

	body := wantPage(t, b.get("/alertas"), http.StatusOK, "New alert", "Effective priority", ">CRITICAL</span>",
		"overdue since yesterday", "Import CSV", `<html lang="en">`)
	for _, es := range []string{"Nueva alerta", "Prioridad efectiva", "vencida"} {
		if strings.Contains(body, es) {
			t.Errorf("the English page says %q", es)
		}
	}
	res := b.post("/alertas/nueva", url.Values{"titulo": {"x"}, "prioridad": {"ALTA"}})
	wantPage(t, res, http.StatusBadRequest, "Choose the alert&#39;s company.")
}

func TestTheAlertsExportIsTheCoresCSV(t *testing.T) {
	e := newTestEnv(t)
	c := e.company("Ferretería El Tornillo", "")
	e.alert(c.ID, "Declarar IVA", "ALTA", "2025-12-15")
	b := e.login()

	res := b.get("/alertas/exportar")
	if res.Code != http.StatusOK || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q", res.Code, res.Header().Get("Content-Type"))
	}
	if got := res.Header().Get("Content-Disposition"); got != `attachment; filename="alertas-2025-12-08.csv"` {
		t.Errorf("Content-Disposition %q", got)
	}
	var want bytes.Buffer
	if err := e.svc.ExportAlertsCSV(context.Background(), &want); err != nil {
		t.Fatal(err)
	}
	if res.Body.String() != want.String() || !strings.Contains(want.String(), "Declarar IVA") {
		t.Errorf("the download is not the core's file:\n%q", res.Body.String())
	}
	companies := b.get("/empresas/exportar")
	if companies.Code != http.StatusOK || !strings.Contains(companies.Body.String(), "Ferretería El Tornillo") {
		t.Errorf("companies export: %d %q", companies.Code, companies.Body.String())
	}
}

func TestWithManyCompaniesTheFiltersNameTheChosenOneInsteadOfListingThemAll(t *testing.T) {
	// given more companies than a filter lists
	e := newTestEnv(t)
	var last app.Company
	for i := range companySelectMax + 1 {
		last = e.company(fmt.Sprintf("Cliente %03d", i), "")
	}
	e.alert(last.ID, "Declarar IVA", "ALTA", "")
	b := e.login()

	// then the filter sends to Empresas to choose one
	body := wantPage(t, b.get("/alertas"), http.StatusOK, `<a href="/empresas">Elegir una empresa en Empresas</a>`)
	if strings.Contains(body, `id="f-empresa"`) {
		t.Error("the company filter lists every company")
	}
	if !strings.Contains(body, ">Cliente 200") || strings.Contains(body, "Cliente 199") {
		t.Error("the alert's row does not name its company, or the page names others")
	}
	// and names the one chosen there, kept by the filter form, with the way back to all
	filtered := b.get(fmt.Sprintf("/alertas?empresa=%d&estado=todas", last.ID))
	wantPage(t, filtered, http.StatusOK, fmt.Sprintf(`<input type="hidden" name="empresa" value="%d">`, last.ID),
		"<strong>Cliente 200</strong>", `<a href="/alertas?estado=todas">Ver todas las empresas</a>`, "Declarar IVA")
	wantPage(t, b.get(fmt.Sprintf("/calendario?empresa=%d", last.ID)), http.StatusOK, "<strong>Cliente 200</strong>",
		`<a href="/calendario">Ver todas las empresas</a>`)
}
