package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

// The data the weight test and the page benchmarks fill a Vigía with, and
// the pages they read: every GET page a user opens, with real ids.

// pageLoad is how much data to make.
type pageLoad struct {
	triggers          int
	companies         int // every company has alerts
	calendarCompanies int // of those, with a NIT and tax obligations (their calendar alerts come on top)
	alerts            int // alerts in all, the calendar's included (at least one per company)
	runs              int // history rows, spread over the triggers
}

// pageIDs are ids to put in the pages' paths.
type pageIDs struct {
	trigger, alert, company, run int64
}

// fill makes load's data through the service and the store's bulk insert,
// quickly: the companies and alerts with two kinds of CSV import (the
// companies with obligations alone first, so that their calendar alerts are
// counted), the history with RecordExecutions.
func (e *testEnv) fill(load pageLoad) pageIDs {
	e.t.Helper()
	ctx := context.Background()
	var ids pageIDs
	for i := range load.triggers {
		tr := e.createTrigger(draft(fmt.Sprintf("Resumen %d", i+1), func(d *app.TriggerDraft) {
			d.Description = ptr("Vencimientos de los clientes, grupo " + strconv.Itoa(i+1))
			d.CatchUp = ptr(false)
		}))
		ids.trigger = tr.ID
	}
	calendar := 0
	if load.calendarCompanies > 0 {
		e.importCSV(ctx, companyRows(load.calendarCompanies))
		page, err := e.svc.AlertPage(ctx, app.AlertQuery{Limit: 1})
		if err != nil {
			e.t.Fatal(err)
		}
		calendar = page.Total
	}
	rows := alertRows(load.companies, load.calendarCompanies, load.alerts-calendar)
	for len(rows) > 0 {
		n := min(len(rows), app.MaxImportRows)
		e.importCSV(ctx, rows[:n])
		rows = rows[n:]
	}
	page, err := e.svc.AlertPage(ctx, app.AlertQuery{Limit: 1})
	if err != nil || len(page.Alerts) == 0 {
		e.t.Fatalf("alerts after the import: %v", err)
	}
	ids.alert, ids.company = page.Alerts[0].ID, page.Alerts[0].CompanyID
	ids.run = e.recordRuns(ctx, load)
	return ids
}

// csvHeader is the import's columns, with the obligations.
const csvHeader = "empresa,nit,titulo,detalle,prioridad,vence_el,responsabilidades\n"

// companyName is the name of company i (from 0).
func companyName(i int) string { return fmt.Sprintf("Empresa %04d S.A.S.", i+1) }

// companyNIT is a valid NIT for calendar company i.
func companyNIT(i int) string {
	base := strconv.Itoa(900100000 + i*37)
	return base + "-" + strconv.Itoa(app.NITCheckDigit(base))
}

// companyRows are the calendar companies alone: a NIT and withholding tax
// every month, VAT every two.
func companyRows(n int) []string {
	rows := make([]string, n)
	for i := range rows {
		rows[i] = companyName(i) + "," + companyNIT(i) + ",,,,,retencion_fuente|iva_bimestral"
	}
	return rows
}

// alertRows are n alerts over companies companies (the first calendar of
// them with their NIT): priorities in turn, one in eleven without a due
// date, the others from 60 days ago to 300 days ahead of the test's today.
func alertRows(companies, calendar, n int) []string {
	rows := make([]string, n)
	for i := range rows {
		c := i % companies
		nit := ""
		if c < calendar {
			nit = companyNIT(c)
		}
		due := ""
		if i%11 != 0 {
			due = testStart.AddDate(0, 0, (i*7919)%361-60).Format("02/01/2006")
		}
		prio := []string{"CRITICA", "ALTA", "MEDIA", "BAJA"}[i%4]
		rows[i] = fmt.Sprintf("%s,%s,%s %d,%s,%s,%s,", companyName(c), nit, alertTitles[i%len(alertTitles)], i+1,
			alertDetails[i%len(alertDetails)], prio, due)
	}
	return rows
}

// Titles and details as long as an accountant's (the demo data's).
var (
	alertTitles = []string{"Declaración de retención en la fuente", "Facturas vencidas de clientes",
		"Renovación de la matrícula mercantil", "Resolución de facturación por vencer", "Conciliación bancaria pendiente"}
	alertDetails = []string{"Tres facturas con más de 60 días de mora.", "Cámara de Comercio: renovar antes del 31 de marzo.",
		"La numeración autorizada vence pronto: solicitar una nueva resolución.", "Pedir extractos y soportes al cliente."}
)

