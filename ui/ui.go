package ui

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"vigia/app"
)

// tab is one page of the main window. Each tab lives in its own file, built by
// newXxxTab(u); the UI calls its methods on the UI goroutine only.
type tab interface {
	// object is the tab's content, built once per language.
	object() fyne.CanvasObject
	// refresh re-reads what the tab shows from the service.
	refresh()
	// onEvent is told every event of the core (already on the UI goroutine).
	onEvent(e app.Event)
}

// UI is Vigía's desktop interface: one main window with its tabs, the tray
// menu and the notifications.
type UI struct {
	fyne   fyne.App
	deps   Deps
	svc    *app.Service
	bridge *bridge
	win    fyne.Window

	tabs     *container.AppTabs
	home     *homeTab
	triggers *triggersTab
	alerts   *alertsTab
	calendar *calendarTab
	history  *historyTab
	settings *settingsTab
	all      []tab

	tray    *tray
	dialogs openDialogs  // the dialogs over the window, for Escape to close
	prefs   app.Settings // the saved settings: language, close to tray, notifications
	shown   bool         // the window is on screen (not hidden to the tray)

	life    context.Context    // the background work's, cancelled when Vigía quits (background.go)
	endLife context.CancelFunc // cancels life
}

// uiTimeout bounds one call of the interface into the service.
const uiTimeout = 30 * time.Second

// windowSize is the window's first size at scale 1. With a title bar and a
// taskbar it fits a 1366×768 screen at scale 1 and a 1920×1080 one at 1.5
// (Windows' usual setting); on a smaller screen the window manager makes it
// fit, and as no tab asks for more than about 840×440 (fit_test.go) it
// stays so.
var windowSize = fyne.NewSize(1040, 640)

// maxFirstPixels is the most screen the first window takes, in pixels: a
// 1280×720 screen with a title bar holds it.
var maxFirstPixels = fyne.NewSize(1260, 650)

// firstWindowSize is windowSize, smaller when the user's scale (FYNE_SCALE,
// or Fyne's setting) would make it larger than maxFirstPixels: at 1.5 the
// window opens at 840×433 so a 1280×720 laptop shows it whole. Fyne cannot
// tell the screen's size; a high-DPI screen's own scale is not known yet.
func firstWindowSize(scale float32) fyne.Size {
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(min(windowSize.Width, maxFirstPixels.Width/scale), min(windowSize.Height, maxFirstPixels.Height/scale))
}

// userScale is the scale the user asked for, as Fyne reads it.
func userScale(getenv func(string) string, setting float32) float32 {
	if v, err := strconv.ParseFloat(getenv("FYNE_SCALE"), 32); err == nil && v > 0 {
		return float32(v)
	}
	if setting > 0 {
		return setting
	}
	return 1
}

// New builds the interface over the Fyne app a (main's real app, or a test
// app) and subscribes it to the core's events. It shows nothing yet: call Show.
func New(a fyne.App, d Deps) (*UI, error) {
	return newUI(a, d, newBridge())
}

// newUI is New with the bridge given: tests hand events to the UI goroutine themselves.
func newUI(a fyne.App, d Deps, b *bridge) (*UI, error) {
	if d.Service == nil || d.Settings == nil {
		return nil, fmt.Errorf("ui.New: Service and Settings are required")
	}
	u := &UI{fyne: a, deps: d, svc: d.Service, bridge: b}
	u.life, u.endLife = context.WithCancel(context.Background())
	ctx, cancel := u.ctx()
	defer cancel()
	prefs, err := d.Settings.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	u.prefs = prefs
	if err := UseLanguage(u.language()); err != nil {
		return nil, err
	}
	a.SetIcon(iconApp)
	a.Settings().SetTheme(newTheme())
	u.win = a.NewWindow("Vigía")
	u.win.SetIcon(iconApp)
	u.win.Resize(firstWindowSize(userScale(os.Getenv, a.Settings().Scale())))
	u.win.Canvas().SetOnTypedKey(u.onTypedKey)
	u.win.SetCloseIntercept(u.onCloseWindow)
	u.win.SetMaster()
	u.tray = newTray(u)
	u.build()
	u.bridge.subscribe(u.svc, u.onEvent)
	return u, nil
}

// language is the language the settings ask for: Spanish unless English
// was chosen, or automatic was chosen on an English system.
func (u *UI) language() string {
	switch u.prefs.Language {
	case LangEnglish:
		return LangEnglish
	case app.LanguageAuto:
		return SystemLanguage()
	}
	return LangSpanish
}

