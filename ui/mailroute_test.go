package ui

import (
	"context"
	"testing"

	"vigia/app"
)

func TestARunSavedToTheOutboxIsNotCalledSent(t *testing.T) {
	// given no SMTP (the test service saves digests to the outbox) and two open alerts
	env := newTestEnv(t)
	ctx := context.Background()
	c, err := env.svc.CreateCompany(ctx, app.CompanyDraft{Name: ptr("Panadería La Espiga")})
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"IVA bimestral", "Retención en la fuente"} {
		if _, err := env.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &c.ID, Title: ptr(title), Priority: ptr("CRITICA")}); err != nil {
			t.Fatal(err)
		}
	}
	tr := env.createTrigger(dailyDraft("Reporte", 8))

	// when it runs
	env.u.runNow(tr.ID)
	x := env.waitRun(tr.ID)
	env.drain()

	// then the desktop notification and Inicio's summary say where the digest is
	if x.State != app.StateSucceeded || x.MailRoute != app.MailRouteOutbox {
		t.Fatalf("run %s via %q (%s), want exitoso via the outbox", x.State, x.MailRoute, runReason(x))
	}
	notes := env.notifications()
	if want := "Reporte: 2 alertas guardadas en la bandeja de salida (sin SMTP)"; len(notes) != 1 || notes[0].Content != want {
		t.Errorf("notifications = %+v, want %q", notes, want)
	}
	if got, want := runSummary(x), "2 alertas guardadas en la bandeja de salida (sin SMTP)"; got != want {
		t.Errorf("Inicio's summary = %q, want %q", got, want)
	}
}

func TestADigestSentBySMTPIsCalledSent(t *testing.T) {
	// given a run whose digest the SMTP server accepted
	env := newTestEnv(t)
	x := app.Execution{TriggerName: "Reporte", State: app.StateSucceeded, Alerts: 1, Notified: 1,
		Recipients: []string{"a@ejemplo.com", "b@ejemplo.com"}, MailRoute: app.MailRouteSMTP}

	// when its notification and summary are written
	n := env.u.notification(app.Event{Kind: app.EventRunFinished, Execution: x, Delivery: app.Delivery{Sent: true}})

	// then they say it was sent, to how many
	if want := "Reporte: 1 alerta enviada a 2 destinatarios"; n == nil || n.Content != want {
		t.Errorf("notification = %+v, want %q", n, want)
	}
	if got, want := runSummary(x), "1 alerta enviada a 2 destinatarios"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}
