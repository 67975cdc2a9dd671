package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// A table or list cuts its long texts short to keep its rows on one line.
// Under it, a reading pane shows the selected row in full, wrapped: Fyne
// has no tooltips, and this is what a mail client's reading pane does.

// readPaneLines is how many lines a reading pane takes at most; a longer
// text scrolls inside it, so the window never grows for it.
const readPaneLines = 4

// newReadPane is objects, one under the other, under a separator, in at
// most readPaneLines lines (more scroll). It starts hidden.
func newReadPane(objects ...fyne.CanvasObject) *fyne.Container {
	content := container.NewVBox(objects...)
	pane := container.NewVBox(widget.NewSeparator(), container.New(&cappedLayout{content: content}, container.NewVScroll(content)))
	pane.Hide()
	return pane
}

// readPane is the reading pane of a tab: a bold heading, one line of facts
// and notes (hidden when empty), each wrapped and selectable.
type readPane struct {
	box                *fyne.Container
	head, facts, notes *widget.Label
}

func newTextPane() *readPane {
	d := &readPane{head: paneLabel(), facts: paneLabel(), notes: paneLabel()}
	d.head.TextStyle.Bold = true
	d.box = newReadPane(d.head, d.facts, d.notes)
	return d
}

// show puts the texts in the pane and shows it.
func (d *readPane) show(head, facts, notes string) {
	d.head.SetText(head)
	d.facts.SetText(facts)
	d.notes.SetText(notes)
	showWhen(d.notes, notes != "")
	d.box.Show()
}

// paneLabel is a wrapped label whose text can be selected and copied.
func paneLabel() *widget.Label {
	return &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
}

// cappedLayout gives its scroll the height of its content, up to
// readPaneLines lines.
type cappedLayout struct{ content fyne.CanvasObject }

func (l *cappedLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.Position{})
	objects[0].Resize(size)
}

func (l *cappedLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	line := widget.NewLabel("M").MinSize().Height
	inner := l.content.MinSize()
	return fyne.NewSize(inner.Width, min(inner.Height, line*readPaneLines))
}

// newWrappedList is a list of n texts, each wrapped onto as many lines as
// it needs at the list's width: nothing cut. (A wrapping label cannot tell
// a list its height: each row's height is measured again when the list's
// width changes.)
func newWrappedList(n func() int, text func(i int) string) *fyne.Container {
	list := &widget.List{
		Length:     n,
		CreateItem: func() fyne.CanvasObject { return templateLabel(&widget.Label{Wrapping: fyne.TextWrapWord}) },
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(text(i)) },
	}
	list.ExtendBaseWidget(list)
	return container.New(&wrappedRows{list: list, n: n, text: text}, list)
}

type wrappedRows struct {
	list  *widget.List
	n     func() int
	text  func(i int) string
	width float32 // the width the heights were measured at
}

func (l *wrappedRows) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width && size.Width > 0 {
		l.width = size.Width
		probe := templateLabel(&widget.Label{Wrapping: fyne.TextWrapWord})
		for i := range l.n() {
			probe.SetText(l.text(i))
			probe.Resize(fyne.NewSize(size.Width, probe.MinSize().Height))
			l.list.SetItemHeight(i, probe.MinSize().Height)
		}
	}
	objects[0].Move(fyne.Position{})
	objects[0].Resize(size)
}

func (l *wrappedRows) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }
