package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"vigia/app"
	"vigia/notify"
	"vigia/notify/smtptest"
)

// refusedProblem is what notify tells of a server that refuses the
// recipient (550): a real SMTP session's failure, as a run keeps it.
func refusedProblem(t *testing.T) (app.Message, string) {
	t.Helper()
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageRcpt, Code: 550, Message: "no such user"}}})
	cfg := notify.Config{Host: srv.Host(), Port: srv.Port(), From: "vigia@ejemplo.com", TLS: notify.TLSNone}
	_, err := notify.SendTestMessage(context.Background(), cfg, "conta@ejemplo.com")
	if err == nil {
		t.Fatal("the server accepted the message")
	}
	return app.ProblemOf(err), srv.Addr()
}

// recordRun writes a finished run of trigger tr with problem, as the core
// finalises one.
func recordRun(t *testing.T, env *testEnv, tr app.Trigger, state app.RunState, problem app.Message) app.Execution {
	t.Helper()
	now := env.clock.Now()
	e, err := env.store.ClaimExecution(context.Background(), app.Execution{TriggerID: tr.ID, TriggerName: tr.Name,
		ScheduledFor: now, StartedAt: now, State: app.StateRunning, Origin: app.OriginManual, Instance: "otro"})
	if err != nil {
		t.Fatal(err)
	}
	e.State, e.FinishedAt, e.Attempts, e.Problem = state, now, 1, &problem
	if err := env.store.FinishExecution(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestARunsReasonReadsInTheChosenLanguage(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	refused, addr := refusedProblem(t)
	cases := []struct {
		lang                         string
		refused, interrupted, closed string
		failedState                  string
	}{
		{LangSpanish,
			"envío SMTP a " + addr + ": el servidor rechazó destinatarios (550): ",
			"Envío interrumpido por el cierre de Vigía: envío SMTP a " + addr + ": el servidor rechazó destinatarios (550): ",
			"Vigía se cerró durante la ejecución; no se reenvía automáticamente para no duplicar el correo.",
			"Falló: "},
		{LangEnglish,
			"SMTP send to " + addr + ": the server refused recipients (550): ",
			"Sending interrupted because Vigía was closing: SMTP send to " + addr + ": the server refused recipients (550): ",
			"Vigía closed during the run; it is not sent again automatically, so the e-mail is not duplicated.",
			"Failed: "},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			// given the interface in the chosen language, and three runs in the
			// history: refused by the SMTP server, interrupted by Vigía's stop
			// while sending, and left running by a Vigía that closed
			env := newTestEnv(t)
			if err := UseLanguage(c.lang); err != nil {
				t.Fatal(err)
			}
			closedTr := env.createTrigger(histDraft("Cerrado", nil))
			stopped := env.createTrigger(histDraft("Detenido", nil))
			failing := env.createTrigger(histDraft("Rechazado", nil))
			ctx := context.Background()
			_, err := env.store.ClaimExecution(ctx, app.Execution{TriggerID: closedTr.ID, TriggerName: closedTr.Name,
				ScheduledFor: env.clock.Now(), StartedAt: env.clock.Now(), State: app.StateRunning, Origin: app.OriginManual, Instance: "muerto"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := env.store.InterruptRunning(ctx, env.clock.Now(), app.Msg(app.CodeRunCrashed, nil), env.svc.Instance()); err != nil {
				t.Fatal(err)
			}
			recordRun(t, env, stopped, app.StateInterrupted, app.Msg(app.CodeRunInterrupted, app.Args{"Cause": refused}))
			failed := recordRun(t, env, failing, app.StateFailed, refused)

			// when Inicio shows the last runs
			env.u.home.refresh()

			// then each reason reads in that language
			reasons := map[string]string{}
			for _, row := range histTable(env.u.home.lastTable) {
				reasons[row[2]] = row[3]
			}
			if !strings.HasPrefix(reasons["Rechazado"], c.refused) || !strings.HasPrefix(reasons["Detenido"], c.interrupted) ||
				reasons["Cerrado"] != c.closed {
				t.Errorf("Inicio's last runs read %q", reasons)
			}
			banners := strings.Join(histLabels(env.u.home.banners), "|")
			if !strings.Contains(banners, c.refused) {
				t.Errorf("Inicio's failure card reads %q, want %q", banners, c.refused)
			}

			// and the Triggers tab's state and the notification too
			tab := trgShow(env)
			tab.refresh()
			if got := trgStatus(trgRow(t, tab, "Rechazado")); !strings.HasPrefix(got, c.failedState+c.refused) {
				t.Errorf("Triggers state %q, want %q…", got, c.failedState+c.refused)
			}
			n := env.u.notification(app.Event{Kind: app.EventRunFinished, Execution: failed})
			if n == nil || !strings.HasPrefix(n.Content, c.refused) {
				t.Errorf("notification %+v, want %q…", n, c.refused)
			}

			// when the history shows the detail of the refused run
			env.u.tabs.SelectIndex(tabIndexHistory)
			env.u.history.refresh()
			row := -1
			for i, r := range histTable(env.u.history.table) {
				if r[histColTrigger] == "Rechazado" {
					row = i
				}
			}
			if row < 0 {
				t.Fatal("the refused run is not in the history")
			}
			env.u.history.table.Select(widget.TableCellID{Row: row, Col: histColTrigger})

			// then its full reason reads in that language, and copies as shown
			top := env.u.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no detail dialog")
			}
			var shown string
			for _, l := range histLabels(top) {
				if strings.HasPrefix(l, c.refused) {
					shown = l
				}
			}
			if shown == "" || !strings.Contains(shown, "no such user") {
				t.Fatalf("detail labels %q, want the reason %q… with the server's reply", histLabels(top), c.refused)
			}
			histButton(t, top, T("historial.detalle.copiar")).OnTapped()
			if got := env.fyne.Clipboard().Content(); got != shown {
				t.Errorf("clipboard %q, want %q", got, shown)
			}
		})
	}
}
