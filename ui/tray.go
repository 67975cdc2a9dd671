package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"vigia/app"
)

// tray is the icon and menu in the system tray (notification area): open the
// window, the next run, run a trigger now, pause or resume, quit. The menu is
// rebuilt on the core's events, never on a timer.
type tray struct {
	u      *UI
	menu   *fyne.Menu
	failed bool // the last finished run failed: the icon carries a warning badge
}

func newTray(u *UI) *tray { return &tray{u: u} }

// desktopApp is the Fyne app's tray, when the driver has one (the test driver does not).
func (t *tray) desktopApp() (desktop.App, bool) {
	d, ok := t.u.fyne.(desktop.App)
	return d, ok && t.u.deps.TrayHost
}

// rebuild makes the menu from the current triggers and scheduler state.
func (t *tray) rebuild() {
	t.menu = t.build()
	if d, ok := t.desktopApp(); ok {
		d.SetSystemTrayMenu(t.menu)
		d.SetSystemTrayIcon(t.icon())
	}
}

// Menu is the tray menu as last built (tests read and tap it).
func (t *tray) Menu() *fyne.Menu { return t.menu }

func (t *tray) icon() fyne.Resource {
	if t.failed {
		return iconAppFailed
	}
	return iconApp
}

func (t *tray) build() *fyne.Menu {
	u := t.u
	open := fyne.NewMenuItem(T("bandeja.abrir"), u.Show)
	open.Icon = iconApp

	ctx, cancel := u.ctx()
	defer cancel()
	triggers, err := u.svc.Triggers(ctx)
	if err != nil {
		u.logError("tray: list triggers", err)
	}

	next := fyne.NewMenuItem(t.nextLabel(triggers), nil)
	next.Disabled = true

	var runItems []*fyne.MenuItem
	for _, tr := range triggers {
		if !tr.Active {
			continue
		}
		item := fyne.NewMenuItem(tr.Name, func() { u.runNow(tr.ID) })
		item.Disabled = u.svc.IsRunning(tr.ID)
		runItems = append(runItems, item)
	}
	runNow := fyne.NewMenuItem(T("bandeja.ejecutar_ahora"), nil)
	if len(runItems) == 0 {
		runNow.Disabled = true
	} else {
		runNow.ChildMenu = fyne.NewMenu("", runItems...)
	}

	pause := fyne.NewMenuItem(T("bandeja.pausar"), u.pauseScheduler)
	pause.Icon = theme.MediaPauseIcon()
	if u.svc.Paused() {
		pause = fyne.NewMenuItem(T("bandeja.reanudar"), u.resumeScheduler)
		pause.Icon = theme.MediaPlayIcon()
	}

	quit := fyne.NewMenuItem(T("bandeja.salir"), u.quit)
	quit.IsQuit = true // Fyne adds no Quit of its own, which would skip the running digest
	return fyne.NewMenu("Vigía", open, fyne.NewMenuItemSeparator(), next, runNow, pause,
		fyne.NewMenuItemSeparator(), quit)
}

// nextLabel is "Próxima: <trigger> <hora>", from the scheduler's armed jobs.
func (t *tray) nextLabel(triggers []app.Trigger) string {
	u := t.u
	st := u.svc.SchedulerStatus()
	switch {
	case st.Paused:
		return T("bandeja.proxima_pausado")
	case len(st.Jobs) == 0:
		return T("bandeja.proxima_ninguna")
	}
	j := st.Jobs[0]
	return T("bandeja.proxima", map[string]any{"Trigger": j.Name, "Hora": u.formatDateTime(j.NextRun)})
}

// onEvent keeps the menu and the icon current.
func (t *tray) onEvent(e app.Event) {
	switch e.Kind {
	case app.EventRunFinished:
		switch e.Execution.State {
		case app.StateFailed:
			t.failed = true
		case app.StateSucceeded:
			t.failed = false
		}
	case app.EventRunStarted, app.EventTriggersChanged, app.EventSchedulerChanged, app.EventRecovered:
	default:
		return
	}
	t.rebuild()
}
