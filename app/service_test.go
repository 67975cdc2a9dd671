package app_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/messages"
	"vigia/notify"
	"vigia/notify/smtptest"
	"vigia/scheduler"
	"vigia/storage"
)

// world is a Service over real adapters: a SQLite file, gocron on a fake
// clock, and go-mail talking to an in-process SMTP server.
type world struct {
	svc      *app.Service
	store    *storage.Store
	sched    *scheduler.Scheduler
	clock    *clockwork.FakeClock
	smtp     *smtptest.Server
	finished chan app.Event
	events   chan app.Event // EventRecovered
}

var bogota = func() *time.Location {
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		panic(err)
	}
	return loc
}()

type worldConfig struct {
	app     app.Config
	start   time.Time // the fake clock's start
	noTimer bool      // gocron is not started: slots pass as if the machine slept
	// wrap, when set, is the store the service sees, around the real one.
	wrap func(*storage.Store) app.Store
}

type worldOption func(*worldConfig)

func withMailer(m app.Mailer) worldOption { return func(c *worldConfig) { c.app.Mailer = m } }
func withDefaults(addrs ...string) worldOption {
	return func(c *worldConfig) { c.app.DefaultRecipients = addrs }
}
func withRunTimeout(d time.Duration) worldOption {
	return func(c *worldConfig) { c.app.RunTimeout = d }
}
func withClockAt(t time.Time) worldOption { return func(c *worldConfig) { c.start = t } }
func withoutTimers() worldOption          { return func(c *worldConfig) { c.noTimer = true } }

func newWorld(t *testing.T, opts ...worldOption) *world {
	t.Helper()
	return newWorldAt(t, filepath.Join(t.TempDir(), "vigia.db"), opts...)
}

func newWorldAt(t *testing.T, dbPath string, opts ...worldOption) *world {
	t.Helper()
	wc := worldConfig{start: time.Date(2025, 12, 8, 7, 0, 0, 0, bogota)}
	for _, o := range opts {
		o(&wc)
	}
	w := &world{
		clock:    clockwork.NewFakeClockAt(wc.start),
		smtp:     smtptest.Start(t, smtptest.Options{}),
		finished: make(chan app.Event, 100),
		events:   make(chan app.Event, 100),
	}
	var err error
	if w.store, err = storage.Open(context.Background(), dbPath); err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = w.store.Close() })
	if w.sched, err = scheduler.New(func(id int64, name string, slot time.Time) { w.svc.RunScheduled(id, name, slot) },
		scheduler.WithClock(w.clock), scheduler.WithLocation(bogota)); err != nil {
		t.Fatalf("new scheduler: %v", err)
	}
	mailer := notify.NewSMTP(notify.Config{Host: w.smtp.Host(), Port: w.smtp.Port(), From: "vigia@ejemplo.com", TLS: notify.TLSNone})
	cfg := wc.app
	cfg.Store, cfg.Scheduler, cfg.Clock, cfg.Location = w.store, w.sched, w.clock, bogota
	if wc.wrap != nil {
		cfg.Store = wc.wrap(w.store)
	}
	if cfg.Mailer == nil {
		cfg.Mailer = mailer
	}
	w.svc = app.NewService(cfg)
	w.svc.Subscribe(func(e app.Event) {
		switch e.Kind {
		case app.EventRunFinished:
			w.finished <- e
		case app.EventRecovered:
			w.events <- e
		}
	})
	if err := w.svc.Start(context.Background()); err != nil {
		t.Fatalf("start service: %v", err)
	}
	if !wc.noTimer {
		w.sched.Start()
	}
	t.Cleanup(func() {
		_ = w.sched.Shutdown()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		w.svc.Shutdown(ctx)
	})
	return w
}

// stop ends this world's process: timers, runs, database.
func (w *world) stop() {
	_ = w.sched.Shutdown()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	w.svc.Shutdown(ctx)
	_ = w.store.Close()
}

func (w *world) waitRun(t *testing.T) app.Event {
	t.Helper()
	select {
	case e := <-w.finished:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no run finished")
		return app.Event{}
	}
}

