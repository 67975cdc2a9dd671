package ui

import (
	"context"
	"errors"

	"vigia/app"
)

// The demo data: offered to a new user (no companies, no triggers) on the
// Alertas tab's empty state and its toolbar.

// updateDemo offers the demo data while the database has no companies and no triggers.
func (t *alertsTab) updateDemo(noCompanies bool) {
	ok := noCompanies
	if ok {
		ctx, cancel := t.u.ctx()
		defer cancel()
		trs, err := t.u.svc.Triggers(ctx)
		ok = err == nil && len(trs) == 0
	}
	toggleEnabled(t.demoButton, ok)
	toggleVisible(t.demoOnboard, ok)
}

// onDemo loads the example data in the background and says what was loaded.
func (t *alertsTab) onDemo() {
	t.demoButton.Disable()
	t.demoOnboard.Disable()
	t.u.background(uiTimeout, func(ctx context.Context) func() {
		sum, err := t.u.svc.LoadDemo(ctx)
		return func() { t.demoLoaded(sum, err) }
	})
}

func (t *alertsTab) demoLoaded(sum app.DemoSummary, err error) {
	t.demoOnboard.Enable()
	t.refresh()
	switch {
	case errors.Is(err, app.ErrNotEmpty):
		t.u.showInformation(T("alertas.demo"), T("alertas.demo.no_vacia"))
	case err != nil:
		t.u.showError(err)
	default:
		t.u.showInformation(T("alertas.demo"), T("alertas.demo.cargada", map[string]any{
			"Empresas": sum.Companies, "Alertas": sum.Alerts, "Triggers": sum.Triggers}))
	}
}
