package ui

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

func TestCompanyAndAlertCreatedThroughTheDialogsShowEscalated(t *testing.T) {
	// given a new database (Monday 08/12/2025 on the fake clock)
	env := newTestEnv(t)
	tab := env.u.alerts
	if !tab.onboarding.Visible() || tab.table.Visible() {
		t.Fatal("a new user does not see the empty-state message")
	}

	// when a company is typed in with a NIT whose check digit is wrong
	test.Tap(tab.companies.create)
	cf := tab.companies.form
	test.Type(cf.name, "Panadería La Espiga")
	test.Type(cf.nit, "900.123.456-7")
	tapDialogButton(t, env, "Guardar")

	// then the core's message shows under the NIT and nothing is saved
	if msg := cf.errs.message("nit"); !strings.Contains(msg, "el dígito de verificación de 900123456 es 8, no 7") {
		t.Errorf("NIT message %q", msg)
	}
	if cs, _ := env.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatalf("an invalid company was saved: %+v", cs)
	}

	// when the check digit is left out, as the RUT often gives it
	cf.nit.SetText("")
	test.Type(cf.nit, "900.123.456")
	tapDialogButton(t, env, "Guardar")

	// then the company is listed, without badges yet
	if tab.companies.form != nil || len(tab.companies.companies) != 1 || tab.companies.companies[0].NIT != "900123456-8" {
		t.Fatalf("companies %+v", tab.companies.companies)
	}

	// when an alert is typed in with no title and a date in no known format
	tab.companies.list.Select(0)
	test.Tap(tab.newAlert)
	af := tab.alertForm
	if af.company.Selected != "Panadería La Espiga" {
		t.Errorf("the selected company is not proposed: %q", af.company.Selected)
	}
	af.priority.SetSelected("BAJA")
	test.Type(af.due, "9 de diciembre")
	tapDialogButton(t, env, "Guardar")

	// then each field says what is wrong, and nothing is saved
	if msg := af.errs.message("titulo"); msg != "El título es obligatorio." {
		t.Errorf("title message %q", msg)
	}
	if msg := af.errs.message("vence_el"); !strings.Contains(msg, "DD/MM/AAAA") {
		t.Errorf("due date message %q", msg)
	}
	if tab.total != 0 {
		t.Fatalf("an invalid alert was saved")
	}

	// when title and a due date tomorrow are given
	test.Type(af.title, "Declaración de IVA")
	af.due.SetText("")
	test.Type(af.due, "09/12/2025")
	tapDialogButton(t, env, "Guardar")

	// then the table shows it CRITICA, escalated from BAJA, due tomorrow
	if tab.alertForm != nil || len(tab.rows) != 1 {
		t.Fatalf("rows %+v", tab.rows)
	}
	main, sub := tableRow(tab, 0)
	if got := strings.Join(main, "|"); got != "CRÍTICA|Panadería La Espiga|Declaración de IVA|09/12/2025|Abierta" {
		t.Errorf("row %q", got)
	}
	if sub[0] != "↑ escalada desde BAJA" || sub[3] != "vence mañana" {
		t.Errorf("second lines %q", sub)
	}
	if c := tab.cell(0, 0); c.importance != widget.DangerImportance {
		t.Errorf("CRITICA is not red: importance %v", c.importance)
	}
	if got := tab.companies.badgeCounts(tab.companies.companies[0].ID); len(got) != 1 || got[0] != "1 crít." {
		t.Errorf("badges %q", got)
	}
	if tab.onboarding.Visible() || !tab.table.Visible() {
		t.Error("the empty-state message hides the table")
	}
}

