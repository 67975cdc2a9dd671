package app_test

import (
	"context"
	"fmt"
	"testing"

	"vigia/app"
	"vigia/notify"
)

// escalatingOffice is eleven companies, on 2025-12-08 (the world's day,
// thresholds 1, 3 and 7 days), with alerts the escalation raises into the
// trigger's priorities (CRITICA and ALTA) or keeps out of them, a resolved
// one, and an inactive company's; it returns the trigger.
func escalatingOffice(t *testing.T, w *world) app.Trigger {
	t.Helper()
	ctx := context.Background()
	for i := range 10 {
		c := w.company(t, fmt.Sprintf("Empresa %c", 'J'-i)) // names against creation order
		if i%2 == 0 {                                       // the others' most urgent alert is ALTA: they come after
			w.dueAlert(t, c, "Baja que vence mañana", "BAJA", "2025-12-09") // → CRITICA
		}
		w.dueAlert(t, c, "Baja que vence en 3 días", "BAJA", "2025-12-11") // → ALTA
		w.dueAlert(t, c, "Media que vence en 6 días", "MEDIA", "2025-12-14")
		for range i % 3 {
			w.alert(t, c, "Alta sin fecha", "ALTA")
		}
		if i%4 == 0 {
			w.dueAlert(t, c, "Crítica vencida", "CRITICA", "2025-11-30")
		}
		if i%2 == 1 {
			a := w.alert(t, c, "Crítica resuelta", "CRITICA")
			if _, err := w.svc.ResolveAlert(ctx, a.ID, "hecho"); err != nil {
				t.Fatal(err)
			}
		}
	}
	idle := w.company(t, "Empresa inactiva")
	w.alert(t, idle, "Crítica de una inactiva", "CRITICA")
	if _, err := w.svc.UpdateCompany(ctx, idle.ID, app.CompanyDraft{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	return w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA", "ALTA")
}

func TestPreviewHeadIsTheWholeDigestsHeadWithItsTotals(t *testing.T) {
	// given an office whose alerts escalate into and out of the trigger's priorities
	w := newWorld(t, withRenderer())
	ctx := context.Background()
	tr := escalatingOffice(t, w)
	whole, err := w.svc.PreviewDigest(ctx, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	groups, err := w.svc.OpenAlertsByCompany(ctx, tr.Priorities)
	if err != nil {
		t.Fatal(err)
	}
	digest := app.NewDigest(app.Execution{TriggerID: tr.ID, TriggerName: tr.Name, Origin: app.OriginManual},
		tr, whole.Recipients, groups, whole.GeneratedAt)
	critical := digest.CountByPriority(app.PriorityCritical)
	if whole.Companies != 10 || whole.TotalAlerts != 27 || critical != 8 {
		t.Fatalf("the office's digest has %d companies, %d alerts, %d critical; want 10, 27, 8",
			whole.Companies, whole.TotalAlerts, critical)
	}

	for n := 1; n <= whole.TotalAlerts+1; n++ {
		// when its preview is cut to n alerts
		p, err := w.svc.PreviewDigestHead(ctx, tr.ID, n, 0)
		if err != nil {
			t.Fatal(err)
		}

		// then its counts and subject are the whole digest's, and its bodies
		// are the whole digest's head of n alerts
		if p.Companies != whole.Companies || p.TotalAlerts != whole.TotalAlerts || p.Subject != whole.Subject {
			t.Errorf("head of %d: %d companies, %d alerts, %q; want %d, %d, %q",
				n, p.Companies, p.TotalAlerts, p.Subject, whole.Companies, whole.TotalAlerts, whole.Subject)
		}
		head := digest.Head(n)
		_, html, text, err := notify.Renderer{}.RenderDigest(head)
		if err != nil {
			t.Fatal(err)
		}
		if p.Text != text || p.HTML != html || p.ShownAlerts != head.TotalAlerts() || p.ShownCompanies != len(head.Companies) {
			t.Errorf("head of %d shows %d alerts of %d companies, want %d of %d; same text: %v, same HTML: %v",
				n, p.ShownAlerts, p.ShownCompanies, head.TotalAlerts(), len(head.Companies), p.Text == text, p.HTML == html)
		}
	}
}
