package app_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"vigia/app"
	"vigia/storage"
)

// alertReadsCounter counts the store's reads of the open alerts: of every
// one (a digest's collection) and of some companies' (a digest's head).
type alertReadsCounter struct {
	*storage.Store
	reads, headReads atomic.Int32
}

func (s *alertReadsCounter) OpenAlerts(ctx context.Context, priorities []app.Priority, day app.EscalationDay) ([]app.CompanyAlerts, error) {
	s.reads.Add(1)
	return s.Store.OpenAlerts(ctx, priorities, day)
}

func (s *alertReadsCounter) OpenAlertsOf(ctx context.Context, companies []int64, priorities []app.Priority, day app.EscalationDay) ([]app.CompanyAlerts, error) {
	s.headReads.Add(1)
	return s.Store.OpenAlertsOf(ctx, companies, priorities, day)
}

func withAlertReadsCounter(out **alertReadsCounter) worldOption {
	return func(c *worldConfig) {
		c.wrap = func(st *storage.Store) app.Store {
			*out = &alertReadsCounter{Store: st}
			return *out
		}
	}
}

func TestPreviewHeadRendersTheFirstAlertsAndCountsTheWholeDigest(t *testing.T) {
	// given three companies with an alert each (Zeta, Mora, Andes by urgency)
	var counter *alertReadsCounter
	w := newWorld(t, withRenderer(), withAlertReadsCounter(&counter))
	ctx := context.Background()
	tr := accountantsWeek(t, w)
	before, headBefore := counter.reads.Load(), counter.headReads.Load()

	// when its preview is cut to two alerts
	p, err := w.svc.PreviewDigestHead(ctx, tr.ID, 2, 0)
	if err != nil {
		t.Fatalf("PreviewDigestHead: %v", err)
	}

	// then the bodies hold the two most urgent companies, the counts and the
	// subject are the whole digest's, and only the head's alerts were read, once
	assertInOrder(t, "text", p.Text, "Zeta", "Declaración de IVA", "Mora S.A.S.", "Retención en la fuente")
	if strings.Contains(p.Text, "Andes") || strings.Contains(p.HTML, "Andes") {
		t.Error("the head shows the third company")
	}
	if p.Companies != 3 || p.TotalAlerts != 3 || p.ShownCompanies != 2 || p.ShownAlerts != 2 {
		t.Errorf("counts %d/%d companies, %d/%d alerts; want 2/3 and 2/3", p.ShownCompanies, p.Companies, p.ShownAlerts, p.TotalAlerts)
	}
	if want := "[Vigía] Notificación Diaria: 3 alertas (1 crítica)"; p.Subject != want {
		t.Errorf("subject %q, want the one a run sends, %q", p.Subject, want)
	}
	if all, head := counter.reads.Load()-before, counter.headReads.Load()-headBefore; all != 0 || head != 1 {
		t.Errorf("one preview read every open alert %d times and the head's %d times; want 0 and 1", all, head)
	}

	// and the whole preview shows them all
	whole, err := w.svc.PreviewDigest(ctx, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if whole.ShownAlerts != 3 || whole.ShownCompanies != 3 || !strings.Contains(whole.Text, "Andes") || whole.Subject != p.Subject {
		t.Errorf("whole preview shows %d alerts of %d companies, subject %q", whole.ShownAlerts, whole.ShownCompanies, whole.Subject)
	}
}

func TestPreviewHeadShrinksWhileItsHTMLIsLongerThanAllowed(t *testing.T) {
	// given eight alerts with the longest details allowed
	w := newWorld(t, withRenderer())
	ctx := context.Background()
	c := w.company(t, "Andes Ltda.")
	for i := range 8 {
		if _, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &c.ID, Title: ptr("Revisión " + string(rune('A'+i))),
			Detail: ptr(strings.Repeat("Soportes del mes. ", 4000/18)), Priority: ptr("ALTA")}); err != nil {
			t.Fatal(err)
		}
	}
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "ALTA")
	whole, err := w.svc.PreviewDigest(ctx, tr.ID)
	if err != nil {
		t.Fatal(err)
	}

	// when the HTML may hold about half of it
	budget := len(whole.HTML) / 2
	p, err := w.svc.PreviewDigestHead(ctx, tr.ID, 100, budget)
	if err != nil {
		t.Fatal(err)
	}

	// then fewer alerts are shown, within the budget, and the counts say how many
	if len(p.HTML) > budget || p.ShownAlerts < 1 || p.ShownAlerts >= 8 || p.TotalAlerts != 8 {
		t.Errorf("%d bytes of HTML (budget %d) showing %d of %d alerts", len(p.HTML), budget, p.ShownAlerts, p.TotalAlerts)
	}
	if got := strings.Count(p.Text, "Revisión "); got != p.ShownAlerts {
		t.Errorf("the text holds %d alerts, the preview says %d", got, p.ShownAlerts)
	}

	// and a budget too small for any alert still shows one
	if p, err = w.svc.PreviewDigestHead(ctx, tr.ID, 100, 100); err != nil || p.ShownAlerts != 1 || p.ShownCompanies != 1 {
		t.Errorf("tiny budget: %d alerts of %d companies, %v", p.ShownAlerts, p.ShownCompanies, err)
	}
}
