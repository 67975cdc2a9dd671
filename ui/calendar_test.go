package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
	"vigia/app/taxcal"
)

// The dates below are the published 2025 and 2026 tables (docs of the
// domain): retención of November 2025 is due on 17/12/2025 for a NIT ending
// in 6 (900123456) and on 19/12/2025 for one ending in 8 (800197268); ICA
// Bogotá of September–October 2025 on 12/12/2025 for every NIT. Tests start
// on Monday 08/12/2025.

// calendarCompany saves a company with obligations through the service:
// its calendar alerts are written with it.
func calendarCompany(t *testing.T, env *testEnv, name, nit string, codes ...string) app.Company {
	t.Helper()
	c, err := env.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: &name, NIT: &nit, Responsibilities: &codes})
	if err != nil {
		t.Fatal(err)
	}
	env.drain()
	return c
}

// calendarRow is what row of the Calendario table shows, column by column.
func calendarRow(tab *calendarTab, row int) []string {
	var cells []string
	for col := range calendarColumns {
		cells = append(cells, tab.calendarCell(row, col).text)
	}
	return cells
}

func TestCompanyDialogShowsTheNextDeadlinesAsBoxesAreTickedAndTheNITChanges(t *testing.T) {
	// given the Nueva empresa dialog with a NIT ending in 6
	env := newTestEnv(t)
	env.u.alerts.companies.onNew()
	f := env.u.alerts.companies.form
	test.Type(f.nit, "900123456")
	if got := f.resp.shown; got != "Marque las responsabilidades de la empresa para ver sus próximos vencimientos." {
		t.Errorf("nothing ticked: %q", got)
	}

	// when Retención en la fuente is ticked
	f.resp.tick(taxcal.RetencionFuente, true)

	// then the next three due dates of that NIT are shown, with their state
	want := "mié 17/12/2025 · Retención en la fuente · noviembre 2025 · oficial\n" +
		"mar 20/01/2026 · Retención en la fuente · diciembre 2025 · oficial\n" +
		"mar 17/02/2026 · Retención en la fuente · enero 2026 · oficial"
	if got := f.resp.shown; got != want {
		t.Errorf("retención ticked:\n%s\nwant\n%s", got, want)
	}

	// when the NIT changes to one ending in 8, the dates follow it
	f.nit.SetText("")
	test.Type(f.nit, "800197268")
	if got := f.resp.shown; !strings.HasPrefix(got, "vie 19/12/2025 · Retención en la fuente · noviembre 2025") {
		t.Errorf("NIT ending in 8: %q", got)
	}

	// when the NIT is cleared, a date keyed by it cannot be known
	f.nit.SetText("")
	if got := f.resp.shown; got != "Escriba el NIT para calcular las fechas: dependen de su último dígito." {
		t.Errorf("no NIT: %q", got)
	}

	// but ICA Bogotá has one date for every NIT
	f.resp.tick(taxcal.RetencionFuente, false)
	f.resp.tick(taxcal.ICABogotaBimestral, true)
	if got := f.resp.shown; !strings.HasPrefix(got, "vie 12/12/2025 · ICA Bogotá bimestral · septiembre–octubre 2025 · oficial\n") {
		t.Errorf("ICA without NIT: %q", got)
	}
}

