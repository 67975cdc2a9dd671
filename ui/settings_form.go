package ui

import (
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"vigia/app"
)

// The Configuración form's state: filled from the settings, read back as
// settings, and whether it was edited since.

// load fills the form from s, with the environment's values read-only.
func (t *settingsTab) load(s app.Settings) {
	t.loading = true
	defer func() {
		t.loading = false
		t.pristine = t.values()
		t.filled = true
		t.updateButtons()
	}()
	t.loaded = s
	t.loadMail(s)

	recipients := s.DefaultRecipients
	if v, ok := s.FromEnv[envRecipients]; ok {
		recipients = settingsRecipients(v)
	}
	t.recipients.SetText(strings.Join(recipients, "\n"))
	t.mail.prefill(recipients)

	t.zone = settingsValue(s, envZone, s.Zone)
	t.zoneFilter.SetText("")
	t.onZoneFilter("")
	t.showZone()

	t.language.SetSelectedIndex(max(slices.Index(settingsLanguages, s.Language), 0))
	t.notifySuccess.SetChecked(s.NotifySuccess)
	t.closeToTray.SetChecked(s.CloseToTray)

	t.loadHorizon()
	t.applyEnv(s.FromEnv)
	t.hideErrors()
}

// settingsValue is the environment's value of the variable name when it
// sets one, else the stored one.
func settingsValue(s app.Settings, name, stored string) string {
	if v, ok := s.FromEnv[name]; ok {
		return v
	}
	return stored
}

// loadMail fills the SMTP section from s.
func (t *settingsTab) loadMail(s app.Settings) {
	env := func(name, stored string) string { return settingsValue(s, name, stored) }
	t.mailMode.SetText(T("config.modo_correo", map[string]any{"Modo": TM(s.MailMode)}))
	if s.MailMode.Code == "" {
		t.mailMode.Hide()
	} else {
		t.mailMode.Show()
	}
	t.host.SetText(env(envHost, s.SMTPHost))
	t.port.SetText(env(envPort, s.SMTPPort))
	if i := slices.Index(settingsTLSModes, strings.ToLower(strings.TrimSpace(env(envTLS, s.SMTPTLS)))); i >= 0 {
		t.tls.SetSelectedIndex(i)
	} else {
		t.tls.ClearSelected()
	}
	t.user.SetText(env(envUser, s.SMTPUser))
	t.from.SetText(env(envFrom, s.SMTPFrom))

	// The stored password never comes back: the entry starts empty and says
	// whether one is kept.
	t.password.SetText("")
	t.password.PlaceHolder = ""
	if s.PasswordStored {
		t.password.PlaceHolder = T("config.contrasena.guardada")
	}
	t.password.Refresh()
	t.clearPassword.SetChecked(false)
}

// applyEnv makes the fields the environment sets read-only, each with its note.
func (t *settingsTab) applyEnv(fromEnv map[string]string) {
	widgets := map[string][]fyne.Disableable{
		envHost:       {t.host},
		envPort:       {t.port},
		envTLS:        {t.tls},
		envUser:       {t.user},
		envPassword:   {t.password, t.clearPassword},
		envFrom:       {t.from},
		envRecipients: {t.recipients},
		envZone:       {t.zoneFilter},
	}
	for name, ws := range widgets {
		_, set := fromEnv[name]
		for _, w := range ws {
			if set {
				w.Disable()
			} else {
				w.Enable()
			}
		}
		if set {
			t.notes[name].Show()
		} else {
			t.notes[name].Hide()
		}
	}
	if _, set := fromEnv[envZone]; set {
		t.zoneListBox.Hide()
	} else {
		t.zoneListBox.Show()
	}
	if !t.loaded.PasswordStored {
		t.clearPassword.Disable()
	}
}

// values is the form as Settings to save or to test with.
func (t *settingsTab) values() app.Settings {
	s := app.Settings{
		SMTPHost:          strings.TrimSpace(t.host.Text),
		SMTPPort:          strings.TrimSpace(t.port.Text),
		SMTPUser:          strings.TrimSpace(t.user.Text),
		SMTPFrom:          strings.TrimSpace(t.from.Text),
		SMTPPassword:      t.password.Text, // verbatim: blanks may belong to it
		ClearPassword:     t.clearPassword.Checked,
		DefaultRecipients: settingsRecipients(t.recipients.Text),
		Zone:              t.zone,
		NotifySuccess:     t.notifySuccess.Checked,
		CloseToTray:       t.closeToTray.Checked,
	}
	if i := t.tls.SelectedIndex(); i >= 0 {
		s.SMTPTLS = settingsTLSModes[i]
	}
	if i := t.language.SelectedIndex(); i >= 0 {
		s.Language = settingsLanguages[i]
	}
	return s
}

// changed reports whether the form differs from what was loaded.
func (t *settingsTab) changed() bool {
	return !reflect.DeepEqual(t.values(), t.pristine) || t.horizonEdited()
}

// updateButtons enables Guardar for a changed form whose recipients are
// valid, and Descartar for a changed one.
func (t *settingsTab) updateButtons() {
	changed := t.changed()
	if changed && settingsRecipientsProblem(t.recipients.Text) == "" {
		t.save.Enable()
	} else {
		t.save.Disable()
	}
	if changed {
		t.discard.Enable()
	} else {
		t.discard.Disable()
	}
}

// onEdited follows every edit of the form.
func (t *settingsTab) onEdited() {
	if t.loading {
		return
	}
	t.status.Hide()
	t.updateButtons()
}

func (t *settingsTab) onClearPassword(clear bool) {
	if clear {
		t.password.SetText("")
		t.password.Disable()
	} else if _, env := t.loaded.FromEnv[envPassword]; !env {
		t.password.Enable()
	}
	t.onEdited()
}
