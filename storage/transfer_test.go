package storage_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

// transferTarget is a database a copy goes into: a fresh one of a backend.
type transferTarget struct {
	name string
	open func(t *testing.T) *storage.Store
}

var transferTargets = []transferTarget{
	{"sqlite", func(t *testing.T) *storage.Store { return storagetest.Open(t, storage.Open) }},
	{"postgres", func(t *testing.T) *storage.Store {
		return storagetest.OpenAt(t, storagetest.Postgres(t), storage.OpenPostgres)
	}},
}

// eachTarget runs body once per target, each time with a fresh populated
// SQLite source (as migrar-datos reads it) and a fresh, empty target.
func eachTarget(t *testing.T, body func(t *testing.T, from, to *storage.Store, src source)) {
	for _, target := range transferTargets {
		t.Run(target.name, func(t *testing.T) {
			to := target.open(t)
			from := storagetest.Open(t, storage.Open)
			body(t, from, to, populate(t, from))
		})
	}
}

// source is what populate wrote.
type source struct {
	settings map[string]string
	calendar []byte
}

// populate writes a bit of everything: triggers (the last one deleted, so
// the next id is not the largest plus one), 1,000 history rows, companies,
// manual alerts (one resolved) and calendar alerts, settings, the imported
// calendar file, and a lease (which is not the user's data).
func populate(t *testing.T, s *storage.Store) source {
	t.Helper()
	ctx := t.Context()
	var triggers []app.Trigger
	for i := range 4 {
		tr, err := s.CreateTrigger(ctx, dailyTrigger(fmt.Sprintf("Resumen %d", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		triggers = append(triggers, tr)
	}
	if err := s.DeleteTrigger(ctx, triggers[3].ID); err != nil {
		t.Fatal(err)
	}
	rows := make([]app.Execution, 0, 1000)
	states := []app.RunState{app.StateMissed, app.StateSkipped, app.StateSucceeded, app.StateFailed}
	for i := range 998 {
		e := missedRun(triggers[i%3].ID, at(1, 0, 0).Add(time.Duration(i)*time.Hour))
		e.State = states[i%len(states)]
		if e.State == app.StateFailed {
			e.Problem = &app.Message{Code: app.CodeStorageFull, Args: app.Args{"Path": "/datos/ñandú.db"}}
			e.Error = "disco lleno"
		}
		rows = append(rows, e)
	}
	if n, err := s.RecordExecutions(ctx, rows); err != nil || n != len(rows) {
		t.Fatalf("RecordExecutions = %d, %v", n, err)
	}
	for i := range 2 { // one still running, one manual and sent
		e, err := s.ClaimExecution(ctx, scheduledRun(triggers[0].ID, at(28, 8, 30+i)))
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			e.State, e.FinishedAt, e.Notified, e.Recipients, e.MailRoute = app.StateSucceeded, at(28, 8, 35), 7, []string{"a@ejemplo.com"}, app.MailRouteSMTP
			if err := s.FinishExecution(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	companies := []app.Company{newCompany(t, s, "Panadería Ñandú", "iva", "retefuente"), newCompany(t, s, "Ferretería El Clavo")}
	inactive := newCompany(t, s, "Inactiva SAS")
	inactive.Active = false
	if _, err := s.UpdateCompany(ctx, inactive); err != nil {
		t.Fatal(err)
	}
	for i, p := range []app.Priority{app.PriorityCritical, app.PriorityHigh, app.PriorityMedium, app.PriorityLow} {
		a, err := s.CreateAlert(ctx, app.Alert{CompanyID: companies[i%2].ID, Title: fmt.Sprintf("Alerta %d", i),
			Priority: p, DueOn: due(11, 20+i), Open: true, CreatedAt: createdAt, UpdatedAt: createdAt})
		if err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			a.Open, a.ResolvedAt, a.ResolutionNote = false, createdAt.Add(time.Hour), "pagada"
			if _, err := s.UpdateAlert(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	var cal []app.Alert
	for m := time.January; m <= time.December; m++ {
		cal = append(cal, calendarAlert(companies[0].ID, "retefuente", fmt.Sprintf("2026-%02d", m), 0, due(m, 12)))
	}
	if _, err := s.ApplyCalendar(ctx, app.CalendarChanges{Create: cal}); err != nil {
		t.Fatal(err)
	}
	src := source{
		settings: map[string]string{"VIGIA_TZ": "America/Lima", "EMAIL_DESTINATARIOS": "jefa@ejemplo.com", "pausado": "1"},
		calendar: []byte("{\"año\": 2026}\x00\xff binario"),
	}
	if err := s.SetSettings(ctx, src.settings); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCalendarData(ctx, src.calendar); err != nil {
		t.Fatal(err)
	}
	lease := app.Lease{HolderID: "origen", Host: "EQUIPO-1", PID: 42}
	if got, err := s.AcquireLease(ctx, "scheduler", lease, time.Now(), time.Minute, ""); err != nil || got.HolderID != "origen" {
		t.Fatalf("AcquireLease = %+v, %v", got, err)
	}
	return src
}

// wantRows are the rows populate writes, by table.
var wantRows = map[string]int64{"triggers": 3, "executions": 1000, "empresas": 3, "alertas": 16, "settings": 3, "calendario_datos": 1}

func TestTransferCopiesEveryTableWithItsIDsAndVerifiesTheCounts(t *testing.T) {
	eachTarget(t, func(t *testing.T, from, to *storage.Store, src source) {
		// when
		var progress []string
		report, err := storage.Transfer(t.Context(), from, to, storage.TransferOptions{
			Progress: func(table string, rows int64) { progress = append(progress, fmt.Sprintf("%s=%d", table, rows)) },
		})

		// then: every table as many rows on both sides, read back
		if err != nil {
			t.Fatalf("Transfer: %v", err)
		}
		if !report.Verified() || len(report.Tables) != len(wantRows) {
			t.Errorf("report not verified: %+v", report)
		}
		for _, c := range report.Tables {
			if c.Source != wantRows[c.Table] || c.Target != wantRows[c.Table] {
				t.Errorf("%s: source %d, target %d, want %d", c.Table, c.Source, c.Target, wantRows[c.Table])
			}
		}
		if len(progress) != len(wantRows) || progress[1] != "executions=1000" {
			t.Errorf("progress = %v", progress)
		}
		sameData(t, from, to, src)
	})
}

// sameData compares the two stores through their read methods.
func sameData(t *testing.T, from, to *storage.Store, src source) {
	t.Helper()
	ctx := t.Context()
	same := func(what string, read func(s *storage.Store) (any, error)) {
		t.Helper()
		a, err := read(from)
		if err != nil {
			t.Fatalf("%s of the source: %v", what, err)
		}
		b, err := read(to)
		if err != nil {
			t.Fatalf("%s of the target: %v", what, err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differ:\nsource %+v\ntarget %+v", what, a, b)
		}
	}
	day := app.DefaultEscalation.On(due(11, 18))
	same("Triggers", func(s *storage.Store) (any, error) { return s.Triggers(ctx) })
	same("Executions", func(s *storage.Store) (any, error) {
		return s.Executions(ctx, app.ExecutionFilter{Limit: 2000})
	})
	same("failed Executions", func(s *storage.Store) (any, error) {
		return s.Executions(ctx, app.ExecutionFilter{State: app.StateFailed, Limit: 2000})
	})
	same("LastSlots", func(s *storage.Store) (any, error) { return s.LastSlots(ctx) })
	same("Companies", func(s *storage.Store) (any, error) { return s.Companies(ctx) })
	same("Alerts", func(s *storage.Store) (any, error) { return s.Alerts(ctx, app.AlertFilter{}) })
	same("OpenAlertCounts", func(s *storage.Store) (any, error) { return s.OpenAlertCounts(ctx, day) })
	same("OpenAlerts", func(s *storage.Store) (any, error) { return s.OpenAlerts(ctx, app.Priorities, day) })
	same("CalendarAlerts", func(s *storage.Store) (any, error) { return s.CalendarAlerts(ctx) })
	same("CalendarData", func(s *storage.Store) (any, error) { return s.CalendarData(ctx) })
	for k, v := range src.settings {
		if got, err := to.Setting(ctx, k); err != nil || got != v {
			t.Errorf("setting %s = %q (%v), want %q", k, got, err, v)
		}
	}
	if got, _ := to.CalendarData(ctx); string(got) != string(src.calendar) {
		t.Errorf("calendar data = %q, want %q", got, src.calendar)
	}
	// The lease is not the user's data: the target's is free.
	me := app.Lease{HolderID: "destino", Host: "EQUIPO-2", PID: 7}
	if got, err := to.AcquireLease(ctx, "scheduler", me, time.Now(), time.Minute, ""); err != nil || got.HolderID != me.HolderID {
		t.Errorf("the target's lease is not free: %+v, %v", got, err)
	}
}

func TestTransferredIDsAreNotHandedOutAgain(t *testing.T) {
	eachTarget(t, func(t *testing.T, from, to *storage.Store, _ source) {
		ctx := t.Context()
		if _, err := storage.Transfer(ctx, from, to, storage.TransferOptions{}); err != nil {
			t.Fatal(err)
		}

		// when: new rows in the target
		tr, err := to.CreateTrigger(ctx, dailyTrigger("Nuevo"))
		if err != nil {
			t.Fatal(err)
		}
		run, err := to.ClaimExecution(ctx, scheduledRun(tr.ID, at(29, 8, 30)))
		if err != nil {
			t.Fatal(err)
		}
		c := newCompany(t, to, "Nueva SAS")
		a, err := to.CreateAlert(ctx, app.Alert{CompanyID: c.ID, Title: "Nueva", Priority: app.PriorityHigh, Open: true, CreatedAt: createdAt, UpdatedAt: createdAt})
		if err != nil {
			t.Fatal(err)
		}

		// then: ids after the copied ones; the deleted trigger's id 4 is not reused
		if tr.ID != 5 || run.ID != 1001 || c.ID != 4 || a.ID != 17 {
			t.Errorf("new ids: trigger %d (want 5), run %d (want 1001), company %d (want 4), alert %d (want 17)", tr.ID, run.ID, c.ID, a.ID)
		}
		// and the kept counts follow the new rows: the count triggers work again
		page, err := to.Executions(ctx, app.ExecutionFilter{Limit: 1})
		running, err2 := to.Executions(ctx, app.ExecutionFilter{State: app.StateRunning, Limit: 1})
		counts, err3 := to.OpenAlertCounts(ctx, app.DefaultEscalation.On(due(11, 18)))
		if err := firstErr(err, err2, err3); err != nil {
			t.Fatal(err)
		}
		if page.Total != 1001 || running.Total != 2 || counts[c.ID][app.PriorityHigh] != 1 {
			t.Errorf("kept counts: %d runs (want 1001), %d running (want 2), new company's open ALTA %d (want 1)",
				page.Total, running.Total, counts[c.ID][app.PriorityHigh])
		}
	})
}

func TestTransferRefusesATargetWithDataUnlessReplacing(t *testing.T) {
	eachTarget(t, func(t *testing.T, from, to *storage.Store, src source) {
		ctx := t.Context()
		// given: the target has a trigger of its own
		mine, err := to.CreateTrigger(ctx, dailyTrigger("Del destino"))
		if err != nil {
			t.Fatal(err)
		}
		version, _ := to.ScheduleVersion(ctx)

		// when
		_, err = storage.Transfer(ctx, from, to, storage.TransferOptions{})

		// then: refused, saying what is there, and nothing changed
		var full *storage.TargetNotEmptyError
		if !errors.Is(err, storage.ErrTargetNotEmpty) || !errors.As(err, &full) ||
			!reflect.DeepEqual(full.Tables, []storage.TableCount{{Table: "triggers", Target: 1}}) {
			t.Fatalf("err = %v, want ErrTargetNotEmpty naming triggers: 1", err)
		}
		if got, _ := to.Triggers(ctx); len(got) != 1 || got[0].Name != mine.Name {
			t.Errorf("the target's triggers changed: %+v", got)
		}
		if v, _ := to.ScheduleVersion(ctx); v != version {
			t.Errorf("schedule version moved %d -> %d", version, v)
		}

		// when: told to replace
		report, err := storage.Transfer(ctx, from, to, storage.TransferOptions{Replace: true})

		// then: the target holds the source's data alone
		if err != nil || !report.Verified() {
			t.Fatalf("Transfer with Replace: %+v, %v", report, err)
		}
		sameData(t, from, to, src)
	})
}

func TestAnInterruptedTransferLeavesTheTargetAsItWas(t *testing.T) {
	eachTarget(t, func(t *testing.T, from, to *storage.Store, _ source) {
		// when: cancelled once the history is in, before the companies
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		_, err := storage.Transfer(ctx, from, to, storage.TransferOptions{Progress: func(table string, _ int64) {
			if table == "executions" {
				cancel()
			}
		}})

		// then
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		assertEmpty(t, to)
		// and the target's count triggers were not left held
		tr, err := to.CreateTrigger(t.Context(), dailyTrigger("Nuevo"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := to.ClaimExecution(t.Context(), scheduledRun(tr.ID, at(29, 8, 30))); err != nil {
			t.Fatal(err)
		}
		if page, err := to.Executions(t.Context(), app.ExecutionFilter{Limit: 1}); err != nil || page.Total != 1 {
			t.Errorf("after a new run the history counts %d (%v), want 1", page.Total, err)
		}
	})
}

func TestATransferWithARowTheTargetRefusesLeavesItAsItWas(t *testing.T) {
	eachTarget(t, func(t *testing.T, from, to *storage.Store, _ source) {
		ctx := t.Context()
		// given: the target refuses one alert, the last table but two
		refuse(t, to, "Alerta 2")

		// when
		_, err := storage.Transfer(ctx, from, to, storage.TransferOptions{})

		// then
		if err == nil || !strings.Contains(err.Error(), "fila rechazada") {
			t.Fatalf("err = %v, want the target's refusal", err)
		}
		assertEmpty(t, to)
	})
}

// refuse makes to's database refuse the insert of an alert titled title.
func refuse(t *testing.T, to *storage.Store, title string) {
	t.Helper()
	ctx := t.Context()
	statements := []string{`CREATE TRIGGER rechaza BEFORE INSERT ON alertas WHEN NEW.titulo = '` + title + `'
		BEGIN SELECT RAISE(ABORT, 'fila rechazada'); END`}
	if to.Dialect() == storage.DialectPostgres {
		statements = []string{`CREATE FUNCTION rechaza() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN IF NEW.titulo = '` + title + `' THEN RAISE EXCEPTION 'fila rechazada'; END IF; RETURN NEW; END $$`,
			`CREATE TRIGGER rechaza BEFORE INSERT ON alertas FOR EACH ROW EXECUTE FUNCTION rechaza()`}
	}
	for _, s := range statements {
		if err := to.ExecSQL(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
}

// assertEmpty checks that to has none of the user's data.
func assertEmpty(t *testing.T, to *storage.Store) {
	t.Helper()
	ctx := t.Context()
	triggers, err1 := to.Triggers(ctx)
	runs, err2 := to.Executions(ctx, app.ExecutionFilter{Limit: 10})
	companies, err3 := to.Companies(ctx)
	alerts, err4 := to.Alerts(ctx, app.AlertFilter{})
	tz, err5 := to.Setting(ctx, "VIGIA_TZ")
	data, err6 := to.CalendarData(ctx)
	if err := firstErr(err1, err2, err3, err4, err5, err6); err != nil {
		t.Fatal(err)
	}
	if len(triggers)+runs.Total+len(runs.Executions)+len(companies)+len(alerts) > 0 || tz != "" || data != nil {
		t.Errorf("the target changed: %d triggers, %d runs, %d companies, %d alerts, zone %q, calendar %d bytes",
			len(triggers), runs.Total, len(companies), len(alerts), tz, len(data))
	}
}

func TestTransferBackFromPostgreSQLGivesTheSameDataAndIDs(t *testing.T) {
	// given: a SQLite database copied to PostgreSQL
	ctx := t.Context()
	first := storagetest.Open(t, storage.Open)
	src := populate(t, first)
	office := storagetest.OpenAt(t, storagetest.Postgres(t), storage.OpenPostgres)
	if _, err := storage.Transfer(ctx, first, office, storage.TransferOptions{}); err != nil {
		t.Fatal(err)
	}

	// when: copied back into a new SQLite file
	back := storagetest.Open(t, storage.Open)
	report, err := storage.Transfer(ctx, office, back, storage.TransferOptions{})

	// then
	if err != nil || !report.Verified() {
		t.Fatalf("Transfer = %+v, %v", report, err)
	}
	sameData(t, first, back, src)
	tr, err := back.CreateTrigger(ctx, dailyTrigger("Nuevo"))
	if err != nil || tr.ID != 5 {
		t.Errorf("new trigger id %d (%v), want 5: the deleted trigger's id 4 stays used", tr.ID, err)
	}
}
