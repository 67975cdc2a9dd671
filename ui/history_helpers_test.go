package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/notify"
	"vigia/scheduler"
	"vigia/storage"
)

// Helpers of the Inicio and Historial tests (prefixed hist: other tabs'
// tests live in the same package).

func histPtr[V any](v V) *V { return &v }

// histDraft is an active trigger for every priority, to one address, sent
// even without alerts; schedule sets its frequency fields.
func histDraft(name string, schedule func(*app.TriggerDraft)) app.TriggerDraft {
	d := app.TriggerDraft{
		Name: histPtr(name), Frequency: histPtr("diaria"), Time: histPtr("08:00"),
		Recipients: &[]string{"contador@ejemplo.com"}, Priorities: &[]string{"CRITICA", "ALTA", "MEDIA", "BAJA"},
		Active: histPtr(true), SendWhenEmpty: histPtr(true),
	}
	if schedule != nil {
		schedule(&d)
	}
	return d
}

// histTable reads every cell of a table as its UpdateCell writes it.
func histTable(tbl *widget.Table) [][]string {
	rows, cols := tbl.Length()
	out := make([][]string, rows)
	tmpl := tbl.CreateCell()
	for r := range rows {
		out[r] = make([]string, cols)
		for c := range cols {
			tbl.UpdateCell(widget.TableCellID{Row: r, Col: c}, tmpl)
			label, _ := cellParts(tmpl.(*fyne.Container))
			out[r][c] = label.Text
		}
	}
	return out
}

// histColumn is one column of histTable's rows.
func histColumn(rows [][]string, col int) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r[col]
	}
	return out
}

