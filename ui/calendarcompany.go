package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	next        *widget.Label // the next due dates, one a line
	nit         func() string // the NIT typed now
	changed     func()        // the preview's text changed (the dialog refits)
}

func newRespPicker(u *UI, owed []string, nit func() string) *respPicker {
	r := &respPicker{u: u, obligations: u.svc.CalendarObligations(), nit: nit}
	r.next = &widget.Label{Wrapping: fyne.TextWrapWord}
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

// refresh shows the next due dates of the boxes ticked and the NIT typed.
func (r *respPicker) refresh() {
	text := r.nextText()
	if text == r.next.Text {
		return
	}
	r.next.SetText(text)
	if r.changed != nil {
		r.changed()
	}
}

// nextText is the preview: one line per due date, or why there is none.
func (r *respPicker) nextText() string {
	codes := r.codes()
	if len(codes) == 0 {
		return T("calendario.empresa.sin_responsabilidades")
	}
	ds := r.u.svc.NextDeadlines(r.nit(), codes, respNextCount)
	if len(ds) == 0 {
		if r.needsNIT(codes) {
			return T("calendario.empresa.falta_nit")
		}
		return T("calendario.empresa.sin_fechas")
	}
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = deadlineLine(d)
	}
	return strings.Join(lines, "\n")
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

// deadlineLine is one due date of the preview: «vie 12/12/2025 · Retención
// en la fuente · noviembre 2025 · oficial», a computed date saying to check it.
func deadlineLine(d taxcal.Deadline) string {
	line := T("calendario.empresa.fecha", map[string]any{
		"Dia":        weekdayShort(d.DueOn.Weekday()),
		"Fecha":      formatDueDate(d.DueOn),
		"Obligacion": obligationName(d.Obligation),
		"Periodo":    periodText(d.Obligation, d.Period, d.Installment),
		"Estado":     calendarStateLabel(d.State),
	})
	if d.State == taxcal.StateComputed {
		line += " " + T("calendario.empresa.confirme")
	}
	return line
}
