package ui

import (
	"context"
	"testing"

	"vigia/app"
)

// changedElsewhere stores s as another PC would, tells the service the
// settings changed (as the database's notice does), and runs the UI's
// handling of it.
func (e *testEnv) changedElsewhere(s app.Settings) {
	e.t.Helper()
	e.settings.mu.Lock()
	e.settings.s = s
	e.settings.mu.Unlock()
	e.svc.ChangedElsewhere(app.ChangeSettings)
	e.waitFor(func(ev app.Event) bool { return ev.Kind == app.EventSettingsChanged })
}

func TestSettingsSavedOnAnotherPCTakeEffectHere(t *testing.T) {
	// given the interface in Spanish, and a company created without an
	// event (as through the API)
	env := newTestEnv(t)
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	name := "Empresa de otro equipo"
	c, err := env.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: &name})
	if err != nil {
		t.Fatal(err)
	}

	// when another PC saves English, no notifications of success and a mail server
	env.changedElsewhere(app.Settings{Zone: "America/Bogota", Language: LangEnglish, NotifySuccess: false, SMTPHost: "smtp.oficina.com"})

	// then the window speaks English, the preferences are this PC's too,
	// and the rebuilt tabs show what they read anew
	if got := env.u.tabs.Items[0].Text; got != "Home" {
		t.Errorf("first tab = %q, want Home", got)
	}
	if env.u.prefs.NotifySuccess || env.u.prefs.SMTPHost != "smtp.oficina.com" {
		t.Errorf("prefs = %+v, want the other PC's", env.u.prefs)
	}
	if env.u.settings.host.Text != "smtp.oficina.com" {
		t.Errorf("Configuración shows host %q", env.u.settings.host.Text)
	}
	if _, ok := env.u.alerts.names[c.ID]; !ok {
		t.Errorf("Alertas does not list %q", name)
	}
}

func TestSettingsSavedOnAnotherPCLeaveAFormBeingEditedAndItsLanguage(t *testing.T) {
	// given a host typed but not saved, in Spanish, and a company created
	// without an event
	env := newTestEnv(t)
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	tab := env.u.settings
	settingsRetype(tab.host, "escrito.ejemplo.com")
	name := "Empresa de otro equipo"
	c, err := env.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: &name})
	if err != nil {
		t.Fatal(err)
	}

	// when another PC saves English and another host
	env.changedElsewhere(app.Settings{Zone: "America/Bogota", Language: LangEnglish, NotifySuccess: true, SMTPHost: "otro.ejemplo.com"})

	// then the form was not rebuilt under the user: their edit and the
	// language stay; the other PC's mail server is in effect for Inicio
	if env.u.settings != tab || tab.host.Text != "escrito.ejemplo.com" || tab.save.Disabled() {
		t.Errorf("form rebuilt %v, host %q, Guardar disabled %v", env.u.settings != tab, tab.host.Text, tab.save.Disabled())
	}
	if got := env.u.tabs.Items[0].Text; got != "Inicio" {
		t.Errorf("first tab = %q, want Inicio", got)
	}
	if env.u.prefs.SMTPHost != "otro.ejemplo.com" {
		t.Errorf("prefs' host %q, want the other PC's", env.u.prefs.SMTPHost)
	}
	// and the alerts are read again (their escalation thresholds are settings)
	if _, ok := env.u.alerts.names[c.ID]; !ok {
		t.Errorf("Alertas does not list %q", name)
	}
}
