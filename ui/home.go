package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// Sizes of the dashboard's lists.
const (
	homeNextRuns = 10
	homeLastRuns = 10
	// homeFailureScan is how many of the newest failed runs are looked at to
	// find the triggers whose last run failed.
	homeFailureScan = 20
	// homeMaxFailureCards bounds the red cards; the rest are counted.
	homeMaxFailureCards = 3
)

// homeTab is Inicio: what needs attention first (a trigger whose last run
// failed, runs missed while Vigía was off), the scheduler's state, how mail
// leaves, the next runs and the last ones. It refreshes on the core's events;
// only the relative times ("en 2 h 5 min") follow the clock, once a minute
// while the window is on screen.
type homeTab struct {
	u   *UI
	box fyne.CanvasObject

	banners    *fyne.Container
	stateRow   *fyne.Container
	statusIcon *widget.Icon
	status     *widget.Label
	pauseBtn   *widget.Button
	mail       *widget.Label
	mailHint   *fyne.Container
	// the tax calendar loaded (homecalendar.go)
	calendarLine *widget.Label
	calendar     app.CalendarStatus
	nextNote     *widget.Label
	nextTable    *widget.Table
	nextEmpty    *widget.Label
	lastTable    *widget.Table
	lastEmpty    *widget.Label

	shownAt  time.Time // the "now" the relative times were computed for
	next     []upcomingRun
	last     []app.Execution
	failures []app.Execution // the last run of each trigger whose last run failed, newest first
	moreFail int             // failing triggers beyond the cards shown
	recovery app.Recovery

	dismissed        map[int64]bool // failed runs the user put away
	recoveryResolved time.Time      // EvaluatedAt of the recovery the user put away

	// after is time.AfterFunc (tests fire the minute by hand); stopTick stops
	// the armed one, and tickGen makes a tick already queued when the window
	// was hidden do nothing.
	after    func(time.Duration, func()) (stop func() bool)
	stopTick func() bool
	tickGen  int
}