func ptr[T any](v T) *T { return &v }

func (w *world) trigger(t *testing.T, name string, recipients []string, priorities ...string) app.Trigger {
	t.Helper()
	tr, err := w.svc.CreateTrigger(context.Background(), app.TriggerDraft{
		Name: ptr(name), Frequency: ptr("diaria"), Time: ptr("08:00"),
		Recipients: &recipients, Priorities: &priorities,
	})
	if err != nil {
		t.Fatalf("create trigger %s: %v", name, err)
	}
	return tr
}

func (w *world) alert(t *testing.T, company app.Company, title, priority string) app.Alert {
	t.Helper()
	a, err := w.svc.CreateAlert(context.Background(), app.AlertDraft{
		CompanyID: &company.ID, Title: ptr(title), Priority: ptr(priority),
	})
	if err != nil {
		t.Fatalf("create alert %s: %v", title, err)
	}
	return a
}

func (w *world) company(t *testing.T, name string) app.Company {
	t.Helper()
	c, err := w.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: ptr(name)})
	if err != nil {
		t.Fatalf("create company %s: %v", name, err)
	}
	return c
}

func TestRunNowSendsOnlyOpenAlertsOfTheTriggersPriorities(t *testing.T) {
	// given two companies with alerts of every priority, one resolved
	w := newWorld(t)
	ctx := context.Background()
	acme, beta := w.company(t, "Acme S.A.S."), w.company(t, "Beta Ltda.")
	w.alert(t, acme, "Declaración de IVA", "CRITICA")
	w.alert(t, acme, "Nómina electrónica", "BAJA")
	w.alert(t, beta, "Resolución de facturación", "ALTA")
	resolved := w.alert(t, beta, "Retención en la fuente", "CRITICA")
	if _, err := w.svc.ResolveAlert(ctx, resolved.ID, ""); err != nil {
		t.Fatal(err)
	}
	tr := w.trigger(t, "Notificación Diaria", []string{"admin@ejemplo.com"}, "CRITICA", "ALTA")

	// when the trigger is run now
	row, err := w.svc.RunNow(ctx, tr.ID)
	if err != nil {
		t.Fatalf("RunNow: %v", err)
	}
	ev := w.waitRun(t)

	// then the history row holds the metrics and one mail reached the recipient
	if row.State != app.StateRunning || row.Origin != app.OriginManual {
		t.Errorf("claimed row = %+v, want en_curso/manual", row)
	}
	got, err := w.svc.Execution(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != app.StateSucceeded || got.Companies != 2 || got.Alerts != 2 || got.Notified != 2 || got.Attempts != 1 {
		t.Errorf("finished row = %+v, want exitoso with 2 companies, 2 alerts", got)
	}
	if !ev.Delivery.Sent || ev.Execution.ID != row.ID {
		t.Errorf("event = %+v", ev)
	}
	msgs := w.smtp.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "admin@ejemplo.com" {
		t.Fatalf("messages = %+v", msgs)
	}
	parsed, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if want := "[Vigía] Notificación Diaria: 2 alertas (1 crítica)"; parsed.Subject != want {
		t.Errorf("subject = %q, want %q", parsed.Subject, want)
	}
	if strings.Contains(parsed.Text, "Nómina") || strings.Contains(parsed.Text, "Retención") {
		t.Errorf("digest includes a BAJA or resolved alert:\n%s", parsed.Text)
	}
}

func TestRunWithoutAlertsSucceedsWithoutMailUnlessAsked(t *testing.T) {
	// given no alerts at all and two triggers, one that sends even when empty
	w := newWorld(t)
	ctx := context.Background()
	quiet := w.trigger(t, "Silencioso", []string{"a@ejemplo.com"}, "CRITICA")
	loud, err := w.svc.CreateTrigger(ctx, app.TriggerDraft{
		Name: ptr("Siempre"), Frequency: ptr("diaria"), Time: ptr("09:00"),
		Recipients: ptr([]string{"b@ejemplo.com"}), Priorities: ptr([]string{"CRITICA"}), SendWhenEmpty: ptr(true),
	})
	if err != nil {
		t.Fatal(err)
	}

	// when both run
	for _, id := range []int64{quiet.ID, loud.ID} {
		if _, err := w.svc.RunNow(ctx, id); err != nil {
			t.Fatal(err)
		}
		w.waitRun(t)
	}

	// then both succeed, and only the second sent a mail
	page, err := w.svc.Executions(ctx, app.ExecutionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Executions {
		if e.State != app.StateSucceeded || e.Alerts != 0 {
			t.Errorf("row %+v, want exitoso with 0 alerts", e)
		}
	}
	msgs := w.smtp.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "b@ejemplo.com" {
		t.Fatalf("messages = %+v, want one to b@ejemplo.com", msgs)
	}
}

func TestTriggerWithoutRecipientsUsesTheDefaultsOrFails(t *testing.T) {
	for _, tc := range []struct {
		name           string
		removeDefaults bool
		want           app.RunState
	}{
		{"defaults configured", false, app.StateSucceeded},
		{"defaults removed after saving", true, app.StateFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// given an alert and a trigger saved with no recipients of its own
			// while defaults existed, which may since have been removed
			w := newWorld(t, withDefaults("gerente@ejemplo.com"))
			w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
			tr := w.trigger(t, "Sin destinatarios", nil, "CRITICA")
			if tc.removeDefaults {
				w.svc.SetDefaultRecipients(nil)
			}

			// when it runs
			if _, err := w.svc.RunNow(context.Background(), tr.ID); err != nil {
				t.Fatal(err)
			}
			ev := w.waitRun(t)

			// then it used the defaults, or failed saying how to set them
			if ev.Execution.State != tc.want {
				t.Fatalf("state = %s (%v), want %s", ev.Execution.State, ev.Execution.Problem, tc.want)
			}
			reason := messages.RunReason("es", ev.Execution)
			if tc.want == app.StateFailed && (!hasCode(ev.Execution, app.CodeRunNoRecipients) ||
				!strings.Contains(reason, "Configuración → Destinatarios por defecto") || !strings.Contains(reason, "EMAIL_DESTINATARIOS")) {
				t.Errorf("problem %v (%q) does not say what to configure", ev.Execution.Problem, reason)
			}
			if tc.want == app.StateSucceeded && ev.Execution.Problem != nil {
				t.Errorf("a delivered run has a problem: %v", ev.Execution.Problem)
			}
			if tc.want == app.StateSucceeded && (len(ev.Execution.Recipients) != 1 || ev.Execution.Recipients[0] != "gerente@ejemplo.com") {
				t.Errorf("recipients = %v", ev.Execution.Recipients)
			}
		})
	}
}

func TestFailingTriggerDoesNotAffectAnother(t *testing.T) {
	// given a server that refuses one recipient permanently
	w := newWorld(t)
	w.smtp.Inject(smtptest.Fault{Stage: smtptest.StageRcpt, Code: 550, Message: "no existe", Rcpt: "roto@ejemplo.com"})
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	bad := w.trigger(t, "Roto", []string{"roto@ejemplo.com"}, "CRITICA")
	good := w.trigger(t, "Bueno", []string{"bien@ejemplo.com"}, "CRITICA")

	// when both slots fire
	slot := time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)
	w.svc.RunScheduled(bad.ID, bad.Name, slot)
	w.svc.RunScheduled(good.ID, good.Name, slot)
	w.waitRun(t)
	w.waitRun(t)

	// then one failed with the server's reason and the other was delivered
	page, err := w.svc.Executions(context.Background(), app.ExecutionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[int64]app.Execution{}
	for _, e := range page.Executions {
		states[e.TriggerID] = e
	}
	if e := states[bad.ID]; e.State != app.StateFailed || !hasCode(e, app.CodeSMTPFailedBecause) ||
		!reflect.DeepEqual(e.Problem.Args["Reason"], app.Msg(app.CodeSMTPRecipientsRefused, app.Args{"Reply": 550})) ||
		!strings.Contains(e.Error, "550") || e.Error != messages.RunReason("es", e) {
		t.Errorf("bad trigger row = %+v, want fallido with the 550 reply, as a code and in Spanish", e)
	}
	if e := states[good.ID]; e.State != app.StateSucceeded || e.Notified != 1 {
		t.Errorf("good trigger row = %+v, want exitoso", e)
	}
}

func TestScheduledSlotIsClaimedOnce(t *testing.T) {
	// given a trigger whose 08:00 slot already ran
	w := newWorld(t)
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	slot := time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)
	w.svc.RunScheduled(tr.ID, tr.Name, slot)
	w.waitRun(t)

	// when the same slot is asked for again (a second timer, a second process)
	w.svc.RunScheduled(tr.ID, tr.Name, slot)

	// then the history still has one row for it
	page, err := w.svc.Executions(context.Background(), app.ExecutionFilter{TriggerID: tr.ID})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || !page.Executions[0].ScheduledFor.Equal(slot) || page.Executions[0].Origin != app.OriginScheduled {
		t.Fatalf("history = %+v, want one programada row for %v", page, slot)
	}
}

