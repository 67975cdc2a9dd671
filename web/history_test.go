package web

import (
	"context"
	"encoding/csv"
	"html"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/messages"
)

// historyWorld records 250 runs through the store: Alfa's 180, one every
// 3 hours from Saturday 01/11/2025 08:00 (every fifth failed), and Beta's
// 70, an hour after each of Alfa's first 70 (all skipped).
func historyWorld(t *testing.T) (e *testEnv, alfa, beta app.Trigger) {
	t.Helper()
	e = newTestEnv(t)
	alfa = e.createTrigger(draft("Alfa", nil))
	beta = e.createTrigger(draft("Beta", nil))
	start := time.Date(2025, 11, 1, 8, 0, 0, 0, bogota)
	var rows []app.Execution
	for i := range 180 {
		slot := start.Add(time.Duration(i) * 3 * time.Hour)
		x := app.Execution{TriggerID: alfa.ID, TriggerName: "Alfa", ScheduledFor: slot, StartedAt: slot.Add(2 * time.Second),
			FinishedAt: slot.Add(3500 * time.Millisecond), State: app.StateSucceeded, Origin: app.OriginScheduled,
			Companies: 2, Alerts: 5, Notified: 5, Recipients: []string{"contador@ejemplo.com"}, Attempts: 1}
		if i%5 == 4 {
			x.State, x.Notified, x.Attempts = app.StateFailed, 0, 3
			x.Problem = &app.Message{Code: app.CodeRunTriggerUnread, Args: app.Args{"Detail": "disco lleno"}}
		}
		rows = append(rows, x)
	}
	for i := range 70 {
		slot := start.Add(time.Duration(i)*3*time.Hour + time.Hour)
		rows = append(rows, app.Execution{TriggerID: beta.ID, TriggerName: "Beta", ScheduledFor: slot, StartedAt: slot,
			FinishedAt: slot, State: app.StateSkipped, Origin: app.OriginScheduled,
			Problem: &app.Message{Code: app.CodeRunPaused, Args: nil}})
	}
	if _, err := e.store.RecordExecutions(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	return e, alfa, beta
}

// historyLinks counts the runs a page lists (each links to its detail).
func historyLinks(body string) int { return strings.Count(body, `<a href="/historial/`) }

func TestHistoryPagesAndFiltersByTriggerStateAndDates(t *testing.T) {
	// given 250 runs of two triggers
	e, alfa, _ := historyWorld(t)
	b := e.login()
	id := strconv.FormatInt(alfa.ID, 10)

	// when the history is opened: the newest 100, and a link to the next page
	body := wantPage(t, b.get("/historial"), http.StatusOK, "Página 1 de 3 · 250 ejecuciones",
		`href="/historial?pagina=2" rel="next"`, `<span class="badge badge-ok">Exitoso</span>`, "Programada", "Omitida")
	if n := historyLinks(body); n != 100 {
		t.Errorf("first page lists %d runs", n)
	}
	if strings.Contains(body, `rel="prev"`) {
		t.Error("the first page links to a previous one")
	}

	// then the last page has the other 50, and a page past the end is the last one
	for _, path := range []string{"/historial?pagina=3", "/historial?pagina=99"} {
		body = wantPage(t, b.get(path), http.StatusOK, "Página 3 de 3 · 250 ejecuciones", `href="/historial?pagina=2" rel="prev"`)
		if n := historyLinks(body); n != 50 || strings.Contains(body, `rel="next"`) {
			t.Errorf("%s lists %d runs, next link %v", path, n, strings.Contains(body, `rel="next"`))
		}
	}

	// and Alfa's failed runs are its 36, each said in words
	body = wantPage(t, b.get("/historial?trigger="+id+"&estado=fallido"), http.StatusOK,
		"Página 1 de 1 · 36 ejecuciones", `<option value="`+id+`" selected>Alfa</option>`, `<option value="fallido" selected>Fallido</option>`)
	if n, words := historyLinks(body), strings.Count(body, `<span class="badge badge-error">Fallido</span>`); n != 36 || words != 36 {
		t.Errorf("Alfa's failed runs: %d rows, %d «Fallido»", n, words)
	}
	if strings.Contains(body, "<td>Beta</td>") {
		t.Error("a run of Beta among Alfa's")
	}

	// and Sunday 02/11 holds 8 runs of each (hasta includes its day), its
	// filters kept in the form and in the export's link
	body = wantPage(t, b.get("/historial?desde=2025-11-02&hasta=2025-11-02"), http.StatusOK,
		"Página 1 de 1 · 16 ejecuciones", `value="2025-11-02"`, `href="/historial/exportar?desde=2025-11-02&amp;hasta=2025-11-02"`)
	if n := historyLinks(body); n != 16 || !strings.Contains(body, "dom 02/11/2025 23:00") || strings.Contains(body, "03/11/2025") {
		t.Errorf("Sunday's runs: %d rows:\n%s", n, body)
	}
}

func TestHistoryRefusedFilterSaysWhyNextToItsField(t *testing.T) {
	e, _, _ := historyWorld(t)
	b := e.login()

	// when the date is no date, the range is reversed, or the state unknown
	bad := messages.Text("es", app.Msg(app.CodeDateInvalid, app.Args{"Value": "2025-13-01"}))
	body := wantPage(t, b.get("/historial?desde=2025-13-01&estado=fallido"), http.StatusBadRequest,
		html.EscapeString(bad), `value="2025-13-01"`, `aria-invalid="true"`, "Un filtro no se aplicó",
		// the other filters still apply: every failed run, of every date
		"Página 1 de 1 · 36 ejecuciones")
	if !strings.Contains(body, `<p class="campo-error" id="error-desde">`) {
		t.Errorf("the date's error is not next to it:\n%s", body)
	}
	wantPage(t, b.get("/historial?desde=2025-11-03&hasta=2025-11-02"), http.StatusBadRequest,
		"La fecha «Hasta» es anterior a «Desde»", `id="error-hasta"`)
	wantPage(t, b.get("/historial?estado=raro"), http.StatusBadRequest,
		html.EscapeString(messages.Text("es", app.Msg(app.CodeRunStateUnknown, app.Args{"Value": "raro"}))),
		"Página 1 de 3 · 250 ejecuciones")

	// and an export with a refused filter is the page again, not a file
	res := b.get("/historial/exportar?hasta=ayer")
	wantPage(t, res, http.StatusBadRequest, "Un filtro no se aplicó", `id="error-hasta"`)
	if ct := res.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("content type %q", ct)
	}
}