// build (re)creates every tab, in the current language, keeping the selected one.
func (u *UI) build() {
	selected := 0
	if u.tabs != nil {
		selected = u.tabs.SelectedIndex()
	}
	u.home = newHomeTab(u)
	u.triggers = newTriggersTab(u)
	u.alerts = newAlertsTab(u)
	u.calendar = newCalendarTab(u)
	u.history = newHistoryTab(u)
	u.settings = newSettingsTab(u)
	u.all = []tab{u.home, u.triggers, u.alerts, u.calendar, u.history, u.settings}
	icons := tabIcons()
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(T("tab.inicio"), icons[0], u.home.object()),
		container.NewTabItemWithIcon(T("tab.triggers"), icons[1], u.triggers.object()),
		container.NewTabItemWithIcon(T("tab.alertas"), icons[2], u.alerts.object()),
		container.NewTabItemWithIcon(T("tab.calendario"), icons[3], u.calendar.object()),
		container.NewTabItemWithIcon(T("tab.historial"), icons[4], u.history.object()),
		container.NewTabItemWithIcon(T("tab.configuracion"), icons[5], u.settings.object()),
	)
	u.tabs.SelectIndex(selected)
	// A tab re-reads what it shows when opened: alerts and companies change
	// through the API too, and no core event announces that.
	u.tabs.OnSelected = func(*container.TabItem) { u.all[u.tabs.SelectedIndex()].refresh() }
	u.win.SetContent(u.tabs)
	u.addTabShortcuts()
	u.refresh()
	u.tray.rebuild()
}

// tabKeys are the keys that, with Ctrl (Cmd on macOS), open each tab in order.
var tabKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6}

// addTabShortcuts binds Ctrl+1 … Ctrl+6 to the tabs.
func (u *UI) addTabShortcuts() {
	for i, key := range tabKeys {
		sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		u.win.Canvas().RemoveShortcut(sc)
		u.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { u.tabs.SelectIndex(i) })
	}
}

// refresh re-reads every tab.
func (u *UI) refresh() {
	for _, t := range u.all {
		t.refresh()
	}
}

// onEvent hands a core event to every tab, the tray and the notifications.
func (u *UI) onEvent(e app.Event) {
	if e.Kind == app.EventSettingsChanged {
		u.settingsChangedElsewhere()
		return
	}
	for _, t := range u.all {
		t.onEvent(e)
	}
	u.tray.onEvent(e)
	u.notify(e)
}

// Show puts the window on screen and in front. Call it on the UI goroutine.
func (u *UI) Show() {
	u.shown = true
	u.win.Show()
	u.win.RequestFocus()
	u.home.visible(true)
}

// ShowFromOutside is Show for other goroutines (a second launch of Vigía asks
// the running one, through the API, to show its window).
func (u *UI) ShowFromOutside() { u.bridge.run(u.Show) }

// Stopped is called, from any goroutine, once Vigía's core has stopped
// (after Salir, a signal, or a failure): the app ends. If Fyne's loop has
// already ended (its own signal handler quit it first), there is nothing
// left to quit and the bridge drops the call.
//
// It ends the driver's loop, which destroys the windows at once, rather
// than closing each window first (App.Quit): a window closed while the loop
// is also ending for a signal can receive one more pointer event after GLFW
// destroyed it, a nil dereference inside GLFW.
func (u *UI) Stopped() {
	u.stopBackground()
	u.bridge.run(u.fyne.Driver().Quit)
}

// hide takes the window off screen; Vigía keeps running in the tray.
func (u *UI) hide() {
	u.shown = false
	u.win.Hide()
	u.home.visible(false)
}

// Window is the main window (tests drive it).
func (u *UI) Window() fyne.Window { return u.win }

// ctx is the context of one call into the service.
func (u *UI) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), uiTimeout)
}

// settingsSaved is called by the Configuración tab after a save: a new
// language rebuilds the interface.
func (u *UI) settingsSaved(s app.Settings) {
	old := u.language()
	u.prefs = s
	if u.language() != old {
		if err := UseLanguage(u.language()); err != nil {
			u.showError(err)
			return
		}
		u.build()
		return
	}
	u.home.refresh() // it shows the mail mode
	u.tray.rebuild()
}
