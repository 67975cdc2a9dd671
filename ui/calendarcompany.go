package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"vigia/app/taxcal"
)

// The company dialog's tax calendar part: the obligations the company owes
// as check boxes grouped by who collects them (DIAN, the district), and
// under them the next due dates those boxes and the NIT typed give, updated
// as boxes are ticked or the NIT changes.

// respNextCount is how many next due dates the dialog shows.
const respNextCount = 3

// respGroupKeys name the groups of obligations (taxcal.Obligation.Group).
var respGroupKeys = map[string]string{
	"nacional":  K("calendario.grupo.nacional"),
	"distrital": K("calendario.grupo.distrital"),
}

// respPicker is the obligations' check boxes and the preview of their dates.
type respPicker struct {
	u           *UI
	obligations []taxcal.Obligation
	checks      []*formCheck // one per obligation, in their order
	boxes       fyne.CanvasObject
	next        *fyne.Container // the next due dates, a row each, or why there is none
	shown       string          // what next says, one line per row (tests read it)
	nit         func() string   // the NIT typed now
	changed     func()          // the preview's text changed (the dialog refits)
}

func newRespPicker(u *UI, owed []string, nit func() string) *respPicker {
	r := &respPicker{u: u, obligations: u.svc.CalendarObligations(), nit: nit}
	r.next = container.NewVBox()
	var groups []string
	byGroup := map[string][]fyne.CanvasObject{}
	for _, o := range r.obligations {
		c := extended(&formCheck{Check: widget.Check{Text: obligationLabel(o), Checked: slices.Contains(owed, o.Code)}})
		c.OnChanged = func(bool) { r.refresh() }
		r.checks = append(r.checks, c)
		if _, ok := byGroup[o.Group]; !ok {
			groups = append(groups, o.Group)
		}
		byGroup[o.Group] = append(byGroup[o.Group], c)
	}
	box := container.NewVBox()
	for _, g := range groups {
		title := g
		if k, ok := respGroupKeys[g]; ok {
			title = T(k)
		}
		box.Add(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}})
		// two columns where there are two boxes or more: the dialog stays short
		box.Add(container.NewGridWithColumns(min(2, len(byGroup[g])), byGroup[g]...))
	}
	r.boxes = box
	r.refresh()
	return r
}

// codes are the obligations ticked, in the obligations' order.
func (r *respPicker) codes() []string {
	codes := []string{}
	for i, c := range r.checks {
		if c.Checked {
			codes = append(codes, r.obligations[i].Code)
		}
	}
	return codes
}

// tick ticks or unticks the box of code (tests tick boxes by code).
func (r *respPicker) tick(code string, on bool) {
	for i, o := range r.obligations {
		if o.Code == code {
			r.checks[i].SetChecked(on)
		}
	}
}

// refresh shows the next due dates of the boxes ticked and the NIT typed:
// a row each (the date; the obligation and period; the state, in words),
// and under them, when one is computed, that it wants checking.
func (r *respPicker) refresh() {
	ds, why := r.nextDeadlines()
	lines := []string{why}
	if why == "" {
		lines = lines[:0]
		for _, d := range ds {
			lines = append(lines, deadlineLine(d))
		}
		if slices.ContainsFunc(ds, func(d taxcal.Deadline) bool { return d.State == taxcal.StateComputed }) {
			lines = append(lines, T("calendario.empresa.confirme"))
		}
	}
	if text := strings.Join(lines, "\n"); text != r.shown {
		r.shown = text
		r.showNext(ds, why)
		if r.changed != nil {
			r.changed()
		}
	}
}

// nextDeadlines are the next due dates, or why there is none to show.
func (r *respPicker) nextDeadlines() ([]taxcal.Deadline, string) {
	codes := r.codes()
	if len(codes) == 0 {
		return nil, T("calendario.empresa.sin_responsabilidades")
	}
	ds := r.u.svc.NextDeadlines(r.nit(), codes, respNextCount)
	switch {
	case len(ds) > 0:
		return ds, ""
	case r.needsNIT(codes):
		return nil, T("calendario.empresa.falta_nit")
	}
	return nil, T("calendario.empresa.sin_fechas")
}

// showNext fills the preview with ds, or with why there are none.
func (r *respPicker) showNext(ds []taxcal.Deadline, why string) {
	r.next.RemoveAll()
	if why != "" {
		r.next.Add(&widget.Label{Text: why, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
		return
	}
	rows := container.New(layout.NewFormLayout())
	computed := false
	for _, d := range ds {
		state := &widget.Label{Text: calendarStateLabel(d.State), Importance: calendarStateImportance(d.State)}
		rows.Add(&widget.Label{Text: deadlineDay(d)})
		rows.Add(container.NewBorder(nil, nil, nil, state, &widget.Label{Text: deadlineWhat(d), Wrapping: fyne.TextWrapWord}))
		computed = computed || d.State == taxcal.StateComputed
	}
	r.next.Add(rows)
	if computed {
		r.next.Add(&widget.Label{Text: T("calendario.empresa.confirme"), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
}

// needsNIT reports whether a ticked obligation's date depends on the NIT.
func (r *respPicker) needsNIT(codes []string) bool {
	for _, o := range r.obligations {
		if o.Key != taxcal.KeyNone && slices.Contains(codes, o.Code) {
			return true
		}
	}
	return false
}

// deadlineDay is a due date with its weekday: «vie 12/12/2025».
func deadlineDay(d taxcal.Deadline) string {
	return weekdayShort(d.DueOn.Weekday()) + " " + formatDueDate(d.DueOn)
}

// deadlineWhat is what falls due: «Retención en la fuente · noviembre 2025».
func deadlineWhat(d taxcal.Deadline) string {
	return obligationName(d.Obligation) + " · " + periodText(d.Obligation, d.Period, d.Installment)
}

// deadlineLine is one due date as one line: «vie 12/12/2025 · Retención en
// la fuente · noviembre 2025 · oficial».
func deadlineLine(d taxcal.Deadline) string {
	return deadlineDay(d) + " · " + deadlineWhat(d) + " · " + calendarStateLabel(d.State)
}