func TestScheduledRunOfInactiveOrDeletedTriggerIsSkipped(t *testing.T) {
	// given an inactive trigger and a deleted one
	w := newWorld(t)
	ctx := context.Background()
	inactive := w.trigger(t, "Pausado", []string{"a@ejemplo.com"}, "CRITICA")
	if _, err := w.svc.UpdateTrigger(ctx, inactive.ID, app.TriggerDraft{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	deleted := w.trigger(t, "Borrado", []string{"a@ejemplo.com"}, "CRITICA")
	if err := w.svc.DeleteTrigger(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}

	// when their slots fire (a timer armed before the change)
	slot := time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)
	w.svc.RunScheduled(inactive.ID, inactive.Name, slot)
	w.waitRun(t)
	w.svc.RunScheduled(deleted.ID, deleted.Name, slot)
	w.waitRun(t)

	// then both rows are omitida with the reason, and the deleted trigger's name is kept
	page, err := w.svc.Executions(ctx, app.ExecutionFilter{State: app.StateSkipped})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 {
		t.Fatalf("skipped rows = %d, want 2: %+v", page.Total, page.Executions)
	}
	for _, e := range page.Executions {
		want := app.CodeRunTriggerGone
		if e.TriggerID == inactive.ID {
			want = app.CodeRunTriggerInactive
		}
		if !hasCode(e, want) || e.Error != messages.Text("es", *e.Problem) || e.TriggerName == "" {
			t.Errorf("row %+v lacks its reason (%s) or name", e, want)
		}
	}
	if len(w.smtp.Messages()) != 0 {
		t.Error("a skipped run sent mail")
	}
}

func TestTriggerChangesReachTheSchedulerAtOnce(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()

	// given a new daily trigger: it is armed for today's 08:00
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	status := w.svc.SchedulerStatus()
	if len(status.Jobs) != 1 || !status.Jobs[0].NextRun.Equal(time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)) {
		t.Fatalf("status after create = %+v", status)
	}

	// when its time changes, then the job moves
	if _, err := w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Time: ptr("07:30")}); err != nil {
		t.Fatal(err)
	}
	if s := w.svc.SchedulerStatus(); len(s.Jobs) != 1 || !s.Jobs[0].NextRun.Equal(time.Date(2025, 12, 8, 7, 30, 0, 0, bogota)) {
		t.Fatalf("status after update = %+v", s)
	}

	// when it is deactivated, then it is disarmed; reactivated, armed again; deleted, gone
	if _, err := w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if s := w.svc.SchedulerStatus(); len(s.Jobs) != 0 {
		t.Fatalf("inactive trigger still armed: %+v", s)
	}
	if _, err := w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Active: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if s := w.svc.SchedulerStatus(); len(s.Jobs) != 1 {
		t.Fatalf("reactivated trigger not armed: %+v", s)
	}
	if err := w.svc.DeleteTrigger(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	if s := w.svc.SchedulerStatus(); len(s.Jobs) != 0 {
		t.Fatalf("deleted trigger still armed: %+v", s)
	}
}

