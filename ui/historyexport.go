package ui

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"vigia/app"
)

// historyCSVColumns are the export's columns: the API's field names, with
// the durations in seconds (duracion_s, retraso_s) as Excel adds them up.
// retraso_s is last, so files read by column position keep their columns.
var historyCSVColumns = []string{"id", "trigger_id", "trigger_nombre", "programada_para", "inicio", "fin",
	"duracion_s", "estado", "origen", "empresas_con_alertas", "total_alertas", "notificaciones",
	"destinatarios", "intentos", "error", "retraso_s"}

// historyExportTimeout bounds an export: a long history is read a page at a
// time (100,000 runs take a few seconds).
const historyExportTimeout = 10 * time.Minute

// csvTimeLayout is how times are written, to the millisecond as the API
// gives them: Excel in Spanish reads it as a date and time, the fraction of a
// second after a decimal comma as it reads duracion_s.
const csvTimeLayout = "2006-01-02 15:04:05,000"

// onExport asks where to save the CSV of the rows matching the filters,
// proposing "historial-2025-12-08.csv".
func (t *historyTab) onExport() {
	f := t.filter
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			t.u.showError(err)
		case w != nil:
			t.exportTo(f, w, w.URI().Path())
		}
	}, t.u.win)
	d.SetFileName(fmt.Sprintf("historial-%s.csv", t.u.svc.Now().Format(app.DateLayout)))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	t.u.showDialog(d, fyne.Size{})
}

// exportTo writes the rows matching f to w in the background (a long history
// takes a while), closes it and says how many rows went where.
func (t *historyTab) exportTo(f app.ExecutionFilter, w io.WriteCloser, where string) {
	t.exportBtn.Disable()
	t.exportBtn.SetText(T("historial.exportando"))
	t.u.background(historyExportTimeout, func(ctx context.Context) func() {
		n, err := writeHistoryCSV(ctx, w, t.u.svc, f)
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", where, cerr)
		}
		return func() { t.onExported(n, where, err) }
	})
}

func (t *historyTab) onExported(n int, where string, err error) {
	t.exportBtn.SetText(T("historial.exportar"))
	t.exportBtn.Enable()
	if err != nil {
		t.u.showError(err)
		return
	}
	t.u.showInformation(T("historial.exportar.titulo"),
		T("historial.exportar.hecho", map[string]any{"N": n, "Archivo": where}))
}

// writeHistoryCSV writes every run matching f (all its pages; f's Limit and
// Offset are ignored), newest first, for Excel in Spanish to open with a
// double click: UTF-8 BOM, ';' between cells, CRLF, formula-like cells
// escaped. It returns how many rows it wrote. Runs recorded meanwhile shift
// the pages; a row read twice is written once.
func writeHistoryCSV(ctx context.Context, w io.Writer, svc *app.Service, f app.ExecutionFilter) (int, error) {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return 0, fmt.Errorf("write history CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(historyCSVColumns); err != nil {
		return 0, fmt.Errorf("write history CSV: %w", err)
	}
	written := map[int64]bool{}
	f.Limit = app.MaxHistoryLimit
	for f.Offset = 0; ; f.Offset += f.Limit {
		page, err := svc.Executions(ctx, f)
		if err != nil {
			return len(written), fmt.Errorf("export history: %w", err)
		}
		for _, x := range page.Executions {
			if written[x.ID] {
				continue
			}
			written[x.ID] = true
			if err := cw.Write(historyCSVRow(x)); err != nil {
				return len(written), fmt.Errorf("write history CSV: %w", err)
			}
		}
		if len(page.Executions) < f.Limit {
			break
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return len(written), fmt.Errorf("write history CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return len(written), fmt.Errorf("write history CSV: %w", err)
	}
	return len(written), nil
}

// historyCSVRow is one run's cells (times in the run's zone, the service's).
func historyCSVRow(x app.Execution) []string {
	duration, delay := "", ""
	if d := x.Duration(); d > 0 {
		duration = csvSeconds(d)
	}
	if d, ok := x.Delay(); ok {
		delay = csvSeconds(d)
	}
	row := []string{
		strconv.FormatInt(x.ID, 10), strconv.FormatInt(x.TriggerID, 10), x.TriggerName,
		csvTime(x.ScheduledFor), csvTime(x.StartedAt), csvTime(x.FinishedAt), duration, string(x.State), string(x.Origin),
		strconv.Itoa(x.Companies), strconv.Itoa(x.Alerts), strconv.Itoa(x.Notified),
		strings.Join(x.Recipients, ", "), strconv.Itoa(x.Attempts), x.Error, delay,
	}
	for i := range row {
		row[i] = app.EscapeCell(row[i])
	}
	return row
}

// csvSeconds is d in seconds to the millisecond, with a decimal comma: Excel
// in Spanish reads "1,250" as a number.
func csvSeconds(d time.Duration) string {
	return strings.Replace(strconv.FormatFloat(d.Seconds(), 'f', 3, 64), ".", ",", 1)
}

// csvTime is t as Excel reads it; "" for no time (a run still going has no end).
func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(csvTimeLayout)
}
