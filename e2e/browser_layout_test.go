//go:build unix

package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The web interface by keyboard alone, and on a phone's width.

// A keyboard user logs in, creates a monthly trigger and logs out with Tab,
// Enter, Space and typing only: every control is reachable in order and
// shows its focus.
func TestBrowserKeyboardOnlyLogInCreateTriggerAndLogOut(t *testing.T) {
	chromiumPath(t)
	vigia := startWebVigia(t, false)
	b := openTab(t, vigia.base)

	b.open("/")
	if id := evalIn[string](b, `document.activeElement.id`); id != "token" {
		t.Fatalf("the login page's focus is on %q, want the token field", id)
	}
	b.keys(vigia.token)
	b.keysNavigate(kb.Enter)
	if loc := b.location(); loc != "/" {
		t.Fatalf("Enter in the token field went to %s, want /", loc)
	}

	// the first Tab reaches the «skip to content» link, shown while focused
	b.keys(kb.Tab)
	if !evalIn[bool](b, `document.activeElement.matches("a.saltar") && document.activeElement.getBoundingClientRect().top >= 0 && document.activeElement.getBoundingClientRect().height > 0`) {
		t.Errorf("the first Tab focuses %s, want the visible skip link",
			evalIn[string](b, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	b.tabTo(`nav.nav a[href="/triggers"]`, 10)
	b.keysNavigate(kb.Enter)
	b.tabTo(`a[href="/triggers/nuevo"]`, 20)
	b.keysNavigate(kb.Enter)
	b.wantText("h1", "Nuevo trigger")

	fillMonthlyTriggerByKeyboard(t, b)
	ticked := evalIn[[]string](b, `Array.from(document.querySelectorAll("input[name=prioridades]:checked")).map(function (c) { return c.value })`)
	b.tabTo(`.trigger-botones button.primario`, 20)
	b.keysNavigate(kb.Enter)
	if loc := b.location(); loc != "/triggers" {
		t.Fatalf("Enter on «Guardar» went to %s, want /triggers:\n%s", loc, b.bodyText())
	}
	b.wantText("main", "Trigger «Cierre mensual» guardado.", "Mensual (día 15) a las 07:00")
	var saved []struct {
		Nombre      string   `json:"nombre"`
		Prioridades []string `json:"prioridades"`
	}
	vigia.mustCall("GET", "/api/triggers", "", http.StatusOK, &saved)
	if len(saved) != 1 || saved[0].Nombre != "Cierre mensual" || !slices.Equal(saved[0].Prioridades, ticked) {
		t.Errorf("saved %+v, want «Cierre mensual» with the priorities ticked, %q", saved, ticked)
	}

	b.tabTo(`form.salir button`, 20)
	b.keysNavigate(kb.Enter)
	b.wantText("main", "Sesión cerrada.")
}

// fillMonthlyTriggerByKeyboard types the form of a trigger on day 15 at
// 07:00 of every month, MEDIA turned over with Space, and waits for its next runs.
func fillMonthlyTriggerByKeyboard(t *testing.T, b *tab) {
	t.Helper()
	b.tabTo("#nombre", 20)
	b.keys("Cierre mensual")
	b.tabTo("#frecuencia", 5)
	b.keys("Mensual") // a closed select's type-ahead
	if v := evalIn[string](b, `document.querySelector("#frecuencia").value`); v != "mensual" {
		t.Fatalf("typing «Mensual» on the frequency chose %q", v)
	}
	b.tabTo("#hora", 5)
	b.do("select the time", chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	b.keys("07:00")
	b.tabTo("#dia_mes", 5)
	b.keys("15")
	b.tabTo("#destinatarios", 5)
	b.keys("cierre@ejemplo.com")
	b.tabTo(`input[name=prioridades][value=MEDIA]`, 10)
	before := evalIn[bool](b, `document.activeElement.checked`)
	b.keys(" ")
	if evalIn[bool](b, `document.activeElement.checked`) == before {
		t.Error("Space did not change the MEDIA box")
	}
	b.waitJS("the monthly preview", `(function(){
		var l = Array.from(document.querySelectorAll("#proximas-lista li"));
		return l.length === 5 && l.every(function (li) { return /^\S+ 15\/\d\d\/\d{4} 07:00/.test(li.innerText) }) })()`)
}

// Every page fits a 390 px wide phone: none scrolls sideways (wide tables
// scroll inside their own box or become cards).
func TestBrowserNoPageScrollsSidewaysAt390Pixels(t *testing.T) {
	chromiumPath(t)
	vigia := startWebVigia(t, true)
	b := openTab(t, vigia.base)
	logIn(t, b, vigia.token)
	paths := pagesWithData(t, vigia)

	b.viewport(phoneWidth, phoneHeight)
	for _, path := range paths {
		b.open(path)
		wantNoSidewaysScroll(t, b)
		if path == "/triggers" {
			b.screenshot("movil-triggers")
		}
	}
	b.click(`form.salir button`)
	wantNoSidewaysScroll(t, b)
}

// pagesWithData runs a trigger and returns every page to look at, with the
// ids of a trigger, an alert, a company and that run.
func pagesWithData(t *testing.T, vigia *vigiaProcess) []string {
	t.Helper()
	var triggers, companies []idOnly
	vigia.mustCall("GET", "/api/triggers", "", http.StatusOK, &triggers)
	vigia.mustCall("GET", "/api/empresas", "", http.StatusOK, &companies)
	var alerts struct {
		Alertas []idOnly `json:"alertas"`
	}
	vigia.mustCall("GET", "/api/alertas", "", http.StatusOK, &alerts)
	if len(triggers) == 0 || len(companies) == 0 || len(alerts.Alertas) == 0 {
		t.Fatalf("the demo data lacks triggers (%d), companies (%d) or alerts (%d)", len(triggers), len(companies), len(alerts.Alertas))
	}
	var run idOnly
	vigia.mustCall("POST", fmt.Sprintf("/api/triggers/%d/ejecutar", triggers[0].ID), "", http.StatusAccepted, &run)
	vigia.waitFinished(run.ID)
	tr, al, co := triggers[0].ID, alerts.Alertas[0].ID, companies[0].ID
	return []string{
		"/",
		"/triggers", "/triggers/nuevo", fmt.Sprintf("/triggers/%d", tr), fmt.Sprintf("/triggers/%d/duplicar", tr),
		fmt.Sprintf("/triggers/%d/eliminar", tr), fmt.Sprintf("/triggers/%d/vista-previa", tr), fmt.Sprintf("/triggers/%d/prueba", tr),
		"/alertas", "/alertas/nueva", fmt.Sprintf("/alertas/%d", al), fmt.Sprintf("/alertas/%d/resolver", al),
		fmt.Sprintf("/alertas/%d/eliminar", al), "/alertas/importar",
		"/empresas", "/empresas/nueva", fmt.Sprintf("/empresas/%d", co), fmt.Sprintf("/empresas/%d/eliminar", co),
		"/calendario", "/calendario/cargar",
		"/historial", fmt.Sprintf("/historial/%d", run.ID),
		"/configuracion",
	}
}

// wantNoSidewaysScroll checks that the page is as wide as the window.
func wantNoSidewaysScroll(t *testing.T, b *tab) {
	t.Helper()
	got := evalIn[[]int](b, `[document.scrollingElement.scrollWidth, window.innerWidth]`)
	if got[1] != phoneWidth {
		t.Fatalf("the window is %d px wide, want %d", got[1], phoneWidth)
	}
	if got[0] > got[1] {
		wide := evalIn[[]string](b, `Array.from(document.querySelectorAll("body *")).filter(function (e) {
			var r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 && getComputedStyle(e).position !== "fixed" })
			.slice(0, 5).map(function (e) { return e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "") })`)
		t.Errorf("%s scrolls sideways at %d px: it is %d px wide (wider: %s)", b.location(), phoneWidth, got[0], strings.Join(wide, ", "))
	}
}