func TestHistoryDetailShowsTheFullErrorInThePagesLanguage(t *testing.T) {
	// given a run that timed out waiting for the SMTP server
	e := newTestEnv(t)
	tr := e.createTrigger(draft("Resumen diario", nil))
	slot := time.Date(2025, 12, 5, 8, 0, 0, 0, bogota)
	problem := app.Msg(app.CodeRunTimedOut, app.Args{"Timeout": "15m0s",
		"Cause": app.Msg(app.CodeSMTPNoAnswerWithin, app.Args{"After": "30s"})})
	if _, err := e.store.RecordExecutions(context.Background(), []app.Execution{{TriggerID: tr.ID, TriggerName: tr.Name,
		ScheduledFor: slot, StartedAt: slot.Add(1500 * time.Millisecond), FinishedAt: slot.Add(15 * time.Minute),
		State: app.StateFailed, Origin: app.OriginScheduled, Companies: 3, Alerts: 7, Recipients: []string{"a@ejemplo.com", "b@ejemplo.com"},
		Attempts: 4, Problem: &problem}}); err != nil {
		t.Fatal(err)
	}
	page, err := e.svc.Executions(context.Background(), app.ExecutionFilter{})
	if err != nil || len(page.Executions) != 1 {
		t.Fatalf("history: %v", err)
	}
	id := strconv.FormatInt(page.Executions[0].ID, 10)
	b := e.login()

	// when its detail is opened from a filtered history
	res := b.get("/historial/" + id + "?volver=%2Fhistorial%3Festado%3Dfallido")

	// then every field and the whole reason show, in Spanish, with the way back
	wantPage(t, res, http.StatusOK, "Detalle de la ejecución", "Resumen diario (ID "+strconv.FormatInt(tr.ID, 10)+")",
		"vie 05/12/2025 08:00", "14 min 59 s", "1.5 s", `<span class="badge badge-error">Fallido</span>`, "a@ejemplo.com, b@ejemplo.com",
		"<dd>4</dd>", html.EscapeString(messages.Text("es", problem)), `href="/historial?estado=fallido"`)
	// and in English once that is the language
	e.settings.setLanguage("en")
	wantPage(t, b.get("/historial/"+id), http.StatusOK, "Run details", "Failed", "SMTP attempts",
		html.EscapeString(messages.Text("en", problem)), `href="/historial"`)

	// and a run that does not exist, or a way back elsewhere, is refused
	wantPage(t, b.get("/historial/999999"), http.StatusNotFound)
	wantPage(t, b.get("/historial/"+id+"?volver=https%3A%2F%2Fotro.example"), http.StatusOK, `<a href="/historial">`)
}

func TestHistoryExportIsTheFilteredCSV(t *testing.T) {
	// given 250 runs, 70 of Beta
	e, _, beta := historyWorld(t)
	b := e.login()

	// when Beta's skipped runs are exported
	res := b.get("/historial/exportar?trigger=" + strconv.FormatInt(beta.ID, 10) + "&estado=omitida")

	// then the file is a download of its 70 runs, for Excel in Spanish
	if res.Code != http.StatusOK || res.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
		res.Header().Get("Content-Disposition") != `attachment; filename="historial-2025-12-08.csv"` {
		t.Fatalf("status %d, headers %v", res.Code, res.Header())
	}
	out := res.Body.String()
	if !strings.HasPrefix(out, "\ufeffid;trigger_id;trigger_nombre;programada_para;inicio;fin;duracion_s;estado;origen;empresas_con_alertas;") {
		t.Fatalf("start %q", out[:min(len(out), 120)])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 71 {
		t.Fatalf("%d lines", len(recs))
	}
	// the newest: Beta's 70th, 69 × 3 h + 1 h after 01/11 08:00
	newest := recs[1]
	if newest[2] != "Beta" || newest[3] != "2025-11-10 00:00:00,000" || newest[7] != "omitida" || newest[8] != "programada" ||
		newest[14] != "El scheduler estaba en pausa." || newest[15] != "0,000" {
		t.Errorf("newest row %q", newest)
	}
}