func TestResolvedAlertLeavesTheOpenFilter(t *testing.T) {
	// given two open alerts
	env := newTestEnv(t)
	tab := env.u.alerts
	companyWithAlerts(t, env, "Acme", [3]string{"IVA", "ALTA", ""}, [3]string{"Nómina", "MEDIA", "2025-12-20"})
	if len(tab.rows) != 2 || tab.resolveAlert.Disabled() == false {
		t.Fatalf("rows %d; resolve enabled with nothing selected: %v", len(tab.rows), !tab.resolveAlert.Disabled())
	}

	// when the first is resolved with a note
	tab.table.Select(widget.TableCellID{Row: 0, Col: 2})
	test.Tap(tab.resolveAlert)
	test.Type(tab.resolveForm.note, "Presentada en la DIAN")
	tapDialogButton(t, env, "Resolver")

	// then only the other one is left among the open ones
	if len(tab.rows) != 1 || tab.rows[0].Title != "Nómina" {
		t.Fatalf("open rows %+v", tab.rows)
	}
	main, sub := tableRow(tab, 0)
	if main[3] != "20/12/2025" || sub[3] != "vence en 12 días" {
		t.Errorf("due date cell %q / %q", main[3], sub[3])
	}

	// and the resolved filter shows it resolved, with its note kept
	tab.statePick.SetSelected("Resueltas")
	if len(tab.rows) != 1 {
		t.Fatalf("resolved rows %+v", tab.rows)
	}
	main, sub = tableRow(tab, 0)
	if main[2] != "IVA" || main[4] != "Resuelta" || sub[4] != "el lun 08/12/2025 07:00" {
		t.Errorf("resolved row %q / %q", main, sub)
	}
	if tab.rows[0].ResolutionNote != "Presentada en la DIAN" || tab.rows[0].Open {
		t.Errorf("resolved alert %+v", tab.rows[0])
	}
}

func TestDeletingACompanyWithAlertsAsksFirst(t *testing.T) {
	// given a company with an open and a resolved alert, and another company
	env := newTestEnv(t)
	tab := env.u.alerts
	acme, as := companyWithAlerts(t, env, "Acme", [3]string{"IVA", "ALTA", ""}, [3]string{"Renta", "BAJA", ""})
	companyWithAlerts(t, env, "Beta")
	if _, err := env.svc.ResolveAlert(context.Background(), as[1].ID, ""); err != nil {
		t.Fatal(err)
	}
	tab.refresh()

	// when Eliminar is tapped on it
	tab.companies.list.Select(0)
	test.Tap(tab.companies.remove)

	// then a dialog says what goes with it, and nothing is deleted yet
	msg := dialogText(t, env)
	if !strings.Contains(msg, "tiene 1 alerta abierta y 1 resuelta") || !strings.Contains(msg, "esas 2 alertas") {
		t.Errorf("question %q", msg)
	}
	if _, err := env.svc.Company(context.Background(), acme.ID); err != nil {
		t.Fatalf("deleted before the answer: %v", err)
	}

	// when cancelled, it stays
	tapDialogButton(t, env, "Cancelar")
	if len(tab.companies.companies) != 2 {
		t.Fatalf("companies after cancel %+v", tab.companies.companies)
	}

	// when confirmed, it is deleted with its alerts
	test.Tap(tab.companies.remove)
	tapDialogButton(t, env, "Eliminar")
	if len(tab.companies.companies) != 1 || tab.companies.companies[0].Name != "Beta" {
		t.Fatalf("companies after delete %+v", tab.companies.companies)
	}
	if left, _ := env.svc.Alerts(context.Background(), app.AlertFilter{}); len(left) != 0 {
		t.Errorf("alerts left %+v", left)
	}
	if tab.companyID != 0 || !tab.allCompanies.Disabled() {
		t.Error("the table still filters by the deleted company")
	}
}

func TestDeletingACompanyWithoutAlertsAsksSimply(t *testing.T) {
	// given a company without alerts
	env := newTestEnv(t)
	tab := env.u.alerts
	companyWithAlerts(t, env, "Vacía S.A.S.")

	// when it is deleted
	tab.companies.list.Select(0)
	test.Tap(tab.companies.remove)
	msg := dialogText(t, env)
	tapDialogButton(t, env, "Eliminar")

	// then the question was the simple one
	if !strings.Contains(msg, "¿Eliminar la empresa «Vacía S.A.S.»?") || strings.Contains(msg, "alerta") {
		t.Errorf("question %q", msg)
	}
	if len(tab.companies.companies) != 0 {
		t.Errorf("companies %+v", tab.companies.companies)
	}
}