func TestInvalidInputChangesNothing(t *testing.T) {
	// given a saved trigger
	w := newWorld(t)
	ctx := context.Background()
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")

	// when an update and a create carry a bad field
	_, errUpdate := w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Name: ptr("Otro"), Time: ptr("25:00")})
	_, errCreate := w.svc.CreateTrigger(ctx, app.TriggerDraft{Name: ptr("Nuevo"), Frequency: ptr("cada rato")})

	// then both are refused field by field and the store is as it was
	var verr *app.ValidationError
	if !errors.As(errUpdate, &verr) || verr.Problems["hora"].Code == "" {
		t.Errorf("update error = %v, want hora invalid", errUpdate)
	}
	if !errors.As(errCreate, &verr) || verr.Problems["frecuencia"].Code == "" {
		t.Errorf("create error = %v, want frecuencia invalid", errCreate)
	}
	all, err := w.svc.Triggers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Name != "Diario" || all[0].Schedule.Hour != 8 {
		t.Fatalf("triggers = %+v, want the original only", all)
	}
}

func TestRunNowOfUnknownTriggerIsNotFound(t *testing.T) {
	w := newWorld(t)
	if _, err := w.svc.RunNow(context.Background(), 42); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("RunNow(42) = %v, want ErrNotFound", err)
	}
}

