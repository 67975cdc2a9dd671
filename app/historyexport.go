package app

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// HistoryExportColumns are the history export's columns: the API's field
// names, with the durations in seconds (duracion_s, retraso_s) as Excel adds
// them up. retraso_s is last, so files read by column position keep their
// columns.
var HistoryExportColumns = []string{"id", "trigger_id", "trigger_nombre", "programada_para", "inicio", "fin",
	"duracion_s", "estado", "origen", "empresas_con_alertas", "total_alertas", "notificaciones",
	"destinatarios", "intentos", "error", "retraso_s"}

// historyTimeLayout is how the export writes times, to the millisecond as
// the API gives them: Excel in Spanish reads it as a date and time, the
// fraction of a second after a decimal comma as it reads duracion_s.
const historyTimeLayout = "2006-01-02 15:04:05,000"

// ExportExecutionsCSV writes every run matching f (all its pages; f's Limit
// and Offset are ignored), newest first, in the exports' format (see
// alertexport.go), times in the Service's zone. It returns how many rows it
// wrote. Runs recorded meanwhile shift the pages; a row read twice is
// written once. A long history is read a page at a time, so the file starts
// before the last page is read.
func (s *Service) ExportExecutionsCSV(ctx context.Context, w io.Writer, f ExecutionFilter) (int, error) {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return 0, fmt.Errorf("write history CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(HistoryExportColumns); err != nil {
		return 0, fmt.Errorf("write history CSV: %w", err)
	}
	written := map[int64]bool{}
	f.Limit = MaxHistoryLimit
	for f.Offset = 0; ; f.Offset += f.Limit {
		page, err := s.Executions(ctx, f)
		if err != nil {
			return len(written), fmt.Errorf("export history: %w", err)
		}
		for _, x := range page.Executions {
			if written[x.ID] {
				continue
			}
			written[x.ID] = true
			if err := cw.Write(historyExportRow(x)); err != nil {
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

// historyExportRow is one run's cells. The error is the history's Spanish
// text of the run's reason, as the API gives it.
func historyExportRow(x Execution) []string {
	duration, delay := "", ""
	if d := x.Duration(); d > 0 {
		duration = exportSeconds(d)
	}
	if d, ok := x.Delay(); ok {
		delay = exportSeconds(d)
	}
	row := []string{
		strconv.FormatInt(x.ID, 10), strconv.FormatInt(x.TriggerID, 10), x.TriggerName,
		exportTime(x.ScheduledFor), exportTime(x.StartedAt), exportTime(x.FinishedAt), duration, string(x.State), string(x.Origin),
		strconv.Itoa(x.Companies), strconv.Itoa(x.Alerts), strconv.Itoa(x.Notified),
		strings.Join(x.Recipients, ", "), strconv.Itoa(x.Attempts), x.Error, delay,
	}
	for i := range row {
		row[i] = EscapeCell(row[i])
	}
	return row
}

// exportSeconds is d in seconds to the millisecond, with a decimal comma:
// Excel in Spanish reads "1,250" as a number.
func exportSeconds(d time.Duration) string {
	return strings.Replace(strconv.FormatFloat(d.Seconds(), 'f', 3, 64), ".", ",", 1)
}

// exportTime is t as Excel reads it; "" for no time (a run still going has no end).
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(historyTimeLayout)
}
