package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// wheelStep multiplies the driver's step (25 px a notch on Windows and
// Linux): a notch moves a long form by some two rows of fields, as a
// browser does, not by a third of one.
const wheelStep = 3

// wheelLayer lies, transparent, over a scrolled form and takes the mouse
// wheel wherever the pointer is. Fyne gives the wheel to the innermost
// scrollable under the pointer, and every entry is one: over a field the
// wheel did nothing, even for a field with nothing to scroll. Over one of
// the lists of the form, the list scrolls while it can; anywhere else the
// page does. The layer is neither tappable nor hoverable: clicks, typing
// and the pointer reach the widgets under it.
type wheelLayer struct {
	widget.BaseWidget
	page  *container.Scroll
	lists []wheelList
	// at is where o lies in the window (the driver's
	// AbsolutePositionForObject).
	at func(o fyne.CanvasObject) fyne.Position
}

// wheelList is a list inside the page that keeps its own wheel, and the
// box that shows or hides it.
type wheelList struct {
	list *widget.List
	box  fyne.CanvasObject
}

// newWheelPage is content in a vertical scroll with a wheelLayer over it.
func newWheelPage(content fyne.CanvasObject, at func(fyne.CanvasObject) fyne.Position, lists ...wheelList) (*fyne.Container, *container.Scroll) {
	page := container.NewVScroll(content)
	w := &wheelLayer{page: page, lists: lists, at: at}
	w.ExtendBaseWidget(w)
	return container.NewStack(page, w), page
}

func (w *wheelLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// Scrolled scrolls the list under the pointer while it can move that way,
// otherwise the page.
func (w *wheelLayer) Scrolled(ev *fyne.ScrollEvent) {
	dy := ev.Scrolled.DY * wheelStep
	for _, l := range w.lists {
		if l.box.Visible() && w.under(l.list, ev.AbsolutePosition) && scrollList(l.list, dy) {
			return
		}
	}
	w.page.Scrolled(&fyne.ScrollEvent{PointEvent: ev.PointEvent, Scrolled: fyne.NewDelta(0, dy)})
}

// under reports whether the window point p is on o.
func (w *wheelLayer) under(o fyne.CanvasObject, p fyne.Position) bool {
	at, size := w.at(o), o.Size()
	return p.X >= at.X && p.Y >= at.Y && p.X < at.X+size.Width && p.Y < at.Y+size.Height
}

// scrollList moves l by dy (positive: towards its top) and reports whether it moved.
func scrollList(l *widget.List, dy float32) bool {
	before := l.GetScrollOffset()
	l.ScrollToOffset(before - dy)
	return l.GetScrollOffset() != before
}
