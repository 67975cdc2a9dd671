package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Small operations on Fyne widgets that every tab uses.

// templateLabel readies l, built as a struct literal, for a list or table
// template: the container resizes it before it is drawn, which a label
// only follows (wrapping, truncating) once ExtendBaseWidget was called.
func templateLabel(l *widget.Label) *widget.Label {
	l.ExtendBaseWidget(l)
	return l
}

func toggleEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

func toggleVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}
