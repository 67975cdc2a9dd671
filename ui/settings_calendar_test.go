package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestSettingsSavesTheCalendarHorizonWithTheCoresValidation(t *testing.T) {
	// given Configuración, with the default horizon
	env := newTestEnv(t)
	env.u.tabs.SelectIndex(tabIndexSettings)
	tab := env.u.settings
	if tab.horizon.Text != "12" || !tab.save.Disabled() {
		t.Fatalf("horizon %q, save enabled %v", tab.horizon.Text, !tab.save.Disabled())
	}

	// when something that is no number is typed and saved
	tab.horizon.SetText("doce")
	test.Tap(tab.save)

	// then the field says how to write it, and nothing is saved
	if got := tab.errs[fieldHorizon].Text; got != "Escriba el horizonte como un número entero de meses, por ejemplo 12." {
		t.Errorf("message %q", got)
	}
	if env.settings.saves != 0 {
		t.Errorf("%d saves", env.settings.saves)
	}

	// when a number out of range is saved, then the core's refusal is under the field
	tab.horizon.SetText("30")
	test.Tap(tab.save)
	untilUI(t, env, func() bool { return !tab.horizonSaving })
	if got := tab.errs[fieldHorizon].Text; !strings.HasPrefix(got, "Horizonte inválido 30") {
		t.Errorf("message %q", got)
	}
	if months, _ := env.svc.CalendarHorizon(context.Background()); months != 12 {
		t.Errorf("horizon stored %d", months)
	}

	// when 6 is saved
	tab.horizon.SetText("6")
	test.Tap(tab.save)
	untilUI(t, env, func() bool { return !tab.horizonSaving })

	// then the core holds it, the form is saved and says so
	if months, _ := env.svc.CalendarHorizon(context.Background()); months != 6 {
		t.Errorf("horizon stored %d", months)
	}
	if got := tab.status.Text; !strings.HasPrefix(got, "Configuración guardada: alertas del calendario hasta 6 meses adelante.") {
		t.Errorf("status %q", got)
	}
	if tab.errs[fieldHorizon].Visible() || !tab.save.Disabled() {
		t.Errorf("error shown %v, save enabled %v", tab.errs[fieldHorizon].Visible(), !tab.save.Disabled())
	}
}
