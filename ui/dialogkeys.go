package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a key to the focused widget only, and its text fields, check
// boxes and lists ignore Escape: in a form, where a field has the focus,
// Escape would do nothing. The fields of Vigía's dialogs are these widgets,
// which hand Escape on to the window (UI.onTypedKey), where it closes the
// dialog on top.

// formEntry is a text field of a dialog.
type formEntry struct{ widget.Entry }

func (e *formEntry) TypedKey(ev *fyne.KeyEvent) {
	if !passEscape(e, ev) {
		e.Entry.TypedKey(ev)
	}
}

// formCheck is a check box of a dialog.
type formCheck struct{ widget.Check }

func (c *formCheck) TypedKey(ev *fyne.KeyEvent) {
	if !passEscape(c, ev) {
		c.Check.TypedKey(ev)
	}
}

// formSelect is a drop-down of a dialog (its open list closes on Escape by itself).
type formSelect struct{ widget.Select }

func (s *formSelect) TypedKey(ev *fyne.KeyEvent) {
	if !passEscape(s, ev) {
		s.Select.TypedKey(ev)
	}
}

// extendable is a widget that embeds another: ExtendBaseWidget makes the
// embedded one draw and refresh as the outer one.
type extendable interface {
	fyne.Widget
	ExtendBaseWidget(fyne.Widget)
}

// extended is w, extended: formEntry, formCheck and formSelect are built as
// extended(&formEntry{Entry: widget.Entry{...}}).
func extended[W extendable](w W) W {
	w.ExtendBaseWidget(w)
	return w
}

// passEscape hands Escape to the handler of o's window; other keys are left
// to o. It reports whether it took the key.
func passEscape(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return false
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
	return true
}