const goodImport = "empresa;nit;titulo;detalle;prioridad;vence_el\r\n" +
	"Panadería La Espiga;900.123.456-8;Declaración de IVA;Bimestre 6;BAJA;09/12/2025\r\n" +
	"Ferretería El Tornillo;;Resolución de facturación;;MEDIA;2026-01-31\r\n" +
	"Panadería La Espiga;;Nómina electrónica;;ALTA;\r\n"

func TestImportShowsADryRunThenImports(t *testing.T) {
	// given an empty database
	env := newTestEnv(t)
	tab := env.u.alerts

	// when a good file is chosen
	tab.importFrom(strings.NewReader(goodImport))
	untilUI(t, env, func() bool { return tab.imports != nil })

	// then the dry run says what would happen, and nothing is saved yet
	if got := tab.imports.summary.Text; !strings.Contains(got, "se crearán 3 alertas nuevas") ||
		!strings.Contains(got, "actualizarán 0 alertas existentes") || !strings.Contains(got, "crearán 2 empresas nuevas") {
		t.Errorf("summary %q", got)
	}
	if cs, _ := env.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatalf("the dry run saved companies: %+v", cs)
	}
	if row := importRowText(tab.imports.result.Items[0]); row != "Línea 2 · Panadería La Espiga (nueva) · Declaración de IVA · CRÍTICA · nueva" {
		t.Errorf("first row of the dry run %q", row)
	}

	// when Importar is tapped
	tapDialogButton(t, env, "Importar")
	untilUI(t, env, func() bool { return len(tab.names) == 2 })

	// then the alerts are in the table and a message says what was done
	if msg := dialogText(t, env); !strings.Contains(msg, "Importación completada: 3 alertas nuevas, 0 actualizadas y 2 empresas nuevas") {
		t.Errorf("message %q", msg)
	}
	if tab.total != 3 || tab.importButton.Disabled() {
		t.Errorf("rows %d, import button disabled %v", tab.total, tab.importButton.Disabled())
	}
}

func TestImportOfAFileWithBadRowsListsEveryOneAndImportsNothing(t *testing.T) {
	// given a file with two bad rows between good ones
	env := newTestEnv(t)
	tab := env.u.alerts
	file := "empresa,titulo,prioridad,vence_el\n" +
		"Uno,IVA,ALTA,2025-12-20\n" +
		"Dos,,ALTA,\n" +
		"Tres,Renta,URGENTE,31/02/2026\n" +
		"Cuatro,Nómina,BAJA,\n"

	// when it is chosen
	tab.importFrom(strings.NewReader(file))
	untilUI(t, env, func() bool { return tab.imports != nil })

	// then every bad line is listed with its reason, and there is nothing to import
	p := tab.imports.problems
	if len(p) != 2 || p[0] != "Línea 3: Falta el título." ||
		!strings.HasPrefix(p[1], "Línea 4: Prioridad desconocida \"URGENTE\"") || !strings.Contains(p[1], "Fecha inválida \"31/02/2026\"") {
		t.Errorf("problems %q", p)
	}
	if !strings.Contains(tab.imports.summary.Text, "hay 2 filas con errores") {
		t.Errorf("summary %q", tab.imports.summary.Text)
	}
	if dialogButton(t, env, "Importar") != nil {
		t.Error("a refused file can be imported")
	}
	if cs, _ := env.svc.Companies(context.Background()); len(cs) != 0 {
		t.Errorf("companies were imported: %+v", cs)
	}
}