func TestStartMarksRunsLeftByACrashInterrupted(t *testing.T) {
	// given a database with a row left en_curso (the process died mid-run)
	path := filepath.Join(t.TempDir(), "vigia.db")
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	slot := time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)
	left, err := st.ClaimExecution(context.Background(), app.Execution{
		TriggerID: 1, TriggerName: "Diario", ScheduledFor: slot, StartedAt: slot,
		State: app.StateRunning, Origin: app.OriginScheduled,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// when Vigía starts on it
	w := newWorldAt(t, path)

	// then the row is interrumpida, with a reason, and its slot stays claimed
	got, err := w.svc.Execution(context.Background(), left.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != app.StateInterrupted || !hasCode(got, app.CodeRunCrashed) || got.Error == "" || got.FinishedAt.IsZero() {
		t.Fatalf("row = %+v, want interrumpida with a reason", got)
	}
}

// blockingMailer is an SMTP server that never answers until released or cancelled.
type blockingMailer struct {
	started chan struct{}
	release chan struct{}
}

func (m *blockingMailer) SendDigest(ctx context.Context, _ app.Digest) (int, error) {
	close(m.started)
	select {
	case <-m.release:
		return 1, nil
	case <-ctx.Done():
		return 1, ctx.Err()
	}
}

func TestShutdownInterruptsADigestThatOverstaysTheStopTimeout(t *testing.T) {
	// given a run stuck in the mail server
	m := &blockingMailer{started: make(chan struct{}), release: make(chan struct{})}
	w := newWorld(t, withMailer(m))
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	row, err := w.svc.RunNow(context.Background(), tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	<-m.started

	// when Vigía stops with a stop timeout that has already run out
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w.svc.Shutdown(ctx)

	// then the row is finalised interrumpida (never left en_curso) and new runs are refused
	got, err := w.svc.Execution(context.Background(), row.ID)
	if err != nil {
		t.Fatal(err)
	}
	cause := app.Msg(app.CodeRunFailed, app.Args{"Detail": context.Canceled.Error()})
	if got.State != app.StateInterrupted || !hasCode(got, app.CodeRunInterrupted) ||
		!reflect.DeepEqual(got.Problem.Args["Cause"], cause) ||
		got.Error != "Envío interrumpido por el cierre de Vigía: context canceled" {
		t.Fatalf("row = %+v, want interrumpida by the stop, the mailer's error as its cause", got)
	}
	if _, err := w.svc.RunNow(context.Background(), tr.ID); !errors.Is(err, app.ErrShuttingDown) {
		t.Fatalf("RunNow after shutdown = %v, want ErrShuttingDown", err)
	}
}

func TestShutdownLetsARunningDigestFinish(t *testing.T) {
	// given a run in the mail server
	m := &blockingMailer{started: make(chan struct{}), release: make(chan struct{})}
	w := newWorld(t, withMailer(m))
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	row, err := w.svc.RunNow(context.Background(), tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	<-m.started

	// when Vigía stops while the server is about to answer
	stopped := make(chan struct{})
	go func() {
		w.svc.Shutdown(context.Background())
		close(stopped)
	}()
	if _, err := w.svc.RunNow(context.Background(), tr.ID); err == nil {
		t.Error("a run was accepted while stopping or running")
	}
	close(m.release)
	<-stopped

	// then the run finished normally before Shutdown returned
	got, err := w.svc.Execution(context.Background(), row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != app.StateSucceeded {
		t.Fatalf("row = %+v, want exitoso", got)
	}
}

func TestTriggerRetryingSMTPDoesNotHoldUpAnother(t *testing.T) {
	// given a server that answers 451 (try later) for one recipient, and a mailer
	// whose wait before the retry lasts until the test ends it
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{
		{Stage: smtptest.StageRcpt, Code: 451, Message: "intente más tarde", Rcpt: "lento@ejemplo.com"},
	}})
	wait := make(chan time.Time)
	waiting := make(chan struct{}, 1)
	mailer := notify.NewSMTP(notify.Config{Host: srv.Host(), Port: srv.Port(), From: "vigia@ejemplo.com", TLS: notify.TLSNone},
		notify.WithRetryWaits([]time.Duration{time.Hour}),
		notify.WithAfter(func(time.Duration) <-chan time.Time { waiting <- struct{}{}; return wait }))
	w := newWorld(t, withMailer(mailer))
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	slow := w.trigger(t, "Lento", []string{"lento@ejemplo.com"}, "CRITICA")
	fast := w.trigger(t, "Rápido", []string{"rapido@ejemplo.com"}, "CRITICA")
	slot := time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)

	// when the slow trigger is waiting to retry and the other one's slot comes
	go w.svc.RunScheduled(slow.ID, slow.Name, slot)
	<-waiting
	go w.svc.RunScheduled(fast.ID, fast.Name, slot)

	// then the other one finishes first, delivered
	first := w.waitRun(t)
	if first.Execution.TriggerID != fast.ID || first.Execution.State != app.StateSucceeded {
		t.Fatalf("first finished run = %+v, want the fast trigger, exitoso", first.Execution)
	}
	// and the slow one, after its last attempt, fails with both attempts counted
	close(wait)
	second := w.waitRun(t)
	if second.Execution.TriggerID != slow.ID || second.Execution.State != app.StateFailed || second.Execution.Attempts != 2 {
		t.Fatalf("slow run = %+v, want fallido after 2 attempts", second.Execution)
	}
	if msgs := srv.Messages(); len(msgs) != 1 || msgs[0].To[0] != "rapido@ejemplo.com" {
		t.Fatalf("messages = %+v", msgs)
	}
}

func TestRunAgainstASilentServerEndsFailedAtTheRunTimeout(t *testing.T) {
	// given a mail server that accepts connections and never says a word, and a
	// run deadline far shorter than one SMTP attempt's own timeout
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageConnect, Hang: true}}})
	mailer := notify.NewSMTP(notify.Config{Host: srv.Host(), Port: srv.Port(), From: "vigia@ejemplo.com", TLS: notify.TLSNone},
		notify.WithTimeout(time.Hour), notify.WithRetryWaits([]time.Duration{time.Hour}))
	w := newWorld(t, withMailer(mailer), withRunTimeout(200*time.Millisecond))
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")

	// when its slot runs
	w.svc.RunScheduled(tr.ID, tr.Name, time.Date(2025, 12, 8, 8, 0, 0, 0, bogota))

	// then the run ended fallido, saying the run's time ran out, with one attempt made
	ev := w.waitRun(t)
	if ev.Execution.State != app.StateFailed || ev.Execution.Attempts != 1 || !hasCode(ev.Execution, app.CodeRunTimedOut) ||
		!strings.HasPrefix(messages.RunReason("es", ev.Execution), "tiempo máximo de la ejecución agotado (200ms): tiempo agotado durante el intento 1") {
		t.Fatalf("run = %+v, want fallido by the run timeout after 1 attempt", ev.Execution)
	}
}