func TestCompanyDialogSavesTheTickedObligationsAndShowsTheCoresRefusal(t *testing.T) {
	// given the Nueva empresa dialog, filled in
	env := newTestEnv(t)
	p := env.u.alerts.companies
	p.onNew()
	f := p.form
	test.Type(f.name, "Panadería La Espiga")
	test.Type(f.nit, "900123456")

	// when two obligations that exclude each other are ticked and it is saved
	f.resp.tick(taxcal.IVABimestral, true)
	f.resp.tick(taxcal.IVACuatrimestral, true)
	f.onSubmit()

	// then the core's refusal is under the obligations, and nothing is saved
	if got := f.errs.message("responsabilidades"); got != "«IVA bimestral» y «IVA cuatrimestral» no van juntas: una empresa tiene solo una de ellas." {
		t.Errorf("message under the obligations %q", got)
	}
	if cs, _ := env.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatalf("saved %+v", cs)
	}

	// when one is unticked, retención ticked too, and it is saved
	f.resp.tick(taxcal.IVACuatrimestral, false)
	f.resp.tick(taxcal.RetencionFuente, true)
	f.onSubmit()

	// then the company has those obligations, in the calendar's order, and their alerts
	cs, err := env.svc.Companies(context.Background())
	if err != nil || len(cs) != 1 {
		t.Fatalf("companies %+v: %v", cs, err)
	}
	if got := cs[0].Responsibilities; !slices.Equal(got, []string{taxcal.RetencionFuente, taxcal.IVABimestral}) {
		t.Errorf("responsibilities %q", got)
	}
	if p.form != nil {
		t.Error("the dialog stayed open")
	}

	// and editing it shows its boxes ticked
	p.openForm(cs[0])
	if got := p.form.resp.codes(); !slices.Equal(got, []string{taxcal.RetencionFuente, taxcal.IVABimestral}) {
		t.Errorf("boxes ticked when editing %q", got)
	}
}

func TestCalendarViewListsTheDeadlinesByDateAndFilters(t *testing.T) {
	// given two clients with obligations
	env := newTestEnv(t)
	espiga := calendarCompany(t, env, "Panadería La Espiga", "900123456", taxcal.RetencionFuente)
	calendarCompany(t, env, "Ferretería El Tornillo", "800197268", taxcal.RetencionFuente, taxcal.ICABogotaBimestral)

	// when Calendario is opened
	env.u.tabs.SelectIndex(tabIndexCalendar)
	tab := env.u.calendar

	// then the due dates of both come by date, with every column worded
	want := [][]string{
		{"12/12/2025", "Ferretería El Tornillo", "ICA Bogotá bimestral", "septiembre–octubre 2025", "oficial"},
		{"17/12/2025", "Panadería La Espiga", "Retención en la fuente", "noviembre 2025", "oficial"},
		{"19/12/2025", "Ferretería El Tornillo", "Retención en la fuente", "noviembre 2025", "oficial"},
	}
	if len(tab.rows) < len(want) {
		t.Fatalf("%d rows", len(tab.rows))
	}
	for i, w := range want {
		if got := calendarRow(tab, i); !slices.Equal(got[:5], w) || got[5] == "" {
			t.Errorf("row %d: %q, want %q and a source", i, got, w)
		}
	}
	if got := calendarRow(tab, 1)[5]; got != "Decreto 2229 de 2023 · calendario DIAN 2025" {
		t.Errorf("source %q", got)
	}
	for i := 1; i < len(tab.rows); i++ {
		if tab.rows[i].Alert.DueOn.Before(tab.rows[i-1].Alert.DueOn) {
			t.Fatalf("row %d is due before row %d", i, i-1)
		}
	}
	all := len(tab.rows)

	// when filtered by obligation, then only its rows are left
	tab.obligationPick.SetSelected("ICA Bogotá bimestral")
	if len(tab.rows) == 0 || len(tab.rows) >= all {
		t.Fatalf("ICA rows %d of %d", len(tab.rows), all)
	}
	for i := range tab.rows {
		if got := calendarRow(tab, i); got[2] != "ICA Bogotá bimestral" || got[1] != "Ferretería El Tornillo" {
			t.Errorf("ICA filter, row %d: %q", i, got)
		}
	}

	// when filtered by company (every obligation again), then only its rows are left
	tab.obligationPick.SetSelectedIndex(0)
	tab.companyPick.SetSelected("Panadería La Espiga")
	if tab.companyID != espiga.ID || len(tab.rows) == 0 {
		t.Fatalf("company filter %d, %d rows", tab.companyID, len(tab.rows))
	}
	for i := range tab.rows {
		if got := calendarRow(tab, i); got[1] != "Panadería La Espiga" {
			t.Errorf("company filter, row %d: %q", i, got)
		}
	}
	if tab.count.Text != strings.TrimSpace(tab.count.Text) || !strings.HasSuffix(tab.count.Text, "vencimientos") {
		t.Errorf("count %q", tab.count.Text)
	}
}

