package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"vigia/app"
	"vigia/notify"
)

// withRenderer gives the Service notify's renderer, as main does.
func withRenderer() worldOption {
	return func(c *worldConfig) { c.app.Renderer = notify.Renderer{} }
}

// dueAlert creates an open alert due on due (YYYY-MM-DD).
func (w *world) dueAlert(t *testing.T, company app.Company, title, priority, due string) {
	t.Helper()
	if _, err := w.svc.CreateAlert(context.Background(), app.AlertDraft{
		CompanyID: &company.ID, Title: ptr(title), Priority: ptr(priority), DueOn: ptr(due),
	}); err != nil {
		t.Fatalf("create alert %s: %v", title, err)
	}
}

// accountantsWeek is three companies, created so that their names' order is
// not their urgency's: on Monday 8 December 2025, Zeta has an overdue critical
// alert, Mora a high one due on Wednesday, Andes a medium one due next Monday.
func accountantsWeek(t *testing.T, w *world) app.Trigger {
	t.Helper()
	andes, mora, zeta := w.company(t, "Andes Ltda."), w.company(t, "Mora S.A.S."), w.company(t, "Zeta & Cía.")
	w.dueAlert(t, andes, "Renovar matrícula mercantil", "MEDIA", "2025-12-15")
	w.dueAlert(t, mora, "Retención en la fuente", "ALTA", "2025-12-10")
	w.dueAlert(t, zeta, "Declaración de IVA", "CRITICA", "2025-12-05")
	w.alert(t, zeta, "Conciliación bancaria", "BAJA")
	return w.trigger(t, "Notificación Diaria", []string{"admin@ejemplo.com", "gerente@ejemplo.com"}, "CRITICA", "ALTA", "MEDIA")
}

