package ui

import (
	"fyne.io/fyne/v2"
)

// Actions shared by the tray and the tabs. Each one reports its outcome: a
// dialog on error, and the core's events refresh whatever shows the result.

// runNow starts a trigger at once; the history and the tray follow the run
// through the core's events.
func (u *UI) runNow(id int64) {
	ctx, cancel := u.ctx()
	defer cancel()
	x, err := u.svc.RunNow(ctx, id)
	if err != nil {
		u.reportError(err)
		return
	}
	u.logger().Info("ejecución manual iniciada desde la interfaz", "trigger_id", id, "ejecucion_id", x.ID)
}

// pauseScheduler and resumeScheduler persist the pause for every process on the database.
func (u *UI) pauseScheduler() {
	ctx, cancel := u.ctx()
	defer cancel()
	if err := u.svc.Pause(ctx); err != nil {
		u.reportError(err)
	}
}

func (u *UI) resumeScheduler() {
	ctx, cancel := u.ctx()
	defer cancel()
	if err := u.svc.Resume(ctx); err != nil {
		u.reportError(err)
	}
}

// reportError shows err in the window when it is on screen, else as a
// notification (an action from the tray while the window is hidden).
func (u *UI) reportError(err error) {
	u.logError("acción de la interfaz", err)
	if u.shown {
		u.showError(err)
		return
	}
	u.sendNotification(fyne.NewNotification("Vigía", errorText(err)))
}
