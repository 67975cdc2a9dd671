package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"vigia/app"
	"vigia/app/taxcal"
)

func TestTheCalendarPageListsEveryClientsDatesAndFilters(t *testing.T) {
	// given two clients with different obligations
	e := newTestEnv(t)
	ferreteria := e.company("Ferretería El Tornillo", "900123456", "retencion_fuente")
	panaderia := e.company("Panadería La Espiga", "800197268", "iva_bimestral")
	b := e.login()

	// when
	all := b.get("/calendario")

	// then the disclaimer shows once, with the calendar loaded and both clients' dates by date
	body := wantPage(t, all, http.StatusOK, "Usted sigue siendo responsable de verificar cada vencimiento",
		"Calendario 2026.1", "incluido en Vigía", "alertas hasta 12 meses adelante", "mié 17/12/2025",
		"Ferretería El Tornillo", "Panadería La Espiga", "Retención en la fuente", "IVA bimestral", `<span class="badge">oficial</span>`)
	if n := strings.Count(body, "Usted sigue siendo responsable"); n != 1 {
		t.Errorf("the disclaimer shows %d times", n)
	}
	if strings.Index(body, "17/12/2025") > strings.Index(body, "20/01/2026") {
		t.Error("the dates are not in order")
	}

	// filtered by obligation, only the other client's
	iva := b.get("/calendario?obligacion=iva_bimestral")
	text := wantPage(t, iva, http.StatusOK, "Panadería La Espiga", `<option value="iva_bimestral" selected>`)
	if strings.Contains(text, "<td data-etiqueta=\"Empresa\">Ferretería El Tornillo") {
		t.Error("the obligation filter lets another obligation through")
	}
	// filtered by company, only its own
	mine := b.get(fmt.Sprintf("/calendario?empresa=%d", ferreteria.ID))
	text = wantPage(t, mine, http.StatusOK, "Retención en la fuente")
	if strings.Contains(text, "<td data-etiqueta=\"Empresa\">Panadería La Espiga") {
		t.Error("the company filter lets another company through")
	}
	// the export is the core's CSV of the same filter
	exp := b.get(fmt.Sprintf("/calendario/exportar?empresa=%d", panaderia.ID))
	var want bytes.Buffer
	if err := e.svc.ExportCalendarCSV(context.Background(), &want, app.CalendarFilter{CompanyID: panaderia.ID, OpenOnly: true}); err != nil {
		t.Fatal(err)
	}
	if exp.Code != http.StatusOK || exp.Body.String() != want.String() || strings.Contains(want.String(), "Ferretería") {
		t.Errorf("export: %d\n%s", exp.Code, exp.Body)
	}
	// an unknown obligation says so next to its filter
	wantPage(t, b.get("/calendario?obligacion=predial"), http.StatusOK, `id="error-obligacion"`, "Panadería La Espiga")
}

func TestTheCalendarPageSpeaksEnglish(t *testing.T) {
	e := newTestEnv(t)
	e.company("Ferretería El Tornillo", "900123456", "retencion_fuente")
	e.settings.setLanguage("en")
	b := e.login()

	body := wantPage(t, b.get("/calendario"), http.StatusOK, "Tax calendar", "You remain responsible", "Withholding tax",
		"November 2025", ">official</span>", "Load updated calendar")
	if strings.Contains(body, "Retención en la fuente") || strings.Contains(body, "noviembre") {
		t.Error("the English page shows Spanish words")
	}
}

func TestAnUpdatedCalendarIsCheckedFirstAndLoadedWhenConfirmed(t *testing.T) {
	// given
	e := newTestEnv(t)
	e.company("Ferretería El Tornillo", "900123456", "retencion_fuente")
	b := e.login()
	file := bytes.Replace(taxcal.EmbeddedData(), []byte(`"version": "2026.1"`), []byte(`"version": "2026.9"`), 1)

	// when it is uploaded, the review says which calendar it is, and nothing changes yet
	review := b.follow(b.upload("/calendario/cargar", "archivo", "calendario-2026.9.json", file, nil))
	body := wantPage(t, review, http.StatusOK, "El archivo es válido: calendario 2026.9", "2025, 2026",
		`action="/calendario/cargar/confirmar"`)
	if st, _ := e.svc.CalendarStatus(context.Background()); st.Imported {
		t.Fatal("the dry run loaded the calendar")
	}

	// then «Cargar» loads it
	res := b.post("/calendario/cargar/confirmar", url.Values{"archivo": {reviewToken(t, body)}})
	wantRedirect(t, res, "/calendario")
	wantPage(t, b.get("/calendario"), http.StatusOK, "Calendario 2026.9", "importado")
	if st, _ := e.svc.CalendarStatus(context.Background()); !st.Imported || st.Info.Version != "2026.9" {
		t.Fatalf("after confirming: %+v", st)
	}

	// and a broken file is refused with why, in words, and cannot be confirmed
	bad := b.follow(b.upload("/calendario/cargar", "archivo", "roto.json", []byte("{\n\"version\": 3\n}"), nil))
	text := wantPage(t, bad, http.StatusBadRequest, "No se cargó el calendario:", "El calendario anterior sigue en uso.")
	if strings.Contains(text, "/calendario/cargar/confirmar") {
		t.Error("a refused calendar can be confirmed")
	}
}

func TestTheCalendarsCompanyFilterListsUpToItsMaximumAndBeyondNamesOnlyTheChosenOne(t *testing.T) {
	// given as many companies as the filter lists
	e := newTestEnv(t)
	var first app.Company
	for i := range companySelectMax {
		c := e.company(fmt.Sprintf("Cliente %03d", i), "", "retencion_fuente")
		if i == 0 {
			first = c
		}
	}
	b := e.login()
	wantPage(t, b.get("/calendario"), http.StatusOK, `<select id="f-empresa" name="empresa">`, ">Cliente 199</option>")

	// when one more comes
	e.company("Cliente 200", "")

	// then the filter lists none, names the chosen one, and asks to choose when the chosen one is gone
	body := wantPage(t, b.get("/calendario"), http.StatusOK, `<a href="/empresas">Elegir una empresa en Empresas</a>`)
	if strings.Contains(body, `id="f-empresa"`) {
		t.Error("the company filter lists every company")
	}
	wantPage(t, b.get(fmt.Sprintf("/calendario?empresa=%d", first.ID)), http.StatusOK, "<strong>Cliente 000</strong>")
	wantPage(t, b.get("/calendario?empresa=999999"), http.StatusOK, `<a href="/empresas">Elegir una empresa en Empresas</a>`)
}
