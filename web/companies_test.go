package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"vigia/app"
)

func TestACompanyCreatedWithObligationsHasItsCalendarAlertsListed(t *testing.T) {
	// given
	e := newTestEnv(t)
	b := e.login()

	// when the form is posted with two obligations ticked
	res := b.post("/empresas/nueva", url.Values{"nombre": {"Ferretería El Tornillo"}, "nit": {"900123456"},
		"contacto": {""}, "activa": {"1"}, "responsabilidades": {"retencion_fuente", "iva_bimestral"}})

	// then it is saved with them, and its alerts come from the calendar
	wantRedirect(t, res, "/empresas")
	cs, _ := e.svc.Companies(context.Background())
	if len(cs) != 1 || cs[0].NIT != "900123456-8" || strings.Join(cs[0].Responsibilities, ",") != "retencion_fuente,iva_bimestral" {
		t.Fatalf("saved %+v", cs)
	}
	companies := b.get("/empresas")
	wantPage(t, companies, http.StatusOK, "Empresa creada: «Ferretería El Tornillo».", "NIT 900123456-8",
		`href="/alertas?empresa=1&amp;prioridad=BAJA">`)
	list := b.get(fmt.Sprintf("/alertas?empresa=%d", cs[0].ID))
	wantPage(t, list, http.StatusOK, "Retención en la fuente · noviembre 2025", "IVA bimestral · noviembre–diciembre 2025",
		`<span class="badge badge-info">Calendario</span>`, "fecha oficial", "fuente: Decreto 2229 de 2023", "17/12/2025")
}

func TestTheCompanyFormShowsTheNextThreeDeadlinesWithoutSaving(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()

	// «Ver próximos vencimientos» shows the dates of what is ticked, and saves nothing
	res := b.post("/empresas/nueva", url.Values{"nombre": {"Panadería La Espiga"}, "nit": {"800.197.268"},
		"activa": {"1"}, "responsabilidades": {"iva_bimestral"}, "accion": {"vencimientos"}})
	body := wantPage(t, res, http.StatusOK, "Próximos vencimientos", "IVA bimestral · noviembre–diciembre 2025",
		"IVA bimestral · enero–febrero 2026", "NIT con dígito de verificación: 800197268-4",
		`value="iva_bimestral" checked`, `value="Panadería La Espiga"`)
	if n := strings.Count(body, "<li><strong>"); n != 3 {
		t.Errorf("%d next deadlines shown, want 3", n)
	}
	if cs, _ := e.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatalf("showing the deadlines saved the company: %+v", cs)
	}

	// without a NIT, it says the dates need one; the fragment app.js swaps in says the same
	res = b.post("/empresas/nueva", url.Values{"nombre": {"X"}, "responsabilidades": {"retencion_fuente"}, "accion": {"vencimientos"}})
	wantPage(t, res, http.StatusOK, "Escriba el NIT para calcular las fechas")
	frag := b.get("/empresas/vencimientos?nit=&responsabilidades=retencion_fuente")
	fragment := wantPage(t, frag, http.StatusOK, "Escriba el NIT para calcular las fechas")
	if strings.Contains(fragment, "<html") {
		t.Error("the fragment is a whole page")
	}
	wantPage(t, b.get("/empresas/vencimientos?nit=900123456&responsabilidades=retencion_fuente"), http.StatusOK,
		"Retención en la fuente · noviembre 2025")
}

func TestABadCompanyFormSaysWhatIsWrongNextToEachField(t *testing.T) {
	e := newTestEnv(t)
	e.company("Ferretería El Tornillo", "")
	b := e.login()

	res := b.post("/empresas/nueva", url.Values{"nombre": {""}, "nit": {"900123456-7"}, "contacto": {"no es correo"}})
	wantPage(t, res, http.StatusBadRequest, `id="error-nombre"`, `id="error-nit"`, `id="error-contacto"`,
		`value="no es correo"`, "El dígito de verificación de 900123456 es 8, no 7.")

	res = b.post("/empresas/nueva", url.Values{"nombre": {"Ferretería El Tornillo"}, "activa": {"1"}})
	wantPage(t, res, http.StatusConflict, "Ya existe una empresa llamada «Ferretería El Tornillo».")
	if cs, _ := e.svc.Companies(context.Background()); len(cs) != 1 {
		t.Fatalf("%d companies, want the first one only", len(cs))
	}
}

func TestDeletingACompanyWithAlertsAsksAndSaysHowManyGoWithIt(t *testing.T) {
	// given a company with one open and one resolved alert
	e := newTestEnv(t)
	c := e.company("Panadería La Espiga", "")
	e.alert(c.ID, "Declarar IVA", "ALTA", "")
	done := e.alert(c.ID, "Pagar ICA", "MEDIA", "")
	if _, err := e.svc.ResolveAlert(context.Background(), done.ID, ""); err != nil {
		t.Fatal(err)
	}
	b := e.login()

	// when the delete link is followed, the page says what goes with it
	ask := b.get(fmt.Sprintf("/empresas/%d/eliminar", c.ID))
	wantPage(t, ask, http.StatusOK, "tiene 1 alerta abierta y 1 resuelta", "eliminarán también esas 2 alertas",
		`name="forzar" value="1"`, "Eliminar la empresa y sus alertas")

	// a confirmation that did not know of the alerts asks again
	res := b.post(fmt.Sprintf("/empresas/%d/eliminar", c.ID), url.Values{})
	wantPage(t, res, http.StatusConflict, "Mientras tanto llegaron alertas nuevas", `name="forzar" value="1"`)
	if _, err := e.svc.Company(context.Background(), c.ID); err != nil {
		t.Fatalf("an unforced delete removed the company: %v", err)
	}

	// then the forced confirmation deletes the company and its alerts
	res = b.post(fmt.Sprintf("/empresas/%d/eliminar", c.ID), url.Values{"forzar": {"1"}})
	wantRedirect(t, res, "/empresas")
	if _, err := e.svc.Company(context.Background(), c.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("after the forced delete: %v", err)
	}
	wantPage(t, b.get("/empresas"), http.StatusOK, "Empresa eliminada: «Panadería La Espiga».")
}

func TestTheCompaniesPageShowsOpenAlertsByEffectivePriorityInWords(t *testing.T) {
	e := newTestEnv(t)
	c := e.company("Ferretería El Tornillo", "")
	e.company("Panadería La Espiga", "")
	e.alert(c.ID, "Vence mañana", "BAJA", "2025-12-09") // escalated by its date
	e.alert(c.ID, "Otra", "ALTA", "")
	e.alert(c.ID, "Y otra", "ALTA", "")
	b := e.login()

	body := wantPage(t, b.get("/empresas"), http.StatusOK, ">2 alta</a>", "2 empresas", "sin alertas abiertas")
	counts, _ := e.svc.OpenAlertCounts(context.Background())
	if len(counts[c.ID]) != 2 || counts[c.ID][app.PriorityLow] != 0 {
		t.Fatalf("the alert due tomorrow did not escalate: %v", counts[c.ID])
	}
	for p, n := range counts[c.ID] { // the escalated one counts at its effective priority
		if want := ">" + T("es", companyBadgeKeys[p], "N", n) + "</a>"; !strings.Contains(body, want) {
			t.Errorf("no badge %q", want)
		}
	}
	found := b.get("/empresas?buscar=espiga")
	text := wantPage(t, found, http.StatusOK, "Panadería La Espiga", "1 empresa")
	if strings.Contains(text, "Ferretería El Tornillo") {
		t.Error("the search lets another company through")
	}
}
