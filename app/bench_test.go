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
			b.Fatalf("run %s: %s", e.Execution.State, e.Execution.Error)
		}
	}
}
