package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// The filters of the Alertas tab: company (the companies list's selection),
// priority, state and due date. Each change reloads from the first page.

// alertStateKeys are the keys of the state filter's options, in their order.
var alertStateKeys = []string{K("alertas.filtro.abiertas"), K("alertas.filtro.resueltas"), K("alertas.filtro.todos_estados")}

// buildFilters makes the filter widgets; each change reloads from the first page.
func (t *alertsTab) buildFilters() {
	t.companyChip = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	t.allCompanies = &widget.Button{Text: T("alertas.filtro.todas_empresas"), Icon: theme.CancelIcon(), OnTapped: t.onAllCompanies}
	prios := []string{T("alertas.filtro.todas_prioridades")}
	for _, p := range app.Priorities {
		prios = append(prios, T(alertPriorityKeys[p]))
	}
	t.priorityPick = widget.NewSelect(prios, func(string) { t.onFilterChanged() })
	t.priorityPick.SetSelectedIndex(0)
	states := make([]string, len(alertStateKeys))
	for i, k := range alertStateKeys {
		states[i] = T(k)
	}
	t.statePick = widget.NewSelect(states, func(string) { t.onFilterChanged() })
	t.statePick.SetSelectedIndex(0)
	t.dueBy = &widget.Entry{PlaceHolder: T("alertas.fecha.formato")}
	t.dueBy.Validator = func(s string) error {
		if _, ok := parseDueDate(s); !ok && strings.TrimSpace(s) != "" {
			return errors.New(T("alertas.fecha.invalida"))
		}
		return nil
	}
	t.dueBy.OnChanged = t.onDueByChanged
}

func (t *alertsTab) onFilterChanged() {
	if t.table == nil { // still being built
		return
	}
	t.offset = 0
	t.loadAlerts()
}

// onDueByChanged filters by a complete date, or no date; a date being typed changes nothing yet.
func (t *alertsTab) onDueByChanged(s string) {
	d, ok := parseDueDate(s)
	if !ok && strings.TrimSpace(s) != "" {
		return
	}
	if d.Equal(t.dueByDate) {
		return
	}
	t.dueByDate = d
	t.onFilterChanged()
}

// filterCompany shows the alerts of company id (0: every company's).
func (t *alertsTab) filterCompany(id int64) {
	if id == t.companyID {
		return
	}
	t.companyID = id
	t.showCompanyFilter()
	t.onFilterChanged()
}

func (t *alertsTab) onAllCompanies() { t.companies.unselect() }

func (t *alertsTab) showCompanyFilter() {
	if c, ok := t.names[t.companyID]; ok {
		t.companyChip.SetText(T("alertas.filtro.empresa", map[string]any{"Empresa": c.Name}))
		t.allCompanies.Enable()
		return
	}
	t.companyChip.SetText(T("alertas.filtro.todas_las_empresas"))
	t.allCompanies.Disable()
}