func TestCalendarViewSaysWhichCalendarIsLoadedAndWhenNextYearIsMissing(t *testing.T) {
	// given a client with retención and the horizon of 12 months (to December 2026)
	env := newTestEnv(t)
	calendarCompany(t, env, "Panadería La Espiga", "900123456", taxcal.RetencionFuente)
	env.u.tabs.SelectIndex(tabIndexCalendar)
	tab := env.u.calendar

	// then the view says which calendar is loaded, and warns of nothing
	version := taxcal.Embedded().Info().Version
	if got := tab.loaded.Text; !strings.HasPrefix(got, "Calendario "+version+", revisado el ") ||
		!strings.Contains(got, "incluido en Vigía · alertas hasta 12 meses adelante") {
		t.Errorf("loaded %q", got)
	}
	if len(tab.notice.Objects) != 0 || env.u.home.calendarBanner() != nil {
		t.Error("a warning with every date official")
	}

	// when the horizon reaches 2027, which DIAN has not published
	if _, err := env.svc.SetCalendarHorizon(context.Background(), 24); err != nil {
		t.Fatal(err)
	}
	env.drain()
	tab.refresh()
	env.u.home.refresh()

	// then the view and Inicio say so, and 2027's dates read «calculada»
	if len(tab.notice.Objects) != 1 || !strings.Contains(labelsOf(tab.notice), "Falta el calendario oficial de 2027") {
		t.Errorf("notice %q", labelsOf(tab.notice))
	}
	if !strings.Contains(labelsOf(env.u.home.banners), "Falta el calendario oficial de 2027") {
		t.Errorf("Inicio's banners %q", labelsOf(env.u.home.banners))
	}
	computed := 0
	for i, it := range tab.rows {
		if it.Alert.DueOn.Year() == 2027 {
			computed++
			if got := calendarRow(tab, i)[4]; got != "calculada" {
				t.Errorf("row %d, due %v: state %q", i, it.Alert.DueOn, got)
			}
		}
	}
	if computed == 0 {
		t.Error("no 2027 due date within 24 months")
	}
}

// labelsOf is the text of every visible label inside o, one per line.
func labelsOf(o fyne.CanvasObject) string {
	var lines []string
	walkVisible(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*widget.Label); ok && l.Text != "" {
			lines = append(lines, l.Text)
		}
	})
	return strings.Join(lines, "\n")
}

// movedCalendar is the shipped calendar file, newer, with retención of
// November 2025 for a NIT ending in 6 moved from 17/12/2025 to 18/12/2025.
func movedCalendar(t *testing.T) []byte {
	t.Helper()
	data := string(taxcal.EmbeddedData())
	version := `"version": "` + taxcal.Embedded().Info().Version + `"`
	row := `"periodo": "2025-11", "fechas": ["2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16", "2025-12-17",`
	if !strings.Contains(data, version) || !strings.Contains(data, row) {
		t.Fatal("the shipped calendar file changed shape: update the test")
	}
	data = strings.Replace(data, version, `"version": "9999.1"`, 1)
	data = strings.Replace(data, row, strings.Replace(row, `"2025-12-17",`, `"2025-12-18",`, 1), 1)
	return []byte(data)
}

