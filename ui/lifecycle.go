package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// prefTrayNoticeShown remembers (in Fyne's per-user preferences) that the
// user was told once that closing the window keeps Vigía in the tray.
const prefTrayNoticeShown = "bandeja_aviso_mostrado"

// closesToTray says what the window's close button does: hide to the tray
// when the setting asks for it and a tray exists to come back from; otherwise
// a hidden window would be unreachable, so it quits.
func (u *UI) closesToTray() bool { return u.prefs.CloseToTray && u.deps.TrayHost }

// onCloseWindow handles the window's close button.
func (u *UI) onCloseWindow() {
	if !u.closesToTray() {
		u.quit()
		return
	}
	u.hide()
	prefs := u.fyne.Preferences()
	if !prefs.Bool(prefTrayNoticeShown) {
		prefs.SetBool(prefTrayNoticeShown, true)
		u.sendNotification(fyne.NewNotification("Vigía", T("bandeja.sigue_funcionando")))
	}
}

// quit stops Vigía for good (tray "Salir", or closing the window without a
// tray). A digest being sent finishes first: the window says so meanwhile.
// The interface's own background work (an import, an export, a test mail)
// is cancelled.
func (u *UI) quit() {
	if u.runningDigests() > 0 {
		if !u.shown {
			u.Show()
		}
		d := dialog.NewCustomWithoutButtons(T("salir.titulo"),
			widget.NewLabel(T("salir.esperando_envio")), u.win)
		d.Show()
	}
	u.stopBackground()
	if u.deps.Quit != nil {
		u.deps.Quit()
		return
	}
	u.fyne.Quit()
}

// runningDigests counts the triggers with a run in progress in this process.
func (u *UI) runningDigests() int {
	ctx, cancel := u.ctx()
	defer cancel()
	ts, err := u.svc.Triggers(ctx)
	if err != nil {
		return 0
	}
	n := 0
	for _, t := range ts {
		if u.svc.IsRunning(t.ID) {
			n++
		}
	}
	return n
}
