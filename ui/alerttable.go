package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// buildTable makes the alerts table: each cell a bold or coloured first line
// and a small second line.
func (t *alertsTab) buildTable() {
	t.table = &widget.Table{
		Length: func() (int, int) { return len(t.rows), len(alertColumns) },
		CreateCell: func() fyne.CanvasObject {
			return container.NewVBox(
				templateLabel(&widget.Label{Truncation: fyne.TextTruncateEllipsis}),
				templateLabel(&widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}),
			)
		},
		UpdateCell:    t.updateCell,
		ShowHeaderRow: true,
		CreateHeader: func() fyne.CanvasObject {
			return templateLabel(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}})
		},
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(alertColumns) {
				o.(*widget.Label).SetText(T(alertColumns[id.Col].title))
			}
		},
		OnSelected:   t.onAlertSelected,
		OnUnselected: func(widget.TableCellID) { t.selected = 0; t.updateAlertButtons() },
	}
	t.table.ExtendBaseWidget(t.table)
	for i, c := range alertColumns {
		t.table.SetColumnWidth(i, c.width)
	}
}

// alertColumns are the table's columns, at their least widths: columnFit
// widens priority and due date to their texts, and shares the rest among
// company, title and state (what they cut, the reading pane shows).
var alertColumns = []column{
	{K("alertas.col.prioridad"), 40, false},
	{K("alertas.col.empresa"), 120, true},
	{K("alertas.col.titulo"), 160, true},
	{K("alertas.col.vence"), 40, false},
	{K("alertas.col.estado"), 90, true},
}

func (t *alertsTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	main, sub := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
	c := t.cell(id.Row, id.Col)
	main.Importance, main.TextStyle = c.importance, fyne.TextStyle{Bold: c.bold}
	main.SetText(c.main)
	sub.Importance = c.subImportance
	sub.SetText(c.sub)
}

// alertCell is what one cell of the table says.
type alertCell struct {
	main, sub     string
	importance    widget.Importance
	subImportance widget.Importance
	bold          bool
}

// cell is the content of row, col: the table shows it, tests read it.
func (t *alertsTab) cell(row, col int) alertCell {
	if row < 0 || row >= len(t.rows) {
		return alertCell{}
	}
	a := t.rows[row]
	switch col {
	case 0:
		c := alertCell{main: alertPriorityLabel(a.EffectivePriority), importance: alertPriorityImportance(a.EffectivePriority), bold: true}
		if a.EffectivePriority != a.Priority {
			c.sub = T("alertas.escalada", map[string]any{"Prioridad": alertPriorityLabel(a.Priority)})
			c.subImportance = alertPriorityImportance(a.EffectivePriority)
		}
		return c
	case 1:
		co := t.names[a.CompanyID]
		c := alertCell{main: co.Name, sub: co.NIT}
		if !co.Active {
			c.importance = widget.LowImportance
		}
		return c
	case 2:
		if a.Calendar != nil { // where it comes from, and how sure its date is
			sub, imp := calendarAlertLine(a)
			return alertCell{main: a.Title, sub: sub, subImportance: imp}
		}
		return alertCell{main: a.Title, sub: detailFirstLine(a.Detail), subImportance: widget.LowImportance}
	case 3:
		if a.DueOn.IsZero() {
			return alertCell{main: "—"}
		}
		c := alertCell{main: formatDueDate(a.DueOn)}
		if a.Open {
			c.sub, c.subImportance = alertDueText(t.today, a.DueOn)
		}
		return c
	case 4:
		if a.Open {
			return alertCell{main: T("alertas.estado.abierta"), importance: widget.WarningImportance}
		}
		return alertCell{main: T("alertas.estado.resuelta"), importance: widget.SuccessImportance,
			sub: T("alertas.resuelta_el", map[string]any{"Fecha": t.u.formatDateTime(a.ResolvedAt)}), subImportance: widget.LowImportance}
	}
	return alertCell{}
}

// alertNeed is how wide the widest cell of col is on this page.
func (t *alertsTab) alertNeed(col int) float32 {
	w := float32(0)
	for row := range t.rows {
		c := t.cell(row, col)
		w = max(w, fyne.MeasureText(c.main, theme.TextSize(), fyne.TextStyle{Bold: c.bold}).Width,
			fyne.MeasureText(c.sub, theme.CaptionTextSize(), fyne.TextStyle{}).Width)
	}
	return w
}

func detailFirstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
