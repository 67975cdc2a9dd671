package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// The Configuración tab's tax calendar section: how many months ahead the
// calendar keeps alerts. The core stores it (Service.SetCalendarHorizon),
// apart from the other settings, and regenerates the alerts when it
// changes: Guardar saves it with the rest, the regeneration in the background.

// fieldHorizon keys the horizon's validation message, as the core names it.
const fieldHorizon = "horizonte_meses"

// horizonSection is the section's content.
func (t *settingsTab) horizonSection() fyne.CanvasObject {
	t.horizon = &widget.Entry{OnChanged: func(string) { t.onEdited() }}
	entry := container.NewGridWrap(fyne.NewSize(80, t.horizon.MinSize().Height), t.horizon)
	return container.New(layout.NewFormLayout(),
		settingsTitle(T("calendario.config.horizonte")),
		t.field(fieldHorizon, container.NewVBox(
			container.NewHBox(entry, widget.NewLabel(T("calendario.config.meses"))),
			settingsHint(T("calendario.config.horizonte.ayuda")),
		)),
	)
}

// loadHorizon fills the horizon from the core.
func (t *settingsTab) loadHorizon() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	months, err := t.u.svc.CalendarHorizon(ctx)
	if err != nil {
		t.u.logError("configuración: horizonte del calendario", err)
		months = app.DefaultCalendarHorizon
	}
	t.horizonLoaded = months
	t.horizon.SetText(strconv.Itoa(months))
}

// horizonEdited reports whether the horizon typed differs from the one
// loaded (not while one is being saved).
func (t *settingsTab) horizonEdited() bool {
	return !t.horizonSaving && strings.TrimSpace(t.horizon.Text) != strconv.Itoa(t.horizonLoaded)
}

// horizonTyped is the horizon typed, when it was edited; false when it is
// no whole number (its message is then under the field).
func (t *settingsTab) horizonTyped() (months int, edited, ok bool) {
	if !t.horizonEdited() {
		return 0, false, true
	}
	months, err := strconv.Atoi(strings.TrimSpace(t.horizon.Text))
	if err != nil {
		t.showFieldErrors(map[string]string{fieldHorizon: T("calendario.config.horizonte.numero")})
		return 0, true, false
	}
	return months, true, true
}

// saveHorizon stores months in the background: the core regenerates the
// calendar's alerts for it. The tab on screen then (the window may have
// been rebuilt in another language meanwhile) shows the outcome.
func (t *settingsTab) saveHorizon(months int) {
	t.showHorizonSaving(months)
	t.u.background(calendarLoadTimeout, func(ctx context.Context) func() {
		sync, err := t.u.svc.SetCalendarHorizon(ctx, months)
		return func() { t.u.settings.horizonSaved(months, sync, err) }
	})
}

// showHorizonSaving shows months in the field, not editable until it is saved.
func (t *settingsTab) showHorizonSaving(months int) {
	t.horizonSaving = true
	t.loading = true
	t.horizon.SetText(strconv.Itoa(months))
	t.loading = false
	t.horizon.Disable()
	t.updateButtons()
}

// horizonSaved shows the outcome of saving the horizon: the core's refusal
// under the field, or that it is saved and what the alerts gained.
func (t *settingsTab) horizonSaved(months int, sync app.CalendarSync, err error) {
	t.horizonSaving = false
	t.horizon.Enable()
	t.loading = true
	t.horizon.SetText(strconv.Itoa(months))
	t.loading = false
	var invalid *app.ValidationError
	switch {
	case errors.As(err, &invalid):
		t.showFieldErrors(fieldTexts(invalid))
	case err != nil:
		t.u.logError("guardar el horizonte del calendario", err)
		t.setStatus(T("config.error_guardar", map[string]any{"Error": errorText(err)}), widget.DangerImportance)
	default:
		t.horizonLoaded = months
		t.setStatus(T("calendario.config.guardado", map[string]any{"N": months, "Efecto": TM(sync.Summary(false))}),
			widget.SuccessImportance)
		t.u.home.refresh()
	}
	t.updateButtons()
}
