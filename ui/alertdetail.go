package ui

import (
	"strings"

	"vigia/app"
)

// The Alertas tab's reading pane (a readPane) shows the selected alert in
// full (title, company and NIT, priority, due date, state, the whole detail
// and how it was resolved), or, with no alert selected, the company chosen
// on the left (its whole name, NIT and contact).

// showDetail shows what is selected; nothing hides the pane.
func (t *alertsTab) showDetail() {
	d := t.detail
	if a, ok := t.selectedAlert(); ok {
		d.show(a.Title, t.alertFacts(a), alertNotes(a))
		return
	}
	if c, ok := t.names[t.companyID]; ok {
		facts := []string{companyNIT(c)}
		if c.Contact != "" {
			facts = append(facts, c.Contact)
		}
		if !c.Active {
			facts = append(facts, T("alertas.detalle.inactiva"))
		}
		d.show(c.Name, strings.Join(facts, " · "), "")
		return
	}
	d.box.Hide()
}

// alertFacts is one line about a: company, NIT, priority, due date, state;
// for a calendar alert, a second line: origin, obligation and period, the
// state of its date, its source and whether an update moved it.
func (t *alertsTab) alertFacts(a app.Alert) string {
	co := t.names[a.CompanyID]
	facts := []string{co.Name, companyNIT(co), alertPriorityLabel(a.EffectivePriority)}
	if a.EffectivePriority != a.Priority {
		facts[2] += " (" + T("alertas.escalada", map[string]any{"Prioridad": alertPriorityLabel(a.Priority)}) + ")"
	}
	if !a.DueOn.IsZero() {
		due := T("alertas.detalle.vence", map[string]any{"Fecha": formatDueDate(a.DueOn)})
		if a.Open {
			when, _ := alertDueText(t.today, a.DueOn)
			due += " (" + when + ")"
		}
		facts = append(facts, due)
	}
	if a.Open {
		facts = append(facts, T("alertas.estado.abierta"))
	} else {
		facts = append(facts, T("alertas.estado.resuelta")+" "+T("alertas.resuelta_el", map[string]any{"Fecha": t.u.formatDateTime(a.ResolvedAt)}))
	}
	line := strings.Join(facts, " · ")
	if cal := calendarAlertFacts(a, t.u.svc.Location()); len(cal) > 0 {
		line += "\n" + strings.Join(cal, " · ") // on a line of its own: where the date comes from
	}
	return line
}

// alertNotes is a's whole detail, and the note it was resolved with.
func alertNotes(a app.Alert) string {
	notes := strings.TrimSpace(a.Detail)
	if note := strings.TrimSpace(a.ResolutionNote); note != "" && !a.Open {
		if notes != "" {
			notes += "\n"
		}
		notes += T("alertas.detalle.nota", map[string]any{"Nota": note})
	}
	return notes
}