func TestLoadingACalendarShowsTheDryRunThenLoadsIt(t *testing.T) {
	// given a client alerted about retención due on 17/12/2025
	env := newTestEnv(t)
	calendarCompany(t, env, "Panadería La Espiga", "900123456", taxcal.RetencionFuente)
	env.u.tabs.SelectIndex(tabIndexCalendar)
	tab := env.u.calendar

	// when a newer calendar file that moves that date is chosen
	tab.loadFrom(strings.NewReader(string(movedCalendar(t))))
	untilUI(t, env, func() bool { return tab.loader != nil })

	// then the dry run says which calendar it is and what it would do; nothing is loaded yet
	if got := tab.loader.summary.Text; !strings.HasPrefix(got, "El archivo es válido: calendario 9999.1, revisado el ") ||
		!strings.Contains(got, "Simulación, no se guardó nada") || !strings.Contains(got, "1 fecha movida") {
		t.Errorf("dry run %q", got)
	}
	if st, _ := env.svc.CalendarStatus(context.Background()); st.Imported {
		t.Fatal("the dry run loaded the calendar")
	}
	if got := calendarRow(tab, 0)[0]; got != "17/12/2025" {
		t.Errorf("before loading, first date %q", got)
	}

	// when Cargar is tapped
	tapDialogButton(t, env, "Cargar")
	untilUI(t, env, func() bool { return strings.Contains(tab.loaded.Text, "9999.1") })

	// then the calendar is the imported one, the date moved and says from what
	if got := tab.loaded.Text; !strings.Contains(got, "Calendario 9999.1") || !strings.Contains(got, "importado") {
		t.Errorf("loaded %q", got)
	}
	if got := calendarRow(tab, 0)[0]; got != "18/12/2025 (antes 17/12/2025)" {
		t.Errorf("after loading, first date %q", got)
	}
	if msg := dialogText(t, env); !strings.Contains(msg, "Calendario actualizado: ") || !strings.Contains(msg, "1 fecha movida") {
		t.Errorf("message %q", msg)
	}
	if tab.loadButton.Disabled() {
		t.Error("the load button stayed disabled")
	}
}

func TestLoadingABadCalendarFileSaysWhyInSpanishAndLoadsNothing(t *testing.T) {
	// given the shipped calendar
	env := newTestEnv(t)
	env.u.tabs.SelectIndex(tabIndexCalendar)
	tab := env.u.calendar

	// when a file that is not JSON is chosen
	tab.loadFrom(strings.NewReader("{esto no es un calendario"))
	untilUI(t, env, func() bool { return tab.loader != nil })

	// then the dialog says why, in Spanish, and nothing changed
	if got := tab.loader.problem; !strings.HasPrefix(got, "No se cargó el calendario: El archivo del calendario no es JSON válido") ||
		!strings.HasSuffix(got, "El calendario anterior sigue en uso.") {
		t.Errorf("problem %q", got)
	}
	if dialogButton(t, env, "Cargar") != nil {
		t.Error("a refused file can be loaded")
	}
	if st, _ := env.svc.CalendarStatus(context.Background()); st.Imported {
		t.Fatal("a bad file was loaded")
	}
}

func TestCalendarExportWritesTheRowsTheFiltersSelect(t *testing.T) {
	// given two clients, Calendario filtered by one of them
	env := newTestEnv(t)
	calendarCompany(t, env, "Panadería La Espiga", "900123456", taxcal.RetencionFuente)
	calendarCompany(t, env, "Ferretería El Tornillo", "800197268", taxcal.ICABogotaBimestral)
	env.u.tabs.SelectIndex(tabIndexCalendar)
	tab := env.u.calendar
	tab.companyPick.SetSelected("Ferretería El Tornillo")

	// when it is exported
	path := filepath.Join(t.TempDir(), "calendario.csv")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	tab.exportTo(tab.filter(), w, path)
	untilUI(t, env, func() bool { return env.u.win.Canvas().Overlays().Top() != nil })

	// then the file holds the header and that client's rows, and the user is told where
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(string(data), "\ufeff"), "\r\n"), "\r\n")
	if lines[0] != strings.Join(app.CalendarExportColumns, ";") || len(lines) != 1+len(tab.rows) {
		t.Fatalf("%d lines for %d rows; header %q", len(lines), len(tab.rows), lines[0])
	}
	if !strings.HasPrefix(lines[1], "2025-12-12;Ferretería El Tornillo;800197268-4;ica_bogota_bimestral;2025-B5;") {
		t.Errorf("first row %q", lines[1])
	}
	if msg := dialogText(t, env); !strings.Contains(msg, path) {
		t.Errorf("message %q", msg)
	}
}