func TestSendTestDeliversTheDigestOnlyToTheGivenAddressAndRecordsItAsPrueba(t *testing.T) {
	// given
	w := newWorld(t, withRenderer())
	ctx := context.Background()
	tr := accountantsWeek(t, w)

	// when a test is sent to one address
	row, err := w.svc.SendTest(ctx, tr.ID, " contadora@ejemplo.com ")
	if err != nil {
		t.Fatalf("SendTest: %v", err)
	}
	w.waitRun(t)

	// then exactly one mail reached that address only, with the companies by
	// urgency and their due dates relative to today
	msgs := w.smtp.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "contadora@ejemplo.com" {
		t.Fatalf("messages = %+v, want one to contadora@ejemplo.com", msgs)
	}
	mail, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	for part, body := range map[string]string{"HTML": mail.HTML, "text": crlf(mail.Text)} {
		assertInOrder(t, part, body,
			"Zeta", "Declaración de IVA", "vencida hace 3 días (viernes 5 de diciembre)",
			"Mora S.A.S.", "Retención en la fuente", "vence en 2 días (miércoles 10 de diciembre)",
			"Andes Ltda.", "Renovar matrícula mercantil", "vence en 7 días (lunes 15 de diciembre)")
	}
	if strings.Contains(mail.Text, "Conciliación") {
		t.Error("the digest includes an alert outside the trigger's priorities")
	}
	if want := "[Vigía] Notificación Diaria: 3 alertas (1 crítica)"; mail.Subject != want {
		t.Errorf("subject %q, want %q", mail.Subject, want)
	}
	got, err := w.svc.Execution(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if row.Origin != app.OriginTest || got.Origin != app.OriginTest || got.State != app.StateSucceeded ||
		got.Alerts != 3 || got.Companies != 3 || len(got.Recipients) != 1 || got.Recipients[0] != "contadora@ejemplo.com" {
		t.Errorf("history row = %+v, want exitoso, prueba, 3 alerts of 3 companies to contadora@ejemplo.com", got)
	}
}

func TestPreviewIsWhatARunThenSends(t *testing.T) {
	// given
	w := newWorld(t, withRenderer())
	ctx := context.Background()
	tr := accountantsWeek(t, w)

	// when the trigger is previewed, then run, at the same instant
	p, err := w.svc.PreviewDigest(ctx, tr.ID)
	if err != nil {
		t.Fatalf("PreviewDigest: %v", err)
	}
	if _, err := w.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	w.waitRun(t)

	// then the mail has the preview's subject, recipients and text
	msgs := w.smtp.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	mail, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if mail.Subject != p.Subject {
		t.Errorf("sent subject %q, previewed %q", mail.Subject, p.Subject)
	}
	if got := crlf(mail.Text); got != p.Text {
		t.Errorf("sent text differs from the preview.\nsent:\n%s\npreview:\n%s", got, p.Text)
	}
	if !strings.Contains(mail.HTML, "Zeta &amp; Cía.") || !strings.Contains(p.HTML, "Zeta &amp; Cía.") {
		t.Error("HTML parts lack the escaped company name")
	}
	if strings.Join(msgs[0].To, ",") != strings.Join(p.Recipients, ",") || len(p.Recipients) != 2 {
		t.Errorf("sent to %v, previewed %v", msgs[0].To, p.Recipients)
	}
	if p.Companies != 3 || p.TotalAlerts != 3 || p.TriggerName != "Notificación Diaria" {
		t.Errorf("preview = %d companies, %d alerts, %q", p.Companies, p.TotalAlerts, p.TriggerName)
	}
}

func TestPreviewSendsAndRecordsNothing(t *testing.T) {
	// given
	w := newWorld(t, withRenderer())
	ctx := context.Background()
	tr := accountantsWeek(t, w)

	// when
	if _, err := w.svc.PreviewDigest(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}

	// then
	page, err := w.svc.Executions(ctx, app.ExecutionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 0 || len(w.smtp.Messages()) != 0 {
		t.Errorf("preview left %d history rows and %d mails", page.Total, len(w.smtp.Messages()))
	}
}

func TestPreviewOfATriggerWithoutRecipientsUsesTheDefaults(t *testing.T) {
	// given a trigger that names nobody
	w := newWorld(t, withRenderer(), withDefaults("oficina@ejemplo.com"))
	tr := w.trigger(t, "Semanal", nil, "CRITICA")

	// when
	p, err := w.svc.PreviewDigest(context.Background(), tr.ID)

	// then
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Recipients) != 1 || p.Recipients[0] != "oficina@ejemplo.com" {
		t.Errorf("recipients %v", p.Recipients)
	}
	if p.Subject != "[Vigía] Semanal: 0 alertas (0 críticas)" || !strings.Contains(p.Text, "No hay alertas abiertas con la prioridad CRITICA.") {
		t.Errorf("empty preview: %q\n%s", p.Subject, p.Text)
	}
}

func TestPreviewAndTestOfAnUnknownTriggerAreNotFound(t *testing.T) {
	// given
	w := newWorld(t, withRenderer())
	ctx := context.Background()

	// when
	_, previewErr := w.svc.PreviewDigest(ctx, 99)
	_, testErr := w.svc.SendTest(ctx, 99, "a@ejemplo.com")

	// then
	if !errors.Is(previewErr, app.ErrNotFound) || !errors.Is(testErr, app.ErrNotFound) {
		t.Errorf("errors = %v, %v; want ErrNotFound", previewErr, testErr)
	}
}

func TestPreviewWithoutARendererSaysSo(t *testing.T) {
	// given a Service built without Config.Renderer
	w := newWorld(t)
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")

	// when
	_, err := w.svc.PreviewDigest(context.Background(), tr.ID)

	// then
	if !errors.Is(err, app.ErrNoRenderer) {
		t.Errorf("err = %v, want ErrNoRenderer", err)
	}
}

func TestSendTestRefusesABadAddressBeforeDoingAnything(t *testing.T) {
	for name, address := range map[string]string{
		"empty": "", "blank": "   ", "no at sign": "no-es-correo", "display name": "Ana <ana@ejemplo.com>",
		"two at signs": "a@b@c.com", "undotted domain": "a@localhost",
	} {
		t.Run(name, func(t *testing.T) {
			// given
			w := newWorld(t, withRenderer())
			tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")

			// when
			_, err := w.svc.SendTest(context.Background(), tr.ID, address)

			// then
			var verr *app.ValidationError
			if !errors.As(err, &verr) || verr.Problems["destinatario"].Code == "" {
				t.Fatalf("err = %v, want a validation error on destinatario", err)
			}
			page, err := w.svc.Executions(context.Background(), app.ExecutionFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != 0 {
				t.Errorf("%d history rows, want none", page.Total)
			}
		})
	}
}

func TestSendTestOfAnInactiveTriggerWithoutAlertsStillSends(t *testing.T) {
	// given an inactive trigger that does not send empty digests, and nothing open
	w := newWorld(t, withRenderer())
	ctx := context.Background()
	tr, err := w.svc.CreateTrigger(ctx, app.TriggerDraft{
		Name: ptr("Pausado"), Frequency: ptr("diaria"), Time: ptr("08:00"),
		Recipients: ptr([]string{"a@ejemplo.com"}), Priorities: ptr([]string{"CRITICA"}), Active: ptr(false),
	})
	if err != nil {
		t.Fatal(err)
	}

	// when
	row, err := w.svc.SendTest(ctx, tr.ID, "prueba@ejemplo.com")
	if err != nil {
		t.Fatal(err)
	}
	w.waitRun(t)

	// then the user sees the mail they asked for
	msgs := w.smtp.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "prueba@ejemplo.com" {
		t.Fatalf("messages = %+v", msgs)
	}
	got, err := w.svc.Execution(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != app.StateSucceeded || got.Origin != app.OriginTest {
		t.Errorf("row = %+v", got)
	}
}

func TestSendTestWhileTheTriggerRunsIsRefused(t *testing.T) {
	// given a run stuck in the mail server
	m := &blockingMailer{started: make(chan struct{}), release: make(chan struct{})}
	w := newWorld(t, withMailer(m), withRenderer())
	ctx := context.Background()
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	if _, err := w.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	<-m.started

	// when
	_, err := w.svc.SendTest(ctx, tr.ID, "prueba@ejemplo.com")

	// then
	close(m.release)
	w.waitRun(t)
	if !errors.Is(err, app.ErrRunInProgress) {
		t.Errorf("err = %v, want ErrRunInProgress", err)
	}
}

func TestTestRunsAreNotSlots(t *testing.T) {
	// given two tests sent in the same instant
	w := newWorld(t, withRenderer())
	ctx := context.Background()
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")

	// when
	for range 2 {
		if _, err := w.svc.SendTest(ctx, tr.ID, "prueba@ejemplo.com"); err != nil {
			t.Fatal(err)
		}
		w.waitRun(t)
		if w.svc.IsRunning(tr.ID) {
			t.Fatal("the trigger still counts as running after its run-finished event")
		}
	}

	// then both were sent, each with its own Message-ID, and no slot was claimed
	msgs := w.smtp.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	ids := map[string]bool{}
	for _, m := range msgs {
		p, err := m.Parse()
		if err != nil {
			t.Fatal(err)
		}
		ids[p.Header.Get("Message-Id")] = true
	}
	if len(ids) != 2 {
		t.Errorf("Message-IDs %v, want two different ones", ids)
	}
	slots, err := w.store.LastSlots(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := slots[tr.ID]; ok {
		t.Errorf("a test run counted as a slot: %v", slots)
	}
}

// crlf undoes the CRLF line ends of the wire.
func crlf(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

func assertInOrder(t *testing.T, part, body string, wants ...string) {
	t.Helper()
	last := -1
	for _, want := range wants {
		i := strings.Index(body, want)
		if i < 0 {
			t.Errorf("%s part lacks %q", part, want)
			return
		}
		if i < last {
			t.Errorf("%s part has %q out of order", part, want)
		}
		last = i
	}
}
