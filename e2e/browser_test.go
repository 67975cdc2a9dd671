//go:build unix

package e2e

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// What a user does in the web interface, in Debian's chromium, against the
// real headless binary with the example data: every page is also checked
// for a script error or a refusal of the Content-Security-Policy.

func TestBrowserLogInWeeklyTriggerRunNowImportLanguageAndLogOut(t *testing.T) {
	chromiumPath(t)
	vigia := startWebVigia(t, true)
	b := openTab(t, vigia.base)

	logIn(t, b, vigia.token)
	b.screenshot("inicio")

	id := createWeeklyTrigger(t, b, "Cierre semanal de IVA")
	runNowAndSeeHistory(t, b, vigia, id, "Cierre semanal de IVA")
	importAlertsCSV(t, b, vigia)
	pageScreenshots(t, b)
	switchLanguage(t, b)
	logOut(t, b)
}

// logIn opens the site without a session (the login page, in Spanish), is
// refused a wrong token, and enters with the right one.
func logIn(t *testing.T, b *tab, token string) {
	t.Helper()
	b.open("/")
	if loc := b.location(); !strings.HasPrefix(loc, "/ingresar") {
		t.Fatalf("without a session / shows %s, want the login page", loc)
	}
	if lang := evalIn[string](b, `document.documentElement.lang`); lang != "es" {
		t.Errorf("the login page is in %q, want es", lang)
	}
	b.wantText("h1", "Ingresar a Vigía")
	b.wantText("main", "Token de acceso", "api-token")
	b.screenshot("ingresar")

	b.do("type a wrong token", chromedp.SendKeys(chromedp.CSS("#token"), "no-es-el-token"))
	b.click("form.login button[type=submit]")
	b.wantText("main", "El token no es correcto")
	if n := evalIn[int](b, `document.querySelectorAll("nav.nav a").length`); n != 0 {
		t.Errorf("a refused login shows the navigation (%d links)", n)
	}

	b.do("type the token", chromedp.SendKeys(chromedp.CSS("#token"), token))
	b.click("form.login button[type=submit]")
	if loc := b.location(); loc != "/" {
		t.Fatalf("after logging in the browser is at %s, want /", loc)
	}
	b.wantText("nav.nav", "Inicio", "Triggers", "Alertas", "Calendario", "Historial", "Configuración")
	b.wantText("main", "Notificación Diaria") // a demo trigger's next run
}

// weekdayRun is a line of the form's next runs for a Monday or a Thursday at 09:30.
var weekdayRun = regexp.MustCompile(`^(lun|jue) \d\d/\d\d/\d{4} 09:30`)

