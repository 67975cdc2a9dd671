package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// Inicio's word on the tax calendar: a line saying which calendar is loaded
// and how far ahead its alerts go, and a banner when next year's official
// calendar is missing while its deadlines are already inside the horizon.

// newCalendarLine is the summary's calendar line, with its icon.
func (t *homeTab) newCalendarLine() fyne.CanvasObject {
	t.calendarLine = &widget.Label{Wrapping: fyne.TextWrapWord}
	return container.NewBorder(nil, nil, widget.NewIcon(theme.CalendarIcon()), nil, t.calendarLine)
}

// readCalendar reads which calendar is loaded; a failure is logged and the
// line says nothing.
func (t *homeTab) readCalendar() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	st, err := t.u.svc.CalendarStatus(ctx)
	if err != nil {
		t.u.logError("inicio: calendario tributario", err)
		st = app.CalendarStatus{}
	}
	t.calendar = st
}

// showCalendar fills the calendar line.
func (t *homeTab) showCalendar() {
	if t.calendar.Info.Version == "" {
		t.calendarLine.SetText("")
		t.calendarLine.Hide()
		return
	}
	t.calendarLine.SetText(T("calendario.inicio.linea", map[string]any{
		"Calendario": calendarLoadedText(t.calendar), "N": t.calendar.Horizon}))
	t.calendarLine.Show()
}

// calendarBanner is the banner of the missing official calendar; nil when
// none is missing.
func (t *homeTab) calendarBanner() fyne.CanvasObject {
	for _, n := range calendarNotices(t.calendar) {
		if n.code == app.CodeCalendarComputedYear {
			return banner(widget.WarningImportance, n.title, n.body,
				&widget.Button{Text: T("calendario.inicio.ver"), Icon: theme.CalendarIcon(), OnTapped: t.onShowCalendar})
		}
	}
	return nil
}

// onShowCalendar opens Calendario, where the updated calendar is loaded.
func (t *homeTab) onShowCalendar() { t.u.tabs.SelectIndex(tabIndexCalendar) }
