package ui

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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

// historyColumns are the columns of Historial, at their least widths:
// columnFit widens them to their texts, and gives the trigger's name and the
// recipients the room left.
var historyColumns = []column{
	{K("historial.col.programada"), 40, false},
	{K("historial.col.inicio"), 40, false},
	{K("historial.col.duracion"), 40, false},
	{K("historial.col.trigger"), 110, true},
	{K("historial.col.estado"), 40, false},
	{K("historial.col.origen"), 40, false},
	{K("historial.col.empresas"), 40, false},
	{K("historial.col.alertas"), 40, false},
	{K("historial.col.destinatarios"), 120, true},
	{K("historial.col.intentos"), 40, false},
}

// historyNeed is how wide the widest cell of col is on this page.
func (t *historyTab) historyNeed(col int) float32 {
	w := float32(0)
	for row := range t.rows {
		w = max(w, cellNeed(t.historyCell(row, col)))
	}
	return w
}

// historyCell is one cell of Historial.
func (t *historyTab) historyCell(row, col int) cell {
	x := t.rows[row]
	switch col {
	case 0:
		return cell{text: t.u.formatDateTime(x.ScheduledFor)}
	case 1:
		return cell{text: t.startText(x)}
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

// startText is when run x began: the time alone on the day it was
// scheduled for (nearly always), the date too otherwise.
func (t *historyTab) startText(x app.Execution) string {
	loc := t.u.svc.Location()
	start, slot := x.StartedAt.In(loc), x.ScheduledFor.In(loc)
	if start.IsZero() || start.Format(layoutDate) != slot.Format(layoutDate) {
		return t.u.formatDateTime(x.StartedAt)
	}
	return start.Format(layoutTime)
}

// recipientsText lists addresses, "—" when there are none.
func recipientsText(addrs []string) string {
	if len(addrs) == 0 {
		return "—"
	}
	return strings.Join(addrs, ", ")
}

// columnFit sizes the columns of a table to the table's width and to what
// they show, so that a text is cut only when the window has no room for
// it: a column of dates, numbers or states is as wide as its widest text
// (and its title); the columns of free text (ellipsis) share the rest, the
// narrower ones getting all their longest text needs first, and any room
// left over spreads among them so the table fills its area. The widths are
// minimums too: below them the table scrolls sideways.
type columnFit struct {
	table  *widget.Table
	widths []float32 // the columns' least widths
	free   []bool    // the columns of free text
	titles []string  // the titles' keys
	// need is how wide the widest cell of col is, padding aside.
	need  func(col int) float32
	width float32   // the table's width at the last layout
	set   []float32 // the widths given last
}

// fitColumns puts table, whose columns are cols, in a container that sizes
// them; call refit when the rows change.
func fitColumns(table *widget.Table, cols []column, need func(col int) float32) (*fyne.Container, *columnFit) {
	f := &columnFit{table: table, need: need}
	for _, c := range cols {
		f.widths, f.free, f.titles = append(f.widths, c.width), append(f.free, c.ellipsis), append(f.titles, c.title)
	}
	return container.New(f, table), f
}

func (f *columnFit) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.Position{})
	objects[0].Resize(size)
	f.width = size.Width
	f.refit()
}

func (f *columnFit) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

// refit sets the widths for the rows shown now.
func (f *columnFit) refit() {
	if f.width <= 0 {
		return
	}
	pad := theme.InnerPadding() * 2
	want := make([]float32, len(f.widths))
	for i := range want {
		title := fyne.MeasureText(T(f.titles[i]), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		want[i] = max(f.widths[i], ceil(max(title, f.need(i))+pad))
	}
	room := f.width - float32(len(want))*theme.Padding()
	widths := shareWidths(want, f.widths, f.free, room)
	for i, w := range widths {
		if i >= len(f.set) || f.set[i] != w {
			f.table.SetColumnWidth(i, w)
		}
	}
	f.set = widths
}

// shareWidths gives each fixed column what it wants and shares room among
// the free ones: when all they want fits, each gets it and the rest is
// spread in proportion; otherwise the narrower get what they want and the
// others split what remains equally, none below its least width.
func shareWidths(want, least []float32, free []bool, room float32) []float32 {
	out := slices.Clone(want)
	var flex []int
	for i := range want {
		if free[i] {
			flex = append(flex, i)
		} else {
			room -= want[i]
		}
	}
	if len(flex) == 0 {
		return out
	}
	total := float32(0)
	for _, i := range flex {
		total += want[i]
	}
	if total <= room {
		for _, i := range flex {
			out[i] = want[i] + (room-total)*want[i]/total
		}
		return out
	}
	slices.SortFunc(flex, func(a, b int) int { return cmp.Compare(want[a], want[b]) })
	for n, i := range flex {
		share := room / float32(len(flex)-n)
		out[i] = max(min(want[i], share), least[i])
		room -= out[i]
	}
	return out
}

func ceil(v float32) float32 { return float32(math.Ceil(float64(v))) }

// cellNeed is how wide cell c's text and icon are.
func cellNeed(c cell) float32 {
	w := fyne.MeasureText(c.text, theme.TextSize(), fyne.TextStyle{}).Width
	if c.icon != nil {
		w += theme.IconInlineSize() + theme.Padding()
	}
	return w
}