// importCSV imports rows (without the header) for real.
func (e *testEnv) importCSV(ctx context.Context, rows []string) {
	e.t.Helper()
	res, err := e.svc.ImportAlerts(ctx, strings.NewReader(csvHeader+strings.Join(rows, "\n")+"\n"), false)
	if err != nil {
		e.t.Fatalf("import %d rows: %v", len(rows), err)
	}
	if len(res.Items) != len(rows) {
		e.t.Fatalf("import of %d rows saved %d", len(rows), len(res.Items))
	}
}

// recordRuns writes load.runs finished scheduled runs, one a minute up to
// the test's now, over the triggers (2% failed); it returns a failed one's id.
func (e *testEnv) recordRuns(ctx context.Context, load pageLoad) int64 {
	e.t.Helper()
	triggers, err := e.svc.Triggers(ctx)
	if err != nil || len(triggers) == 0 {
		e.t.Fatalf("triggers: %d, %v", len(triggers), err)
	}
	const batch = 20_000
	for from := 0; from < load.runs; from += batch {
		rows := make([]app.Execution, 0, batch)
		for i := from; i < min(from+batch, load.runs); i++ {
			tr := triggers[i%len(triggers)]
			at := testStart.Add(-time.Duration(load.runs-i) * time.Minute)
			x := app.Execution{TriggerID: tr.ID, TriggerName: tr.Name, ScheduledFor: at, StartedAt: at.Add(40 * time.Millisecond),
				FinishedAt: at.Add(1500 * time.Millisecond), State: app.StateSucceeded, Origin: app.OriginScheduled,
				Companies: i % 7, Alerts: i % 31, Recipients: []string{"contador@ejemplo.com"}, Notified: i % 31, MailRoute: app.MailRouteSMTP, Attempts: 1}
			if i%50 == 0 {
				x.State, x.Notified, x.MailRoute, x.Attempts = app.StateFailed, 0, app.MailRouteNone, 3
				x.Problem = ptr(app.Msg(app.CodeRunFailed, app.Args{"Detail": "smtp: 421 servicio no disponible"}))
			}
			rows = append(rows, x)
		}
		if _, err := e.store.RecordExecutions(ctx, rows); err != nil {
			e.t.Fatalf("record runs: %v", err)
		}
	}
	page, err := e.svc.Executions(ctx, app.ExecutionFilter{State: app.StateFailed, Limit: 1})
	if err != nil || len(page.Executions) == 0 {
		e.t.Fatalf("a failed run: %v", err)
	}
	return page.Executions[0].ID
}

// pagePaths are the pages a logged-in user opens, with ids.
func pagePaths(ids pageIDs) []string {
	tr, al, co, run := ids.trigger, ids.alert, ids.company, ids.run
	return []string{
		"/",
		"/triggers", "/triggers/nuevo", fmt.Sprintf("/triggers/%d", tr), fmt.Sprintf("/triggers/%d/duplicar", tr),
		fmt.Sprintf("/triggers/%d/eliminar", tr), fmt.Sprintf("/triggers/%d/vista-previa", tr), fmt.Sprintf("/triggers/%d/prueba", tr),
		"/alertas", "/alertas?prioridad=CRITICA", fmt.Sprintf("/alertas?empresa=%d", co), "/alertas/nueva",
		fmt.Sprintf("/alertas/%d", al), fmt.Sprintf("/alertas/%d/resolver", al), fmt.Sprintf("/alertas/%d/eliminar", al), "/alertas/importar",
		"/empresas", "/empresas/nueva", fmt.Sprintf("/empresas/%d", co), fmt.Sprintf("/empresas/%d/eliminar", co),
		"/calendario", "/calendario/cargar",
		"/historial", "/historial?estado=fallido", fmt.Sprintf("/historial/%d", run),
		"/configuracion",
	}
}

// wantAllPages checks that every path answers 200 to b.
func wantAllPages(t testing.TB, b *browser, paths []string) {
	t.Helper()
	for _, p := range paths {
		if res := b.get(p); res.Code != 200 {
			t.Fatalf("GET %s: %d\n%s", p, res.Code, res.Body)
		}
	}
}
