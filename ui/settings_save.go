package ui

import (
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// Guardar and Descartar of Configuración, and the messages they leave on the form.

// onDiscard puts the loaded settings back in the form.
func (t *settingsTab) onDiscard() {
	t.load(t.loaded)
	t.status.Hide()
}

// onSave validates and stores the form; a rejected field gets its message
// under it and nothing else changes.
func (t *settingsTab) onSave() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	t.hideErrors()
	months, horizonEdited, ok := t.horizonTyped()
	if !ok {
		return
	}
	saved, err := t.u.deps.Settings.SaveSettings(ctx, t.values())
	var invalid *app.ValidationError
	switch {
	case errors.As(err, &invalid):
		t.showFieldErrors(fieldTexts(invalid))
		return
	case err != nil:
		t.u.logError("guardar la configuración", err)
		t.setStatus(T("config.error_guardar", map[string]any{"Error": err.Error()}), widget.DangerImportance)
		return
	}
	t.load(saved)
	if horizonEdited {
		t.saveHorizon(months)
	}
	t.u.settingsSaved(saved)
	// settingsSaved rebuilds every tab when the language changed: tell the one on screen.
	t.u.settings.setStatus(T("config.guardada"), widget.SuccessImportance)
}

// showFieldErrors puts each message under its field; messages about no
// field of this form go to the status line.
func (t *settingsTab) showFieldErrors(fields map[string]string) {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var other []string
	for _, k := range keys {
		if _, ok := t.errs[k]; ok {
			t.setFieldError(k, fields[k])
		} else {
			other = append(other, fields[k])
		}
	}
	msg := T("config.revise")
	if len(other) > 0 {
		msg += "\n" + strings.Join(other, "\n")
	}
	t.setStatus(msg, widget.DangerImportance)
}

func (t *settingsTab) setFieldError(key, msg string) {
	l := t.errs[key]
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func (t *settingsTab) hideErrors() {
	for k := range t.errs {
		t.setFieldError(k, "")
	}
}

// setStatus shows msg next to Guardar.
func (t *settingsTab) setStatus(msg string, imp widget.Importance) {
	t.status.Importance = imp
	t.status.SetText(msg)
	t.status.Show()
}