func TestAlertDueTomorrowReachesACriticalDigestAsCritical(t *testing.T) {
	// given a BAJA alert due tomorrow, a BAJA alert due in a month, and a CRITICA-only trigger
	w := newWorld(t) // Dec 8 2025, 07:00 in Bogotá
	ctx := context.Background()
	acme := w.company(t, "Acme")
	due, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &acme.ID, Title: ptr("Factura vencida"), Priority: ptr("BAJA"), DueOn: ptr("2025-12-09")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &acme.ID, Title: ptr("Renovación lejana"), Priority: ptr("BAJA"), DueOn: ptr("2026-01-09")}); err != nil {
		t.Fatal(err)
	}
	tr := w.trigger(t, "Críticas", []string{"a@ejemplo.com"}, "CRITICA")

	// when the trigger runs
	if _, err := w.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	ev := w.waitRun(t)

	// then the digest holds the escalated alert only, counted as critical in the subject
	if ev.Execution.Alerts != 1 || due.EffectivePriority != app.PriorityCritical {
		t.Fatalf("run = %+v, effective priority %s; want 1 alert, CRITICA", ev.Execution, due.EffectivePriority)
	}
	msgs := w.smtp.Messages()
	if len(msgs) != 1 {
		t.Fatalf("messages = %d", len(msgs))
	}
	parsed, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if want := "[Vigía] Críticas: 1 alerta (1 crítica)"; parsed.Subject != want || !strings.Contains(parsed.Text, "Factura vencida") || strings.Contains(parsed.Text, "Renovación lejana") {
		t.Fatalf("subject %q, text:\n%s", parsed.Subject, parsed.Text)
	}
}