func newHomeTab(u *UI) *homeTab {
	t := &homeTab{u: u, dismissed: map[int64]bool{}, after: afterFunc}
	t.banners = container.NewVBox()
	t.statusIcon = widget.NewIcon(nil)
	t.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.pauseBtn = &widget.Button{OnTapped: t.onPauseResume}
	t.mail = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.mailHint = container.NewBorder(nil, nil, nil,
		&widget.Button{Text: T("inicio.correo.configurar"), Icon: theme.SettingsIcon(), OnTapped: t.onOpenSettings},
		&widget.Label{Text: T("inicio.correo.bandeja_aviso"), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	t.nextNote = &widget.Label{Text: T("inicio.proximas.en_pausa"), Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	t.nextEmpty = &widget.Label{Text: T("inicio.proximas.vacio")}
	t.lastEmpty = &widget.Label{Text: T("inicio.ultimas.vacio")}
	t.nextTable = newGridTable(nextColumns, func() int { return len(t.next) }, t.nextCell)
	t.lastTable = newGridTable(lastColumns, func() int { return len(t.last) }, t.lastCell)

	t.stateRow = container.NewBorder(nil, nil, t.statusIcon, t.pauseBtn, t.status)
	mail := container.NewBorder(nil, nil, widget.NewIcon(theme.MailComposeIcon()), nil, t.mail)
	summary := widget.NewCard("", "", container.NewVBox(t.stateRow, mail, t.mailHint, t.newCalendarLine()))
	nextBox := container.NewBorder(container.NewVBox(sectionHeading(T("inicio.proximas")), t.nextNote), nil, nil, nil,
		container.NewStack(t.nextTable, emptyText(t.nextEmpty)))
	lastBox := container.NewBorder(sectionHeading(T("inicio.ultimas")), nil, nil, nil,
		container.NewStack(t.lastTable, emptyText(t.lastEmpty)))
	// On a small screen, with banners, the dashboard scrolls rather than
	// making the window taller than the screen.
	t.box = container.NewVScroll(container.NewBorder(container.NewVBox(t.banners, summary), nil, nil, nil,
		container.NewGridWithRows(2, nextBox, lastBox)))
	if u.shown {
		t.visible(true) // rebuilt in another language while on screen
	}
	return t
}

func (t *homeTab) object() fyne.CanvasObject { return t.box }

// refresh re-reads everything the dashboard shows.
func (t *homeTab) refresh() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	triggers, err := t.u.svc.Triggers(ctx)
	if err != nil {
		t.u.logError("inicio: listar triggers", err)
	}
	t.shownAt = t.u.svc.Now()
	t.next = app.UpcomingRuns(triggers, t.shownAt, t.u.svc.Location(), homeNextRuns)
	page, err := t.u.svc.Executions(ctx, app.ExecutionFilter{Limit: homeLastRuns})
	if err != nil {
		t.u.logError("inicio: últimas ejecuciones", err)
	}
	t.last = page.Executions
	t.failures, t.moreFail = t.failingTriggers(triggers)
	t.recovery = t.u.svc.LastRecovery()
	t.readCalendar()
	t.showStatus()
	t.showMail()
	t.showCalendar()
	t.showBanners()
	t.showTables()
}

// onEvent refreshes on whatever changes the dashboard: runs, triggers, the
// scheduler's state, recoveries and the tax calendar.
func (t *homeTab) onEvent(e app.Event) {
	switch e.Kind {
	case app.EventRunStarted, app.EventRunFinished, app.EventTriggersChanged,
		app.EventSchedulerChanged, app.EventRecovered, app.EventCalendarChanged:
		t.refresh()
	}
}

// visible tells the tab whether the window is on screen: the relative times
// ("en 2 h 5 min") are kept current only while it is, by a timer armed for
// the next minute and re-armed at each tick. Hidden, nothing runs.
func (t *homeTab) visible(on bool) {
	t.tickGen++
	if t.stopTick != nil {
		t.stopTick()
		t.stopTick = nil
	}
	if on {
		t.refreshTimes()
		t.armTick()
	}
}

// armTick arms the timer for the start of the next minute.
func (t *homeTab) armTick() {
	now := t.u.svc.Now()
	wait := now.Truncate(time.Minute).Add(time.Minute).Sub(now)
	gen := t.tickGen
	t.stopTick = t.after(wait, func() { t.u.bridge.run(func() { t.onTick(gen) }) })
}

// onTick runs on the UI goroutine each minute while the window is shown. A
// tab replaced by a rebuild (another language) stops here.
func (t *homeTab) onTick(gen int) {
	if gen != t.tickGen || t.u.home != t {
		return
	}
	t.stopTick = nil
	t.refreshTimes()
	t.armTick()
}

// refreshTimes brings the relative times up to date; when a listed slot has
// come, the next runs are recomputed (cheap: no run event may have said so yet).
func (t *homeTab) refreshTimes() {
	t.shownAt = t.u.svc.Now()
	if len(t.next) > 0 && !t.next[0].At.After(t.shownAt) {
		t.refresh()
		return
	}
	t.nextTable.Refresh()
	t.lastTable.Refresh()
	t.showBanners()
}

func afterFunc(d time.Duration, fn func()) func() bool { return time.AfterFunc(d, fn).Stop }

// showStatus says whether the scheduler runs, is paused, or another Vigía
// schedules this database.
func (t *homeTab) showStatus() {
	st := t.u.svc.SchedulerStatus()
	t.pauseBtn.Show()
	switch {
	case st.Problem != nil:
		// The lease cannot be written: why, and whether this Vigía still runs triggers.
		t.statusIcon.SetResource(theme.NewErrorThemedResource(theme.WarningIcon()))
		t.status.SetText(TM(*st.Problem))
		t.pauseBtn.Hide()
	case st.Role == app.RoleNone:
		t.statusIcon.SetResource(theme.NewWarningThemedResource(theme.InfoIcon()))
		t.status.SetText(T("inicio.estado.sin_turno"))
		t.pauseBtn.Hide()
	case st.Role == app.RoleStandby:
		t.statusIcon.SetResource(theme.NewPrimaryThemedResource(theme.InfoIcon()))
		leader := st.Leader
		if leader == "" {
			leader = T("inicio.estado.otro_equipo")
		}
		t.status.SetText(T("inicio.estado.espera", map[string]any{"Lider": leader}))
		t.pauseBtn.Hide()
	case st.Paused:
		t.statusIcon.SetResource(theme.NewWarningThemedResource(theme.MediaPauseIcon()))
		t.status.SetText(t.pausedText())
		t.pauseBtn.SetText(T("inicio.reanudar"))
		t.pauseBtn.SetIcon(theme.MediaPlayIcon())
	case !st.Running:
		t.statusIcon.SetResource(theme.NewErrorThemedResource(theme.MediaStopIcon()))
		t.status.SetText(T("inicio.estado.detenido"))
		t.pauseBtn.Hide()
	default:
		t.statusIcon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		t.status.SetText(T("inicio.estado.activo", map[string]any{"N": len(st.Jobs)}))
		t.pauseBtn.SetText(T("inicio.pausar"))
		t.pauseBtn.SetIcon(theme.MediaPauseIcon())
	}
	t.stateRow.Refresh() // the button's width follows its text
}

func (t *homeTab) pausedText() string {
	ctx, cancel := t.u.ctx()
	defer cancel()
	since, err := t.u.svc.PausedSince(ctx)
	if err != nil || since.IsZero() {
		if err != nil {
			t.u.logError("inicio: inicio de la pausa", err)
		}
		return T("inicio.estado.pausa")
	}
	return T("inicio.estado.pausa_desde", map[string]any{"Desde": t.u.formatDateTime(since)})
}

// showMail says how digests leave; with the outbox, where to set up SMTP.
func (t *homeTab) showMail() {
	mode := "—"
	if m := t.u.prefs.MailMode; m.Code != "" {
		mode = TM(m)
	}
	t.mail.SetText(T("inicio.correo", map[string]any{"Modo": mode}))
	if t.outbox() {
		t.mailHint.Show()
	} else {
		t.mailHint.Hide()
	}
}

// outbox reports whether digests go to the file outbox: no SMTP server is set
// (SMTPHost holds SMTP_HOST when the environment sets it).
func (t *homeTab) outbox() bool { return t.u.prefs.SMTPHost == "" }

func (t *homeTab) showTables() {
	// An empty table is not drawn: its column lines would cross the text.
	showWhen(t.nextEmpty, len(t.next) == 0)
	showWhen(t.nextTable, len(t.next) > 0)
	showWhen(t.nextNote, t.u.svc.Paused() && len(t.next) > 0)
	showWhen(t.lastEmpty, len(t.last) == 0)
	showWhen(t.lastTable, len(t.last) > 0)
	t.nextTable.Refresh()
	t.lastTable.Refresh()
}

func (t *homeTab) onPauseResume() {
	if t.u.svc.Paused() {
		t.u.resumeScheduler()
		return
	}
	t.u.pauseScheduler()
}

func (t *homeTab) onOpenSettings() { t.u.tabs.SelectIndex(tabIndexSettings) }

// onShowHistory opens Historial filtered to one trigger (0: unfiltered).
func (t *homeTab) onShowHistory(triggerID int64) {
	t.u.history.showTrigger(triggerID)
	t.u.tabs.SelectIndex(tabIndexHistory)
}

// Positions of the tabs in the window (ui.build).
const (
	tabIndexCalendar = 3
	tabIndexHistory  = 4
	tabIndexSettings = 5
)

// showWhen shows or hides o.
func showWhen(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// sectionHeading is a section's title.
func sectionHeading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
}
