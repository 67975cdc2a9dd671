package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

func TestHistoryExportHasEveryMatchingRowForExcel(t *testing.T) {
	// given 700 failed runs of trigger Alfa (more than one page of the
	// maximum), the newest 42 ms late with a reason Excel would run as a
	// formula, and a skipped run of Beta
	w := newWorld(t, withoutTimers())
	alfa := w.trigger(t, "Alfa", []string{"contador@ejemplo.com"}, "CRITICA")
	beta := w.trigger(t, "Beta", []string{"contador@ejemplo.com"}, "CRITICA")
	first := time.Date(2024, 1, 1, 8, 0, 0, 0, bogota)
	var rows []app.Execution
	for i := range 700 {
		slot := first.Add(time.Duration(i) * time.Hour)
		rows = append(rows, app.Execution{TriggerID: alfa.ID, TriggerName: "Alfa", ScheduledFor: slot, StartedAt: slot,
			FinishedAt: slot.Add(1500 * time.Millisecond), State: app.StateFailed, Origin: app.OriginScheduled,
			Recipients: []string{"contador@ejemplo.com"}, Attempts: 1, Error: "sin conexión"})
	}
	last := &rows[len(rows)-1]
	last.StartedAt = last.ScheduledFor.Add(42 * time.Millisecond)
	last.Error = "=HYPERLINK(\"x\")"
	rows = append(rows, app.Execution{TriggerID: beta.ID, TriggerName: "Beta", ScheduledFor: first, StartedAt: first,
		FinishedAt: first, State: app.StateSkipped, Origin: app.OriginScheduled})
	if _, err := w.store.RecordExecutions(context.Background(), rows); err != nil {
		t.Fatal(err)
	}

	// when Alfa's failed runs are exported (the page asked for is ignored)
	var buf bytes.Buffer
	n, err := w.svc.ExportExecutionsCSV(context.Background(), &buf,
		app.ExecutionFilter{TriggerID: alfa.ID, State: app.StateFailed, Limit: 1, Offset: 3})
	if err != nil {
		t.Fatal(err)
	}

	// then: BOM, ';', CRLF, the header, one line per row, newest first,
	// formulas escaped, times to the millisecond and durations in seconds
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeffid;trigger_id;trigger_nombre;programada_para;inicio;fin;duracion_s;estado;origen;") {
		t.Fatalf("start %q", out[:min(len(out), 80)])
	}
	if lines := strings.Count(out, "\r\n"); n != 700 || lines != 701 {
		t.Fatalf("%d rows, %d lines", n, lines)
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
	slot := last.ScheduledFor.Format("2006-01-02 15:04")
	if newest[2] != "Alfa" || newest[3] != slot+":00,000" || newest[4] != slot+":00,042" ||
		newest[5] != slot+":01,500" || newest[6] != "1,458" || newest[7] != "fallido" || newest[8] != "programada" ||
		newest[12] != "contador@ejemplo.com" || newest[14] != "'=HYPERLINK(\"x\")" || newest[15] != "0,042" {
		t.Errorf("newest row %q", newest)
	}
	for _, rec := range recs[1:] {
		if rec[2] != "Alfa" || rec[7] != "fallido" {
			t.Errorf("row of %s, %s in an export of Alfa's failed runs", rec[2], rec[7])
		}
	}
}