func TestDemoDataFillsANewDatabaseOnlyAndRunsAtOnce(t *testing.T) {
	// given a new database
	w := newWorld(t)
	ctx := context.Background()

	// when the demo data is loaded
	sum, err := w.svc.LoadDemo(ctx)
	if err != nil {
		t.Fatalf("LoadDemo: %v", err)
	}

	// then the seed's three triggers are armed and the daily one has something to send
	if sum.Triggers != 3 || sum.Companies < 3 || sum.Alerts < 5 {
		t.Fatalf("summary = %+v", sum)
	}
	if s := w.svc.SchedulerStatus(); len(s.Jobs) != 3 {
		t.Fatalf("armed jobs = %d, want 3", len(s.Jobs))
	}
	triggers, err := w.svc.Triggers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if triggers[0].Name != "Notificación Diaria" || triggers[1].Schedule.Describe() != "Semanal (lunes, viernes) a las 15:00" {
		t.Fatalf("triggers = %+v", triggers)
	}
	if _, err := w.svc.RunNow(ctx, triggers[0].ID); err != nil {
		t.Fatal(err)
	}
	if ev := w.waitRun(t); ev.Execution.State != app.StateSucceeded || ev.Execution.Alerts == 0 {
		t.Fatalf("demo run = %+v, want exitoso with alerts", ev.Execution)
	}

	// and a second load changes nothing
	if _, err := w.svc.LoadDemo(ctx); !errors.Is(err, app.ErrNotEmpty) {
		t.Fatalf("second LoadDemo = %v, want ErrNotEmpty", err)
	}
	if again, _ := w.svc.Triggers(ctx); len(again) != 3 {
		t.Fatalf("triggers after a second load = %d", len(again))
	}
}
