package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// column is one column of a read-only table: its title's key and width.
type column struct {
	title string // translation key
	width float32
	// ellipsis ends a text cut to the width with "…"; otherwise it is
	// clipped. Fyne shapes the whole text to place an ellipsis, some 0.4 ms a
	// cell, so only columns of free text (names, addresses, errors) take one.
	ellipsis bool
}

// cell is what one table cell shows: a text, in the importance's colour,
// after an icon when there is one.
type cell struct {
	text       string
	icon       fyne.Resource
	importance widget.Importance
}

// newGridTable is a read-only, virtualised table with a header row: only the
// visible cells exist, whatever the number of rows.
func newGridTable(cols []column, rows func() int, content func(row, col int) cell) *widget.Table {
	t := &widget.Table{
		Length:     func() (int, int) { return rows(), len(cols) },
		CreateCell: newCellTemplate,
		UpdateCell: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < rows() && id.Col < len(cols) {
				setCell(o, content(id.Row, id.Col), cols[id.Col].ellipsis)
			}
		},
		ShowHeaderRow: true,
		CreateHeader: func() fyne.CanvasObject {
			l := tableLabel()
			l.TextStyle.Bold = true
			return l
		},
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(cols) {
				o.(*widget.Label).SetText(T(cols[id.Col].title))
			}
		},
	}
	t.ExtendBaseWidget(t)
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// newCellTemplate is an icon (hidden unless the cell has one) and a label.
func newCellTemplate() fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewIcon(nil), nil, tableLabel())
}

// tableLabel is a label cut to its cell. Built by NewLabel, not as a
// literal: the table sizes it before drawing it, and a label not yet
// extended ignores that size (then it never cuts).
func tableLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateClip
	return l
}

func setCell(o fyne.CanvasObject, c cell, ellipsis bool) {
	box := o.(*fyne.Container)
	label, icon := cellParts(box)
	trunc := fyne.TextTruncateClip
	if ellipsis {
		trunc = fyne.TextTruncateEllipsis
	}
	if label.Text != c.text || label.Importance != c.importance || label.Truncation != trunc {
		label.Text, label.Importance, label.Truncation = c.text, c.importance, trunc
		label.Refresh()
	}
	if c.icon != nil && icon.Resource != c.icon { // setting it again would decode and colour the SVG again
		icon.SetResource(c.icon)
	}
	// a cell is reused for any column: when the icon comes or goes, the label moves
	if (c.icon != nil) != icon.Visible() {
		showWhen(icon, c.icon != nil)
		box.Refresh()
	}
}

// cellParts finds the label and the icon of a cell template.
func cellParts(box *fyne.Container) (*widget.Label, *widget.Icon) {
	var label *widget.Label
	var icon *widget.Icon
	for _, o := range box.Objects {
		switch w := o.(type) {
		case *widget.Label:
			label = w
		case *widget.Icon:
			icon = w
		}
	}
	return label, icon
}

// stateCell is a run state with its icon and colour. Cells showing the same
// state share one icon (stateIcon makes each once): see setCell.
func stateCell(s app.RunState) cell {
	return cell{text: stateLabel(s), icon: stateIcon(s), importance: stateImportance(s)}
}

// historyColumns are the columns of Historial.
var historyColumns = []column{
	{K("historial.col.programada"), 165, false},
	{K("historial.col.inicio"), 165, false},
	{K("historial.col.duracion"), 95, false},
	{K("historial.col.trigger"), 200, true},
	{K("historial.col.estado"), 140, false},
	{K("historial.col.origen"), 115, false},
	{K("historial.col.empresas"), 85, false},
	{K("historial.col.alertas"), 75, false},
	{K("historial.col.destinatarios"), 210, true},
	{K("historial.col.intentos"), 75, false},
}

// historyCell is one cell of Historial.
func (t *historyTab) historyCell(row, col int) cell {
	x := t.rows[row]
	switch col {
	case 0:
		return cell{text: t.u.formatDateTime(x.ScheduledFor)}
	case 1:
		return cell{text: t.u.formatDateTime(x.StartedAt)}
	case 2:
		return cell{text: formatDuration(x.Duration())}
	case 3:
		return cell{text: x.TriggerName}
	case 4:
		return stateCell(x.State)
	case 5:
		return cell{text: originLabel(x.Origin)}
	case 6:
		return cell{text: strconv.Itoa(x.Companies)}
	case 7:
		return cell{text: strconv.Itoa(x.Alerts)}
	case 8:
		return cell{text: recipientsText(x.Recipients)}
	}
	return cell{text: strconv.Itoa(x.Attempts)}
}

// recipientsText lists addresses, "—" when there are none.
func recipientsText(addrs []string) string {
	if len(addrs) == 0 {
		return "—"
	}
	return strings.Join(addrs, ", ")
}