// createWeeklyTrigger fills the trigger form (weekly, Monday and Thursday at
// 09:30), watches its next 5 runs follow what is typed, saves it, and
// returns its row's id in the list ("trigger-7").
func createWeeklyTrigger(t *testing.T, b *tab, name string) string {
	t.Helper()
	b.click(`nav.nav a[href="/triggers"]`)
	b.click(`a[href="/triggers/nuevo"]`)
	b.wantText("h1", "Nuevo trigger")
	if evalIn[bool](b, `!document.querySelector("#dia_mes").closest("[data-frecuencias]").hidden`) {
		t.Error("the day of the month shows for a daily trigger")
	}
	if first := b.text("#proximas-lista"); weekdayRun.MatchString(first) || !strings.Contains(first, "08:00") {
		t.Errorf("a new trigger's preview shows %q, want the default daily runs at 08:00", first)
	}
	b.do("fill in the form",
		chromedp.SendKeys(chromedp.CSS("#nombre"), name),
		chromedp.SendKeys(chromedp.CSS("#frecuencia"), "Semanal"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=dias_semana][value=lunes]`)),
		chromedp.Click(chromedp.CSS(`input[name=dias_semana][value=lunes]`)),
		chromedp.Click(chromedp.CSS(`input[name=dias_semana][value=jueves]`)),
		chromedp.Clear(chromedp.CSS("#hora")),
		chromedp.SendKeys(chromedp.CSS("#hora"), "09:30"),
	)
	runs := waitNextRuns(t, b)
	for _, r := range runs {
		if !weekdayRun.MatchString(r) {
			t.Errorf("next run %q is not a Monday or Thursday at 09:30 (all: %q)", r, runs)
		}
	}
	b.screenshot("trigger-formulario")

	// no recipients and no default ones: refused next to the field, the rest kept
	b.click(`.trigger-botones button.primario`)
	if v := evalIn[string](b, `document.querySelector("#destinatarios").getAttribute("aria-invalid") || ""`); v != "true" {
		t.Errorf("the recipients are not marked invalid after saving without any:\n%s", b.bodyText())
	}
	b.wantText("#error-destinatarios", "destinatario")
	if v := evalIn[string](b, `document.querySelector("#nombre").value + " " + document.querySelector("#hora").value`); v != name+" 09:30" {
		t.Errorf("the refused form keeps %q, want %q", v, name+" 09:30")
	}
	b.do("type a recipient", chromedp.SendKeys(chromedp.CSS("#destinatarios"), "contabilidad@ejemplo.com"))
	b.click(`.trigger-botones button.primario`)
	if loc := b.location(); loc != "/triggers" {
		t.Fatalf("saving the trigger went to %s, want /triggers", loc)
	}
	b.wantText("main", "Trigger «"+name+"» guardado.")
	id := evalIn[string](b, fmt.Sprintf(`(function(){ var a = Array.from(document.querySelectorAll("a.trigger-nombre")).find(function (a) { return a.textContent === %q }); return a ? a.closest("tr").id : "" })()`, name))
	if id == "" {
		t.Fatalf("the list lacks %q:\n%s", name, b.bodyText())
	}
	b.wantText("#"+id, "Semanal (lunes, jueves) a las 09:30", "Activo")
	return id
}

// waitNextRuns waits until the form's preview lists 5 runs of the weekly
// schedule typed (app.js asks the server as the user types) and returns them.
func waitNextRuns(t *testing.T, b *tab) []string {
	t.Helper()
	const lines = `Array.from(document.querySelectorAll("#proximas-lista li")).map(function (li) { return li.innerText })`
	b.waitJS("the weekly preview", `(function(){ var l = `+lines+`; return l.length === 5 && l.every(function (s) { return /^(lun|jue) .* 09:30/.test(s) }) })()`)
	return evalIn[[]string](b, lines)
}

// runNowAndSeeHistory presses the row's «Ejecutar ahora», then finds the run
// in the Historial, finished, and opens its detail.
func runNowAndSeeHistory(t *testing.T, b *tab, vigia *vigiaProcess, rowID, name string) {
	t.Helper()
	b.click("#" + rowID + " form[data-ejecutar] button")
	b.wantText("main", "Ejecución manual de «"+name+"» iniciada")
	// the demo triggers run too, so the Historial has more than one row
	var triggers []idOnly
	vigia.mustCall("GET", "/api/triggers", "", http.StatusOK, &triggers)
	runs := []int64{lastExecution(t, vigia, strings.TrimPrefix(rowID, "trigger-"))}
	for _, tr := range triggers {
		if fmt.Sprintf("trigger-%d", tr.ID) != rowID {
			var started idOnly
			vigia.mustCall("POST", fmt.Sprintf("/api/triggers/%d/ejecutar", tr.ID), "", http.StatusAccepted, &started)
			runs = append(runs, started.ID)
		}
	}
	for _, id := range runs {
		vigia.waitFinished(id)
	}

	b.click(`nav.nav a[href="/historial"]`)
	row := fmt.Sprintf(`Array.from(document.querySelectorAll("table.historial tbody tr")).find(function (tr) { return tr.cells[4].innerText === %q })`, name)
	if !evalIn[bool](b, "!!"+row) {
		t.Fatalf("the Historial lacks a run of %q:\n%s", name, b.bodyText())
	}
	if state := evalIn[string](b, row+".cells[5].innerText"); state != "Exitoso" {
		t.Errorf("the run of %q shows %q, want Exitoso", name, state)
	}
	if origin := evalIn[string](b, row+".cells[6].innerText"); origin != "Manual" {
		t.Errorf("the run of %q shows origin %q, want Manual", name, origin)
	}
	b.screenshot("historial")
	b.navigate("open the run's detail", chromedp.Evaluate[chromedp.Void](row+".cells[0].querySelector('a').click()"))
	if loc := b.location(); !strings.HasPrefix(loc, "/historial/") {
		t.Fatalf("the run's link went to %s", loc)
	}
	b.wantText("main", name, "Exitoso")
}

// lastExecution is the id of trigger id's newest run, through the API.
func lastExecution(t *testing.T, vigia *vigiaProcess, id string) int64 {
	t.Helper()
	var page struct {
		Runs []executionDatos `json:"ejecuciones"`
	}
	vigia.mustCall("GET", "/api/triggers/ejecuciones?trigger_id="+id, "", http.StatusOK, &page)
	if len(page.Runs) == 0 {
		t.Fatalf("trigger %s has no run", id)
	}
	return page.Runs[0].ID
}

// importCSV is the file the import takes: a new company with two alerts.
const importCSV = "empresa,nit,titulo,detalle,prioridad,vence_el\n" +
	"Ferretería El Tornillo S.A.S.,,Declaración de ICA,Bimestre 6,ALTA,15/02/2030\n" +
	"Ferretería El Tornillo S.A.S.,,Inventario anual,,BAJA,\n"

// importAlertsCSV uploads a CSV file: the dry run lists what it would do and
// saves nothing; «Importar» saves it.
func importAlertsCSV(t *testing.T, b *tab, vigia *vigiaProcess) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "alertas.csv")
	if err := os.WriteFile(file, []byte(importCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	b.click(`nav.nav a[href="/alertas"]`)
	b.click(`a[href="/alertas/importar"]`)
	b.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#archivo"), []string{file}))
	b.click(`form[action="/alertas/importar"] button[type=submit]`)
	b.wantText("main", "Ferretería El Tornillo S.A.S.", "Declaración de ICA", "Inventario anual", "nueva")
	b.wantText("#resumen", "2")
	b.screenshot("importar")
	if companyExists(t, vigia, "Ferretería El Tornillo S.A.S.") {
		t.Fatal("the dry run saved the company")
	}

	b.click(`form[action="/alertas/importar/confirmar"] button[type=submit]`)
	if loc := b.location(); !strings.HasPrefix(loc, "/alertas") {
		t.Fatalf("the import went to %s, want /alertas", loc)
	}
	b.wantText(".flash", "2 alertas nuevas")
	if !companyExists(t, vigia, "Ferretería El Tornillo S.A.S.") {
		t.Fatal("the import did not save the company")
	}
}

// companyExists asks the API whether a company of that name is saved.
func companyExists(t *testing.T, vigia *vigiaProcess, name string) bool {
	t.Helper()
	var companies []struct {
		Nombre string `json:"nombre"`
	}
	vigia.mustCall("GET", "/api/empresas", "", http.StatusOK, &companies)
	for _, c := range companies {
		if c.Nombre == name {
			return true
		}
	}
	return false
}

// pageScreenshots visits the pages not seen yet in the flow (each checked
// like every other), for the README.
func pageScreenshots(t *testing.T, b *tab) {
	t.Helper()
	b.click(`nav.nav a[href="/triggers"]`)
	b.screenshot("triggers")
	b.click(`nav.nav a[href="/alertas"]`)
	b.wantText("main", "Ferretería El Tornillo S.A.S.")
	b.screenshot("alertas")
	b.click(`nav.nav a[href="/calendario"]`)
	b.screenshot("calendario")
	b.click(`nav.nav a[href="/configuracion"]`)
	b.screenshot("configuracion")
}

// switchLanguage turns the pages to English and back to Spanish, with the
// layout's language buttons, staying on the same page.
func switchLanguage(t *testing.T, b *tab) {
	t.Helper()
	b.click(`nav.nav a[href="/triggers"]`)
	b.click(`form.idioma button[value=en]`)
	if loc := b.location(); loc != "/triggers" {
		t.Errorf("the language switch went to %s, want /triggers", loc)
	}
	if lang := evalIn[string](b, `document.documentElement.lang`); lang != "en" {
		t.Fatalf("after «English» the page is in %q", lang)
	}
	b.wantText("nav.nav", "Home", "Alerts", "Calendar", "History", "Settings")
	b.wantText("main", "New trigger")
	b.click(`form.idioma button[value=es]`)
	if lang := evalIn[string](b, `document.documentElement.lang`); lang != "es" {
		t.Fatalf("after «Español» the page is in %q", lang)
	}
	b.wantText("nav.nav", "Inicio", "Alertas")
	b.wantText("main", "Nuevo trigger")
}

// logOut leaves: the login page says so, and a page needs the login again.
func logOut(t *testing.T, b *tab) {
	t.Helper()
	b.click(`form.salir button`)
	if loc := b.location(); !strings.HasPrefix(loc, "/ingresar") {
		t.Fatalf("logging out went to %s", loc)
	}
	b.wantText("main", "Sesión cerrada.")
	b.open("/triggers")
	if loc := b.location(); !strings.HasPrefix(loc, "/ingresar") {
		t.Fatalf("after logging out /triggers shows %s, want the login page", loc)
	}
}