func TestExportWritesExcelCSV(t *testing.T) {
	// given a company with an alert due tomorrow
	env := newTestEnv(t)
	tab := env.u.alerts
	companyWithAlerts(t, env, "Acme", [3]string{"IVA", "BAJA", "2025-12-09"})

	// when both exports are written
	var alerts, companies strings.Builder
	if err := tab.writeExport(context.Background(), exportAlerts, &alerts); err != nil {
		t.Fatal(err)
	}
	if err := tab.writeExport(context.Background(), exportCompanies, &companies); err != nil {
		t.Fatal(err)
	}

	// then they start with the BOM, separate with ';' and hold the rows
	for name, file := range map[string]string{"alertas": alerts.String(), "empresas": companies.String()} {
		if !strings.HasPrefix(file, "\ufeff") || !strings.Contains(file, "\r\n") {
			t.Errorf("%s: no BOM or no CRLF: %q", name, file)
		}
	}
	rows := readSemicolonCSV(t, alerts.String())
	if len(rows) != 2 || strings.Join(rows[1][:7], ";") != "Acme;;IVA;;BAJA;2025-12-09;CRITICA" {
		t.Errorf("alerts %q", rows)
	}
	rows = readSemicolonCSV(t, companies.String())
	if len(rows) != 2 || strings.Join(rows[1][:5], ";") != "Acme;;;sí;1" {
		t.Errorf("companies %q", rows)
	}
}

func TestExportInTheBackgroundClosesTheFileAndSaysWhere(t *testing.T) {
	// given an alert
	env := newTestEnv(t)
	tab := env.u.alerts
	companyWithAlerts(t, env, "Acme", [3]string{"IVA", "ALTA", ""})

	// when the file save dialog hands over a file
	f := &memFile{}
	tab.exportTo(exportAlerts, f, "/tmp/alertas.csv")
	untilUI(t, env, func() bool { return env.u.win.Canvas().Overlays().Top() != nil })

	// then it is written and closed, and a message says where it went
	if !f.closed || !strings.Contains(f.String(), "Acme;;IVA;;ALTA") {
		t.Errorf("closed %v, file %q", f.closed, f.String())
	}
	if msg := dialogText(t, env); !strings.Contains(msg, "/tmp/alertas.csv") {
		t.Errorf("message %q", msg)
	}
}

func TestDemoDataLoadsOnAnEmptyDatabaseOnly(t *testing.T) {
	// given a new database: the demo action is offered
	env := newTestEnv(t)
	tab := env.u.alerts
	if tab.demoButton.Disabled() || !tab.demoOnboard.Visible() {
		t.Fatal("the demo data is not offered on a new database")
	}

	// when it is tapped
	test.Tap(tab.demoButton)
	untilUI(t, env, func() bool { return len(tab.names) > 0 && env.u.win.Canvas().Overlays().Top() != nil })

	// then the tab shows the example data and says how much was loaded (the
	// tax alerts come from the calendar: as many as the horizon holds)
	all, err := env.svc.Alerts(context.Background(), app.AlertFilter{})
	if err != nil || len(all) <= 5 {
		t.Fatalf("%d demo alerts: %v", len(all), err)
	}
	want := fmt.Sprintf("Se cargaron 5 empresas, %d alertas y 3 triggers de ejemplo", len(all))
	if msg := dialogText(t, env); !strings.Contains(msg, want) {
		t.Errorf("message %q, want %q", msg, want)
	}
	if len(tab.companies.companies) != 5 || tab.total == 0 || !tab.table.Visible() || tab.onboarding.Visible() {
		t.Errorf("companies %d, open alerts %d, table visible %v", len(tab.companies.companies), tab.total, tab.table.Visible())
	}
	if !tab.demoButton.Disabled() {
		t.Error("the demo action is still enabled")
	}
	if trs, _ := env.svc.Triggers(context.Background()); len(trs) != 3 {
		t.Errorf("triggers %d", len(trs))
	}
}

func TestATriggerCreatedElsewhereTakesTheDemoAway(t *testing.T) {
	// given a new database
	env := newTestEnv(t)
	tab := env.u.alerts

	// when a trigger is created (the core tells the tabs)
	name, freq, at := "Diario", "diaria", "08:00"
	env.createTrigger(app.TriggerDraft{Name: &name, Frequency: &freq, Time: &at,
		Recipients: &[]string{"a@ejemplo.com"}, Priorities: &[]string{"CRITICA"}})

	// then the demo data is no longer offered
	if !tab.demoButton.Disabled() || tab.demoOnboard.Visible() {
		t.Error("the demo action is still offered")
	}
}

func TestFiltersSelectPriorityCompanyAndDueDate(t *testing.T) {
	// given two companies with alerts of several priorities and due dates
	env := newTestEnv(t)
	tab := env.u.alerts
	companyWithAlerts(t, env, "Acme", [3]string{"IVA", "ALTA", "2025-12-31"}, [3]string{"Renta", "BAJA", ""})
	companyWithAlerts(t, env, "Beta", [3]string{"Nómina", "BAJA", "2025-12-10"})

	// when filtered by effective priority ALTA: Nómina is escalated to ALTA (due in 2 days)
	tab.priorityPick.SetSelected("ALTA")
	if got := titles(tab); got != "IVA,Nómina" {
		t.Errorf("ALTA: %s", got)
	}

	// when filtered by the company selected in the list
	tab.priorityPick.SetSelectedIndex(0)
	tab.companies.list.Select(1) // Beta
	if got := titles(tab); got != "Nómina" || tab.companyChip.Text != "Empresa: Beta" {
		t.Errorf("Beta: %s (%q)", got, tab.companyChip.Text)
	}

	// when the company filter is cleared and a due-by date typed
	test.Tap(tab.allCompanies)
	test.Type(tab.dueBy, "15/12/2025")
	if got := titles(tab); got != "Nómina" {
		t.Errorf("due by 15/12: %s", got)
	}

	// and a date being typed changes nothing until it is complete
	tab.dueBy.SetText("")
	test.Type(tab.dueBy, "31/1")
	if got := titles(tab); got != "IVA,Renta,Nómina" {
		t.Errorf("half a date: %s", got)
	}
}

func titles(tab *alertsTab) string {
	var out []string
	for _, a := range tab.rows {
		out = append(out, a.Title)
	}
	return strings.Join(out, ",")
}

func readSemicolonCSV(t *testing.T, file string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(file, "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not ';' CSV: %v: %q", err, file)
	}
	return rows
}

func TestPagerMovesThroughMoreAlertsThanAPage(t *testing.T) {
	// given more open alerts than a page holds, imported at once
	env := newTestEnv(t)
	tab := env.u.alerts
	var file strings.Builder
	file.WriteString("empresa,titulo,prioridad\n")
	for i := 1; i <= alertPageSize+5; i++ {
		file.WriteString("Acme,Alerta " + strconv.Itoa(i) + ",MEDIA\n")
	}
	if _, err := env.svc.ImportAlerts(context.Background(), strings.NewReader(file.String()), false); err != nil {
		t.Fatal(err)
	}

	// when the tab is read
	tab.refresh()

	// then the first page shows, and only forward is possible
	if len(tab.rows) != alertPageSize || tab.pageInfo.Text != "1–100 de 105" || !tab.prevPage.Disabled() || tab.nextPage.Disabled() {
		t.Fatalf("first page: %d rows, %q, prev disabled %v, next disabled %v",
			len(tab.rows), tab.pageInfo.Text, tab.prevPage.Disabled(), tab.nextPage.Disabled())
	}

	// when the next page is asked for
	test.Tap(tab.nextPage)

	// then the last five show, and only back is possible
	if len(tab.rows) != 5 || tab.rows[0].Title != "Alerta 101" || tab.pageInfo.Text != "101–105 de 105" ||
		tab.prevPage.Disabled() || !tab.nextPage.Disabled() {
		t.Fatalf("second page: %d rows, %q", len(tab.rows), tab.pageInfo.Text)
	}

	// and a filter starts again from the first page
	tab.priorityPick.SetSelected("MEDIA")
	if tab.offset != 0 || len(tab.rows) != alertPageSize {
		t.Errorf("after a filter: offset %d, %d rows", tab.offset, len(tab.rows))
	}
}
