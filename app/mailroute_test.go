package app_test

import (
	"context"
	"path/filepath"
	"testing"

	"vigia/app"
	"vigia/notify"
	"vigia/notify/smtptest"
)

func TestTheHistoryRecordsHowTheDigestLeft(t *testing.T) {
	for _, tc := range []struct {
		name   string
		outbox bool // no SMTP: digests are saved to files
		fault  bool // the server refuses the recipient
		want   app.MailRoute
		state  app.RunState
	}{
		{"sent by SMTP", false, false, app.MailRouteSMTP, app.StateSucceeded},
		{"saved to the outbox", true, false, app.MailRouteOutbox, app.StateSucceeded},
		{"refused by the server", false, true, app.MailRouteNone, app.StateFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// given an alert, a trigger, and mail through a server or the outbox
			var opts []worldOption
			if tc.outbox {
				opts = append(opts, withMailer(notify.NewOutbox(filepath.Join(t.TempDir(), "bandeja"), "")))
			}
			w := newWorld(t, opts...)
			if tc.fault {
				w.smtp.Inject(smtptest.Fault{Stage: smtptest.StageRcpt, Code: 550, Message: "no existe", Rcpt: "conta@ejemplo.com"})
			}
			w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
			tr := w.trigger(t, "Diario", []string{"conta@ejemplo.com"}, "CRITICA")

			// when it runs
			if _, err := w.svc.RunNow(context.Background(), tr.ID); err != nil {
				t.Fatal(err)
			}
			ev := w.waitRun(t)

			// then the event and the stored row say how the digest left
			if ev.Execution.State != tc.state || ev.Execution.MailRoute != tc.want {
				t.Fatalf("run = %s via %q (%v), want %s via %q", ev.Execution.State, ev.Execution.MailRoute, ev.Execution.Problem, tc.state, tc.want)
			}
			stored, err := w.svc.Execution(context.Background(), ev.Execution.ID)
			if err != nil || stored.MailRoute != tc.want {
				t.Errorf("stored route = %q, %v; want %q", stored.MailRoute, err, tc.want)
			}
		})
	}
}
