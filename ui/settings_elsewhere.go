package ui

import "reflect"

// settingsChangedElsewhere applies settings another PC saved on the office's
// database (app.EventSettingsChanged): the language (the interface is
// rebuilt in it), closing to the tray, the notifications and the mail mode
// Inicio shows, and the Configuración form unless the user is editing it.
// While they edit it the language stays, so the rebuild does not take their
// edits away. The alerts are read again: their escalation thresholds are
// settings too.
func (u *UI) settingsChangedElsewhere() {
	ctx, cancel := u.ctx()
	defer cancel()
	s, err := u.deps.Settings.Settings(ctx)
	if err != nil {
		u.logError("leer la configuración cambiada en otro equipo", err)
		return
	}
	if u.settings.filled && u.settings.changed() {
		s.Language = u.prefs.Language
	}
	if !reflect.DeepEqual(s, u.prefs) {
		lang := u.language()
		u.settingsSaved(s)
		if u.language() != lang {
			return // rebuilt: every tab was read anew
		}
		u.settings.refresh()
	}
	u.alerts.refresh()
}
