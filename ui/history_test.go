package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// Columns of the history table, as histTable reads them.
const (
	histColProgramada = iota
	histColInicio
	histColDuracion
	histColTrigger
	histColEstado
	histColOrigen
	histColEmpresas
	histColAlertas
	histColDestinatarios
	histColIntentos
)

func TestHistoryShowsARunNowOnceItFinishes(t *testing.T) {
	// given a trigger and the history open
	env := newTestEnv(t)
	tr := env.createTrigger(histDraft("Reporte", nil))
	env.u.tabs.SelectIndex(tabIndexHistory)
	if rows := histTable(env.u.history.table); len(rows) != 0 {
		t.Fatalf("history before any run: %v", rows)
	}

	// when it is run now
	x := histRunNow(env, tr.ID)

	// then its row shows its outcome
	rows := histTable(env.u.history.table)
	// (started on the day it was scheduled for: the time alone)
	want := []string{env.u.formatDateTime(x.ScheduledFor), x.StartedAt.In(bogota).Format(layoutTime), formatDuration(x.Duration()),
		"Reporte", "Exitoso", "Manual", "0", "0", "contador@ejemplo.com", "1"}
	if len(rows) != 1 || !slices.Equal(rows[0], want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	if got := env.u.history.pageLabel.Text; got != "Página 1 de 1 · 1 ejecución" {
		t.Errorf("page label %q", got)
	}
}

func TestHistoryShowsARunAsItStarts(t *testing.T) {
	// given the history open, and a run claimed (by this or another process)
	env := newTestEnv(t)
	tr := env.createTrigger(histDraft("Reporte", nil))
	env.u.tabs.SelectIndex(tabIndexHistory)
	x, err := env.store.ClaimExecution(context.Background(), app.Execution{TriggerID: tr.ID, TriggerName: tr.Name,
		ScheduledFor: testStart, StartedAt: testStart, State: app.StateRunning, Origin: app.OriginScheduled})
	if err != nil {
		t.Fatal(err)
	}

	// when its start is told
	env.u.onEvent(app.Event{Kind: app.EventRunStarted, Execution: x})

	// then it is listed, running
	rows := histTable(env.u.history.table)
	if len(rows) != 1 || rows[0][histColEstado] != "En curso" || rows[0][histColDuracion] != "—" || rows[0][histColOrigen] != "Programada" {
		t.Errorf("rows %q", rows)
	}
}

// histFilterWorld is two triggers with runs on December 1 to 6, every third failed.
func histFilterWorld(t *testing.T) (*testEnv, app.Trigger, app.Trigger) {
	env := newTestEnv(t)
	a := env.createTrigger(histDraft("Alfa", nil))
	b := env.createTrigger(histDraft("Beta", nil))
	var rows []app.Execution
	for day := 1; day <= 6; day++ {
		for i, tr := range []app.Trigger{a, b} {
			st := app.StateSucceeded
			if (day*2+i)%3 == 0 {
				st = app.StateFailed
			}
			rows = append(rows, histSlotRow(tr, time.Date(2025, 12, day, 8, 0, 0, 0, bogota), st))
		}
	}
	histRecord(t, env.store, rows)
	env.u.history.refresh()
	env.u.tabs.SelectIndex(tabIndexHistory)
	return env, a, b
}

func TestHistoryFiltersByTriggerStateAndDates(t *testing.T) {
	env, _, b := histFilterWorld(t)
	h := env.u.history
	if len(h.rows) != 12 || h.pageLabel.Text != "Página 1 de 1 · 12 ejecuciones" {
		t.Fatalf("unfiltered: %d rows, %q", len(h.rows), h.pageLabel.Text)
	}

	// when only failed runs are asked for
	h.stateSel.SetSelected("Fallido")

	// then only they are listed
	if got := histColumn(histTable(h.table), histColEstado); len(got) != 4 || slices.ContainsFunc(got, func(s string) bool { return s != "Fallido" }) {
		t.Errorf("failed only: %q", got)
	}

	// when also trigger Beta is chosen
	h.triggerSel.SetSelected("Beta")

	// then its failed runs
	rows := histTable(h.table)
	if len(rows) != 2 || rows[0][histColTrigger] != "Beta" || rows[1][histColTrigger] != "Beta" || h.filter.TriggerID != b.ID {
		t.Errorf("Beta failed: %q", rows)
	}

	// when every state of Beta from December 2 to 4 (both included)
	h.stateSel.SetSelected("Todos")
	test.Type(h.fromEntry, "02/12/2025")
	test.Type(h.toEntry, "4/12/2025")

	// then its three runs of those days, newest first
	got := histColumn(histTable(h.table), histColProgramada)
	want := []string{}
	for _, day := range []int{4, 3, 2} {
		want = append(want, env.u.formatDateTime(time.Date(2025, 12, day, 8, 0, 0, 0, bogota)))
	}
	if !slices.Equal(got, want) || h.dateMsg.Visible() {
		t.Errorf("December 2-4: %q, want %q (message %q)", got, want, h.dateMsg.Text)
	}

	// when a date is wrong, it says so in Spanish and keeps the filter
	test.Type(h.toEntry, "9") // "4/12/20259"
	if !h.dateMsg.Visible() || !strings.Contains(h.dateMsg.Text, "«Hasta»: «4/12/20259» no es una fecha") {
		t.Errorf("message %q (shown %v)", h.dateMsg.Text, h.dateMsg.Visible())
	}
	if got := histColumn(histTable(h.table), histColProgramada); !slices.Equal(got, want) {
		t.Errorf("a wrong date changed the rows: %q", got)
	}

	// and a range ending before it starts too
	h.toEntry.SetText("01/12/2025")
	if !h.dateMsg.Visible() || !strings.Contains(h.dateMsg.Text, "anterior") || len(h.rows) != 3 {
		t.Errorf("inverted range: message %q, %d rows", h.dateMsg.Text, len(h.rows))
	}

	// when the filters are cleared, everything is back
	histButton(t, h.box, "Quitar filtros").OnTapped()
	if len(h.rows) != 12 || h.fromEntry.Text != "" || h.triggerSel.Selected != "Todos" || h.dateMsg.Visible() {
		t.Errorf("after clearing: %d rows, desde %q, trigger %q", len(h.rows), h.fromEntry.Text, h.triggerSel.Selected)
	}
}

func TestHistoryPagesForwardAndBack(t *testing.T) {
	// given 250 runs, one an hour
	env := newTestEnv(t)
	tr := env.createTrigger(histDraft("Horario", nil))
	var rows []app.Execution
	first := testStart.Add(-250 * time.Hour)
	for i := range 250 {
		rows = append(rows, histSlotRow(tr, first.Add(time.Duration(i)*time.Hour), app.StateSucceeded))
	}
	histRecord(t, env.store, rows)
	h := env.u.history
	h.refresh()
	slotOf := func(i int) string { return env.u.formatDateTime(first.Add(time.Duration(i) * time.Hour)) }
	check := func(label string, n int, newest int, prev, next bool) {
		t.Helper()
		got := histTable(h.table)
		if h.pageLabel.Text != label || len(got) != n || got[0][histColProgramada] != slotOf(newest) ||
			h.prevBtn.Disabled() == prev || h.nextBtn.Disabled() == next {
			t.Fatalf("page %q with %d rows from %q (anterior %v, siguiente %v); want %q, %d rows from %q",
				h.pageLabel.Text, len(got), got[0][histColProgramada], !h.prevBtn.Disabled(), !h.nextBtn.Disabled(),
				label, n, slotOf(newest))
		}
	}
	check("Página 1 de 3 · 250 ejecuciones", 100, 249, false, true)

	// when Siguiente, twice, then Anterior
	test.Tap(h.nextBtn)
	check("Página 2 de 3 · 250 ejecuciones", 100, 149, true, true)
	test.Tap(h.nextBtn)
	check("Página 3 de 3 · 250 ejecuciones", 50, 49, true, false)
	test.Tap(h.prevBtn)

	// then each page shows its hundred rows
	check("Página 2 de 3 · 250 ejecuciones", 100, 149, true, true)
}

func TestHistoryDetailShowsEveryFieldAndTheFullError(t *testing.T) {
	// given a run that failed with a long error
	env := newTestEnv(t)
	tr := env.createTrigger(histDraft("Reporte", nil))
	histBreakOutbox(env)
	x := histRunNow(env, tr.ID)
	reason := runReason(x)
	if x.State != app.StateFailed || len(reason) < 60 {
		t.Fatalf("run %s: %q", x.State, reason)
	}
	env.u.tabs.SelectIndex(tabIndexHistory)

	// when its row is tapped
	env.u.history.table.Select(widget.TableCellID{Row: 0, Col: histColTrigger})

	// then a dialog shows its fields and the whole error, selectable
	top := env.u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no detail dialog")
	}
	var errLabel *widget.Label
	walkVisible(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == reason {
			errLabel = l
		}
	})
	if errLabel == nil || !errLabel.Selectable {
		t.Fatalf("the full error is not shown selectable; labels: %q", histLabels(top))
	}
	labels := strings.Join(histLabels(top), "|")
	for _, want := range []string{"Ejecución " + strconv.FormatInt(x.ID, 10), "Reporte (ID " + strconv.FormatInt(tr.ID, 10) + ")", "Fallido", "Manual",
		"contador@ejemplo.com", "Intentos SMTP", env.u.formatDateTime(x.FinishedAt)} {
		if !strings.Contains(labels, want) {
			t.Errorf("detail lacks %q: %s", want, labels)
		}
	}

	// and "Copiar error" puts it on the clipboard
	histButton(t, top, "Copiar error").OnTapped()
	if got := env.fyne.Clipboard().Content(); got != reason {
		t.Errorf("clipboard %q", got)
	}

	// and the row was unselected: tapping it again opens it again
	env.u.win.Canvas().Overlays().Remove(top)
	env.u.history.table.Select(widget.TableCellID{Row: 0, Col: histColTrigger})
	if env.u.win.Canvas().Overlays().Top() == nil {
		t.Error("tapping the row again opened nothing")
	}
}

