package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dialogMargin is the room, in total on each axis, a dialog leaves free
// around itself inside the window.
const dialogMargin = 32

// showDialog shows d over the window, at its preferred size as far as the
// window allows (never larger: what does not fit scrolls inside the
// dialog), and lets Escape close it. A zero width or height is the
// dialog's own on that axis. Every dialog of the window is shown here.
//
// Fyne's save dialog puts the focus in its file name, where Escape is lost:
// the dialogs shown here start with the focus nowhere (a form puts it in its
// first field after showForm).
func (u *UI) showDialog(d dialog.Dialog, preferred fyne.Size) {
	u.showForm(d, preferred, d.Dismiss)
	u.win.Canvas().Unfocus()
}

// showForm is showDialog for a dialog with buttons of its own: Escape does
// what its Cancelar does (cancel).
func (u *UI) showForm(d dialog.Dialog, preferred fyne.Size, cancel func()) {
	u.fitDialog(d, preferred)
	before := u.win.Canvas().Overlays().Top()
	d.Show()
	if top := u.win.Canvas().Overlays().Top(); top != nil && top != before {
		u.dialogs.opened(top, d, cancel)
		if _, ok := d.(*dialog.FileDialog); ok {
			localizeFileDialog(top)
		}
	}
}

// fitDialog resizes d to its preferred size, within the window.
func (u *UI) fitDialog(d dialog.Dialog, preferred fyne.Size) {
	if preferred.IsZero() {
		return
	}
	d.Resize(fitInside(preferred, u.win.Canvas().Size()))
}

// fitInside is preferred, no larger than the window's canvas less the margin.
func fitInside(preferred, canvas fyne.Size) fyne.Size {
	if canvas.IsZero() { // not on screen yet: nothing to fit in
		return preferred
	}
	room := canvas.SubtractWidthHeight(dialogMargin, dialogMargin)
	return fyne.NewSize(min(preferred.Width, room.Width), min(preferred.Height, room.Height))
}

// formButtons are the foot of a form's dialog: cancel, then the action
// (Guardar, Resolver), as widget.Form draws them. At the dialog's foot they
// stay in sight while the fields scroll.
func formButtons(cancelText string, cancel func(), actionText string, action func()) []fyne.CanvasObject {
	return []fyne.CanvasObject{
		&widget.Button{Text: cancelText, Icon: theme.CancelIcon(), OnTapped: cancel},
		&widget.Button{Text: actionText, Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: action},
	}
}

// fitScrolled resizes d, whose content is body, to width and to the height
// that shows body's content whole, as far as the window allows.
func (u *UI) fitScrolled(d dialog.Dialog, width float32, body *container.Scroll) {
	chrome := d.MinSize().Subtract(body.MinSize())
	inner := body.Content.MinSize()
	// Wrapped texts take their height at the width they will have.
	body.Content.Resize(fyne.NewSize(max(width-chrome.Width, inner.Width), inner.Height))
	u.fitDialog(d, fyne.NewSize(width, chrome.Height+body.Content.MinSize().Height))
}

// showInformation shows a message with an OK button.
func (u *UI) showInformation(title, message string) {
	u.showText(title, message, theme.InfoIcon())
}

// textDialogWidth is the widest a message is shown, as Fyne's own dialogs do.
const textDialogWidth = 600

// showText shows a message with an OK button: as wide as its text up to
// textDialogWidth, as tall as its lines, and scrolling when the window is
// shorter. (Fyne's information dialog cannot scroll: a long message would
// run under its button.)
func (u *UI) showText(title, message string, icon fyne.Resource) {
	text := &widget.Label{Text: message, Wrapping: fyne.TextWrapWord}
	scroll := container.NewVScroll(text)
	d := dialog.NewCustom(title, lang.L("OK"), scroll, u.win)
	d.SetIcon(icon)
	chrome := d.MinSize().Subtract(scroll.MinSize())
	width := min(widget.NewLabel(message).MinSize().Width+chrome.Width, textDialogWidth)
	text.Resize(fyne.NewSize(width-chrome.Width, 0)) // wrapped to the width it will have
	u.showDialog(d, fyne.NewSize(width, text.MinSize().Height+chrome.Height))
}

// openDialogs are the dialogs shown over the window: how to cancel each,
// by the overlay that draws it. Escape cancels the one on top.
type openDialogs struct {
	cancels map[fyne.CanvasObject]func()
}

func (o *openDialogs) opened(overlay fyne.CanvasObject, d dialog.Dialog, cancel func()) {
	if o.cancels == nil {
		o.cancels = map[fyne.CanvasObject]func(){}
	}
	o.cancels[overlay] = cancel
	d.SetOnClosed(func() { delete(o.cancels, overlay) })
}

// onTypedKey is the window's handler of the keys no widget takes: the
// keys typed while nothing has the focus, and Escape typed in a dialog's
// field (formEntry, formCheck, formSelect hand it on).
func (u *UI) onTypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		u.closeTopDialog()
	}
}

// closeTopDialog closes the dialog on top, as its Cancelar (or Cerrar)
// button would; a pop-up that is no dialog of ours (a menu) just goes.
// It reports whether there was one.
func (u *UI) closeTopDialog() bool {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	if cancel, ok := u.dialogs.cancels[top]; ok {
		cancel()
		return true
	}
	if p, ok := top.(*widget.PopUp); ok {
		p.Hide()
		return true
	}
	return false
}