// histLabels are the texts of the visible labels inside o.
func histLabels(o fyne.CanvasObject) []string {
	var out []string
	walkVisible(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return out
}

// histButton is the visible button inside o whose text is text; the test
// fails without one.
func histButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkVisible(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// histRecord writes finished slot rows straight to the history, as catch-up
// does, and lets the history tab read them.
func histRecord(t testing.TB, store *storage.Store, rows []app.Execution) {
	t.Helper()
	if n, err := store.RecordExecutions(context.Background(), rows); err != nil || n != len(rows) {
		t.Fatalf("recorded %d of %d rows: %v", n, len(rows), err)
	}
}

// histSlotRow is a finished scheduled run of trigger tr at slot.
func histSlotRow(tr app.Trigger, slot time.Time, st app.RunState) app.Execution {
	x := app.Execution{TriggerID: tr.ID, TriggerName: tr.Name, ScheduledFor: slot, StartedAt: slot,
		FinishedAt: slot.Add(1500 * time.Millisecond), State: st, Origin: app.OriginScheduled,
		Recipients: []string{"contador@ejemplo.com"}, Attempts: 1}
	if st == app.StateFailed {
		x.Error = "smtp: 421 servicio no disponible"
	}
	return x
}

// histFile is an export destination in memory.
type histFile struct {
	data   []byte
	closed bool
}

func (f *histFile) Write(p []byte) (int, error) { f.data = append(f.data, p...); return len(p), nil }
func (f *histFile) Close() error                { f.closed = true; return nil }

// BenchmarkHistoryPage100k loads pages of a 100,000-run history into the
// Historial tab: the query, the rows and the table's refresh.
func BenchmarkHistoryPage100k(b *testing.B) {
	// given a history of 100,000 runs of 10 triggers, hourly, ~2% failed
	ctx := context.Background()
	dir := b.TempDir()
	store, err := storage.Open(ctx, filepath.Join(dir, "vigia.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	clock := clockwork.NewFakeClockAt(testStart)
	sched, err := scheduler.New(func(int64, string, time.Time) {}, scheduler.WithClock(clock), scheduler.WithLocation(bogota))
	if err != nil {
		b.Fatal(err)
	}
	svc := app.NewService(app.Config{Store: store, Mailer: notify.NewOutbox(filepath.Join(dir, "outbox"), ""),
		Scheduler: sched, Clock: clock, Location: bogota})
	var triggers []app.Trigger
	for i := range 10 {
		tr, err := svc.CreateTrigger(ctx, histDraft("Resumen "+string(rune('A'+i)), nil))
		if err != nil {
			b.Fatal(err)
		}
		triggers = append(triggers, tr)
	}
	const total = 100_000
	rows := make([]app.Execution, 0, total)
	first := testStart.Add(-total * time.Hour)
	for i := range total {
		st := app.StateSucceeded
		if i%50 == 0 {
			st = app.StateFailed
		}
		rows = append(rows, histSlotRow(triggers[i%10], first.Add(time.Duration(i)*time.Hour), st))
	}
	start := time.Now()
	histRecord(b, store, rows)
	b.Logf("recorded %d runs in %v", total, time.Since(start).Round(time.Millisecond))
	u, err := newUI(test.NewTempApp(b), Deps{Service: svc, Settings: &memSettings{s: app.Settings{Language: LangSpanish}}},
		&bridge{do: func(fn func()) { fn() }})
	if err != nil {
		b.Fatal(err)
	}
	h := u.history
	u.tabs.SelectIndex(tabIndexHistory)
	u.win.Resize(fyne.NewSize(1400, 900))

	month := app.ExecutionFilter{From: testStart.AddDate(0, -6, 0), To: testStart.AddDate(0, -5, 0)}
	for _, bc := range []struct {
		name   string
		filter app.ExecutionFilter
		page   int
	}{
		{"first", app.ExecutionFilter{}, 0},
		{"page500", app.ExecutionFilter{}, 499},
		{"last", app.ExecutionFilter{}, 999},
		{"fallido", app.ExecutionFilter{State: app.StateFailed}, 0},
		{"trigger/page50", app.ExecutionFilter{TriggerID: triggers[3].ID}, 49},
		{"month", month, 0},
		{"month+trigger", func() app.ExecutionFilter { f := month; f.TriggerID = triggers[3].ID; return f }(), 0},
		{"all-dates/page500", app.ExecutionFilter{From: first}, 499},
		{"all-dates+trigger/page50", app.ExecutionFilter{From: first, TriggerID: triggers[3].ID}, 49},
		{"all-dates+fallido/page10", app.ExecutionFilter{From: first, State: app.StateFailed}, 9},
	} {
		b.Run(bc.name, func(b *testing.B) {
			h.filter, h.page = bc.filter, bc.page
			h.load()
			if len(h.rows) == 0 || h.total == 0 || h.page != bc.page {
				b.Fatalf("page %d of %+v: %d rows of %d", bc.page, bc.filter, len(h.rows), h.total)
			}
			// alternate with the page before, so that every cell changes
			for i := 0; b.Loop(); i++ {
				h.page = bc.page - i%2
				if bc.page == 0 {
					h.page = i % 2
				}
				h.load()
			}
		})
	}
	// and the CSV export of every run (200 pages of the service's maximum)
	b.Run("csv-all", func(b *testing.B) {
		for b.Loop() {
			if n, err := svc.ExportExecutionsCSV(ctx, io.Discard, app.ExecutionFilter{}); err != nil || n != total {
				b.Fatalf("exported %d rows: %v", n, err)
			}
		}
	})
}

func histRemove(path string) error { return os.Remove(path) }

// histBreakOutbox makes every delivery fail, whether or not a digest was
// already delivered (the outbox folder exists then).
func histBreakOutbox(env *testEnv) {
	env.t.Helper()
	if err := os.RemoveAll(env.outbox); err != nil {
		env.t.Fatal(err)
	}
	env.breakOutbox()
}

// histRunNow runs trigger id now from the interface and waits for that run
// to finish (env.waitRun would return the trigger's first finished run).
func histRunNow(env *testEnv, id int64) app.Execution {
	env.t.Helper()
	page, err := env.svc.Executions(context.Background(), app.ExecutionFilter{TriggerID: id, Limit: 1})
	if err != nil {
		env.t.Fatal(err)
	}
	var before int64
	if len(page.Executions) > 0 {
		before = page.Executions[0].ID
	}
	env.u.runNow(id)
	return env.waitFor(func(ev app.Event) bool {
		return ev.Kind == app.EventRunFinished && ev.Execution.TriggerID == id && ev.Execution.ID > before
	}).Execution
}