func TestHistoryCSVHasEveryMatchingRowForExcel(t *testing.T) {
	// given 12 runs, 4 failed, one with a recipient Excel would run as a formula
	env, a, _ := histFilterWorld(t)
	histRecord(t, env.store, []app.Execution{func() app.Execution {
		x := histSlotRow(a, time.Date(2025, 12, 7, 8, 0, 0, 0, bogota), app.StateFailed)
		x.Error = "=HYPERLINK(\"x\")"
		x.StartedAt = x.ScheduledFor.Add(42 * time.Millisecond) // 42 ms late
		return x
	}()})

	// when the failed ones are exported
	var buf bytes.Buffer
	n, err := env.svc.ExportExecutionsCSV(context.Background(), &buf, app.ExecutionFilter{State: app.StateFailed, Limit: 1, Offset: 3})
	if err != nil {
		t.Fatal(err)
	}

	// then: BOM, ';', CRLF, the header, one line per row, newest first, formulas
	// escaped, times to the millisecond and the delay in seconds, as Excel in Spanish reads them
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeffid;trigger_id;trigger_nombre;programada_para;inicio;fin;duracion_s;estado;origen;") {
		t.Fatalf("start %q", out[:min(len(out), 80)])
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	if n != 5 || len(lines) != 6 {
		t.Fatalf("%d rows, %d lines:\n%s", n, len(lines), out)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := recs[0]; h[len(h)-1] != "retraso_s" {
		t.Errorf("header %q: retraso_s is not last", h)
	}
	newest := recs[1]
	if newest[2] != "Alfa" || newest[3] != "2025-12-07 08:00:00,000" || newest[4] != "2025-12-07 08:00:00,042" ||
		newest[5] != "2025-12-07 08:00:01,500" || newest[6] != "1,458" || newest[7] != "fallido" || newest[8] != "programada" ||
		newest[12] != "contador@ejemplo.com" || newest[14] != "'=HYPERLINK(\"x\")" || newest[15] != "0,042" {
		t.Errorf("newest row %q", newest)
	}
	for _, rec := range recs[1:] {
		if rec[7] != "fallido" {
			t.Errorf("row of state %q in a failed-only export", rec[7])
		}
	}
}

func TestHistoryExportRunsInTheBackgroundAndSaysHowMany(t *testing.T) {
	// given the history filtered to trigger Beta
	env, _, b := histFilterWorld(t)
	h := env.u.history
	h.showTrigger(b.ID)

	// when it is exported
	f := &histFile{}
	h.exportTo(h.filter, f, "/tmp/historial.csv")
	if !h.exportBtn.Disabled() {
		t.Error("export button enabled while exporting")
	}
	untilUI(t, env, func() bool { return !h.exportBtn.Disabled() })

	// then the file has Beta's 6 rows, is closed, and the user is told
	if lines := strings.Count(string(f.data), "\r\n"); !f.closed || lines != 7 {
		t.Errorf("closed %v, %d lines", f.closed, lines)
	}
	top := env.u.win.Canvas().Overlays().Top()
	if top == nil || !slices.ContainsFunc(histLabels(top), func(s string) bool {
		return s == "Se exportaron 6 ejecuciones a /tmp/historial.csv."
	}) {
		t.Errorf("no report of the export")
	}
}
