package app_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/notify"
	"vigia/notify/smtptest"
	"vigia/scheduler"
	"vigia/storage"
	"vigia/storage/storagetest"
)

// BenchmarkRunNowEndToEnd measures one run-now from the request to the
// finalised history row: claim, re-read, collect 20 alerts of 5 companies,
// render, deliver over SMTP to an in-process server, finalise.
func BenchmarkRunNowEndToEnd(b *testing.B) {
	ctx := context.Background()
	srv := smtptest.Start(b, smtptest.Options{})
	st, err := storage.Open(ctx, filepath.Join(b.TempDir(), "vigia.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var svc *app.Service
	sched, err := scheduler.New(func(id int64, name string, slot time.Time) { svc.RunScheduled(id, name, slot) },
		scheduler.WithClock(clockwork.NewFakeClock()), scheduler.WithLocation(bogota))
	if err != nil {
		b.Fatal(err)
	}
	svc = app.NewService(app.Config{
		Store: st, Scheduler: sched, Location: bogota,
		Mailer: notify.NewSMTP(notify.Config{Host: srv.Host(), Port: srv.Port(), From: "vigia@ejemplo.com", TLS: notify.TLSNone}),
	})
	done := make(chan app.Event, 1)
	svc.Subscribe(func(e app.Event) {
		if e.Kind == app.EventRunFinished {
			done <- e
		}
	})
	for c := range 5 {
		company, err := svc.CreateCompany(ctx, app.CompanyDraft{Name: ptr("Empresa " + strconv.Itoa(c))})
		if err != nil {
			b.Fatal(err)
		}
		for a := range 4 {
			if _, err := svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &company.ID, Title: ptr("Alerta " + strconv.Itoa(a)), Priority: ptr("CRITICA")}); err != nil {
				b.Fatal(err)
			}
		}
	}
	tr, err := svc.CreateTrigger(ctx, app.TriggerDraft{
		Name: ptr("Bench"), Frequency: ptr("diaria"), Time: ptr("08:00"),
		Recipients: ptr([]string{"admin@ejemplo.com"}), Priorities: ptr([]string{"CRITICA"}),
	})
	if err != nil {
		b.Fatal(err)
	}

	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.RunNow(ctx, tr.ID); err != nil {
			b.Fatal(err)
		}
		if e := <-done; e.Execution.State != app.StateSucceeded {
			b.Fatalf("run %s: %v", e.Execution.State, e.Execution.Problem)
		}
	}
}

// BenchmarkReload10000 measures POST /api/triggers/scheduler/reload's work
// with 10,000 active triggers: read them all from the database (SQLite,
// PostgreSQL) and re-sync gocron. "cold" arms every job in an empty
// scheduler; "warm" re-syncs unchanged ones.
func BenchmarkReload10000(b *testing.B) { onEachBackend(b, benchmarkReload10000) }

func benchmarkReload10000(b *testing.B, be backend) {
	ctx := context.Background()
	st := storagetest.OpenAt(b, be.Fresh(b), be.Open)
	for i := range 10_000 {
		t, err := app.TriggerDraft{
			Name: ptr("Trigger " + strconv.Itoa(i)), Frequency: ptr("diaria"), Time: ptr(strconv.Itoa(i%24) + ":" + strconv.Itoa(10+i%50)),
			Recipients: ptr([]string{"admin@ejemplo.com"}), Priorities: ptr([]string{"CRITICA"}),
		}.Build(nil, time.Now(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.CreateTrigger(ctx, t); err != nil {
			b.Fatal(err)
		}
	}
	newService := func() *app.Service {
		sched, err := scheduler.New(func(int64, string, time.Time) {}, scheduler.WithLocation(bogota))
		if err != nil {
			b.Fatal(err)
		}
		sched.Start()
		b.Cleanup(func() { _ = sched.Shutdown() })
		return app.NewService(app.Config{Store: st, Scheduler: sched, Location: bogota})
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			svc := newService()
			b.StartTimer()
			if status, err := svc.Reload(ctx); err != nil || len(status.Jobs) != 10_000 {
				b.Fatalf("reload: %d jobs, %v", len(status.Jobs), err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		svc := newService()
		if _, err := svc.Reload(ctx); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if status, err := svc.Reload(ctx); err != nil || len(status.Jobs) != 10_000 {
				b.Fatalf("reload: %d jobs, %v", len(status.Jobs), err)
			}
		}
	})
}
