package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// failingTriggers finds the existing triggers whose last run failed, among
// those of the newest failures, and returns those runs (newest first, up to
// homeMaxFailureCards) and how many more there are. Test sends do not count:
// they are not the trigger's runs, and the Triggers tab reports them.
func (t *homeTab) failingTriggers(triggers []app.Trigger) ([]app.Execution, int) {
	ctx, cancel := t.u.ctx()
	defer cancel()
	page, err := t.u.svc.Executions(ctx, app.ExecutionFilter{State: app.StateFailed, Limit: homeFailureScan})
	if err != nil {
		t.u.logError("inicio: ejecuciones fallidas", err)
		return nil, 0
	}
	exists := make(map[int64]bool, len(triggers))
	for _, tr := range triggers {
		exists[tr.ID] = true
	}
	seen := map[int64]bool{}
	var out []app.Execution
	for _, x := range page.Executions {
		if x.Origin == app.OriginTest || seen[x.TriggerID] || !exists[x.TriggerID] {
			continue
		}
		seen[x.TriggerID] = true
		if !t.dismissed[x.ID] && t.lastFinishedRun(x.TriggerID) == x.ID {
			out = append(out, x)
		}
	}
	if len(out) > homeMaxFailureCards {
		return out[:homeMaxFailureCards], len(out) - homeMaxFailureCards
	}
	return out, 0
}

// lastFinishedRun is the ID of the newest finished run of a trigger (test
// sends aside); 0 when it has none among its last few rows.
func (t *homeTab) lastFinishedRun(triggerID int64) int64 {
	ctx, cancel := t.u.ctx()
	defer cancel()
	page, err := t.u.svc.Executions(ctx, app.ExecutionFilter{TriggerID: triggerID, Limit: 5})
	if err != nil {
		t.u.logError("inicio: última ejecución de un trigger", err)
		return 0
	}
	for _, x := range page.Executions {
		if x.State != app.StateRunning && x.Origin != app.OriginTest {
			return x.ID
		}
	}
	return 0
}

// showBanners puts a red card for each failing trigger, an orange one when
// next year's official tax calendar is missing, and an orange one for the
// last recovery of missed runs above everything else.
func (t *homeTab) showBanners() {
	t.banners.RemoveAll()
	for _, x := range t.failures {
		body := T("inicio.fallo.detalle", map[string]any{
			"Cuando": relative(t.shownAt, x.StartedAt), "Fecha": t.u.formatDateTime(x.StartedAt), "Motivo": shortReason(runReason(x)),
		})
		t.banners.Add(banner(widget.DangerImportance, T("notif.fallo.titulo", map[string]any{"Trigger": x.TriggerName}), body,
			&widget.Button{Text: T("inicio.ver_historial"), Icon: theme.HistoryIcon(), OnTapped: func() { t.onShowHistory(x.TriggerID) }},
			&widget.Button{Text: T("inicio.descartar"), OnTapped: func() { t.onDismissFailure(x.ID) }}))
	}
	if t.moreFail > 0 {
		t.banners.Add(&widget.Label{Text: T("inicio.fallo.mas", map[string]any{"N": t.moreFail}), Importance: widget.DangerImportance})
	}
	if b := t.calendarBanner(); b != nil {
		t.banners.Add(b)
	}
	if r := t.recovery; recoveryNews(r) && !r.EvaluatedAt.Equal(t.recoveryResolved) {
		t.banners.Add(banner(widget.WarningImportance, T("inicio.recuperacion.titulo"), t.recoveryText(r),
			&widget.Button{Text: T("inicio.ver_historial"), Icon: theme.HistoryIcon(), OnTapped: func() { t.onShowHistory(0) }},
			&widget.Button{Text: T("inicio.entendido"), OnTapped: func() { t.onDismissRecovery(r) }}))
	}
	t.banners.Refresh()
}

// recoveryNews reports whether an evaluation of missed slots found any.
func recoveryNews(r app.Recovery) bool {
	return r.Recovered+r.Missed+r.Skipped+r.Uncounted > 0
}

// recoveryText is "Al arrancar o despertar (lun 08/12/2025 07:00): 1
// ejecutadas ahora, 2 perdidas.", naming only the counts that are not zero.
func (t *homeTab) recoveryText(r app.Recovery) string {
	var parts []string
	if r.Recovered > 0 {
		parts = append(parts, T("inicio.recuperacion.recuperadas", map[string]any{"N": r.Recovered}))
	}
	if r.Missed > 0 {
		parts = append(parts, T("inicio.recuperacion.perdidas", map[string]any{"N": r.Missed}))
	}
	if r.Skipped > 0 {
		parts = append(parts, T("inicio.recuperacion.omitidas", map[string]any{"N": r.Skipped}))
	}
	if r.Uncounted > 0 {
		parts = append(parts, T("inicio.recuperacion.sin_fila", map[string]any{"N": r.Uncounted}))
	}
	return T("inicio.recuperacion", map[string]any{
		"Cuando": t.u.formatDateTime(r.EvaluatedAt), "Detalle": strings.Join(parts, ", "),
	})
}

func (t *homeTab) onDismissFailure(id int64) {
	t.dismissed[id] = true
	t.refresh()
}

func (t *homeTab) onDismissRecovery(r app.Recovery) {
	t.recoveryResolved = r.EvaluatedAt
	t.showBanners()
}

// banner is a coloured card: a tinted background of the importance's colour,
// its icon, a bold title, a wrapped body and buttons on the right.
func banner(imp widget.Importance, title, body string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	var icon fyne.Resource = theme.NewWarningThemedResource(theme.WarningIcon())
	colorName := theme.ColorNameWarning
	if imp == widget.DangerImportance {
		colorName, icon = theme.ColorNameError, theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	bg := canvas.NewRectangle(tint(theme.Color(colorName)))
	bg.StrokeColor = theme.Color(colorName)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	text := container.NewVBox(
		&widget.Label{Text: title, Importance: imp, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: body, Wrapping: fyne.TextWrapWord, Selectable: true},
	)
	return container.NewStack(bg, container.NewPadded(
		container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), container.NewCenter(container.NewHBox(actions...)), text)))
}

// tint is c, faint: a background that keeps text readable in light and dark themes.
func tint(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30}
}
