package storage

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/scheduler"
	"vigia/storage/storagetest"
)

// writableAgain makes the database writable again, as when its disk is
// remounted read-write: the writer's connection, made query_only by the
// test, is switched back while the writer is stopped (nothing is writing),
// and a new writer takes it up.
func writableAgain(t *testing.T, s *Store) {
	t.Helper()
	s.writer.stop()
	if _, err := s.write.ExecContext(t.Context(), "PRAGMA query_only = OFF"); err != nil {
		t.Fatal(err)
	}
	s.writer = startWriter(s.write, s.path, 1000)
}

// diskTurnsReadOnlyMailer sends (counting) and, while the digest is out,
// the database becomes read-only: the run's result cannot be recorded.
type diskTurnsReadOnlyMailer struct {
	t     *testing.T
	store *Store
	sent  atomic.Int32
}

func (m *diskTurnsReadOnlyMailer) SendDigest(context.Context, app.Digest) (int, error) {
	if m.sent.Add(1) == 1 {
		onWriter(m.t, m.store, "query_only = ON")
	}
	return 1, nil
}

func newRunService(t *testing.T, s *Store, clock clockwork.Clock, mailer app.Mailer) *app.Service {
	t.Helper()
	sched, err := scheduler.New(func(int64, string, time.Time) {}, scheduler.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(app.Config{Store: s, Mailer: mailer, Scheduler: sched, Clock: clock,
		Location: time.UTC, Logger: slog.New(slog.DiscardHandler)})
	if err := svc.Start(t.Context()); err != nil {
		t.Fatalf("start service: %v", err)
	}
	return svc
}

func TestARunWhoseResultCannotBeRecordedIsRecordedOnceTheDiskRecoversAndNeverSentTwice(t *testing.T) {
	// given a trigger with an alert to send, and a database that becomes
	// read-only while the digest is out (SQLITE_READONLY on the writer)
	s := storagetest.Open(t, Open)
	clock := clockwork.NewFakeClockAt(time.Date(2026, 12, 3, 7, 59, 0, 0, time.UTC))
	mailer := &diskTurnsReadOnlyMailer{t: t, store: s}
	svc := newRunService(t, s, clock, mailer)
	ctx := t.Context()
	name, priority, when, recipients, prios := "Acme", "CRITICA", "08:00", []string{"a@ejemplo.com"}, []string{"CRITICA"}
	company, err := svc.CreateCompany(ctx, app.CompanyDraft{Name: &name})
	if err != nil {
		t.Fatal(err)
	}
	title := "IVA"
	if _, err := svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &company.ID, Title: &title, Priority: &priority}); err != nil {
		t.Fatal(err)
	}
	daily, trig := "diaria", "Diario"
	tr, err := svc.CreateTrigger(ctx, app.TriggerDraft{Name: &trig, Frequency: &daily, Time: &when, Recipients: &recipients, Priorities: &prios})
	if err != nil {
		t.Fatal(err)
	}
	slot := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	clock.Advance(time.Minute)

	// when its 08:00 slot runs: sent, then its result cannot be written
	svc.RunScheduled(tr.ID, tr.Name, slot)
	page, err := svc.Executions(ctx, app.ExecutionFilter{TriggerID: tr.ID})
	if err != nil || page.Total != 1 || page.Executions[0].State != app.StateRunning {
		t.Fatalf("history while read-only = %+v, %v; want the claimed row en_curso", page, err)
	}
	row := page.Executions[0].ID
	// and the same slot comes again (a second timer, another tick): not sent again
	svc.RunScheduled(tr.ID, tr.Name, slot)

	// when the disk is writable again and the retry comes
	writableAgain(t, s)
	waitCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := clock.BlockUntilContext(waitCtx, 1); err != nil {
		t.Fatalf("no retry of the result waits: %v", err)
	}
	clock.Advance(app.FinishRetryEvery)

	// then the run's real result is recorded, by itself, with no restart
	deadline := time.Now().Add(5 * time.Second)
	for {
		e, err := svc.Execution(ctx, row)
		if err == nil && e.State == app.StateSucceeded && e.Notified == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("row after recovery = %+v, %v; want exitosa with its alert notified", e, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// and a restart on the same database (missed-slot catch-up included) sends nothing more
	svc.Shutdown(ctx)
	newRunService(t, s, clock, mailer).Shutdown(ctx)
	if n := mailer.sent.Load(); n != 1 {
		t.Fatalf("digest sent %d times, want once", n)
	}
	if e, err := svc.Execution(ctx, row); err != nil || e.State != app.StateSucceeded {
		t.Fatalf("row after restart = %+v, %v; want still exitosa", e, err)
	}
}
