package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// The smallest screen Vigía must fit: 1280×720 at FYNE_SCALE 1.5 is 853×480
// units, about 853×453 under a title bar. A tab (with the tab bar) may ask
// for fitTab at most; a dialog must fit in a window of fitScreen.
var (
	fitScreen = fyne.NewSize(853, 453)
	fitTab    = fyne.NewSize(840, 440)
)

// fitWordWidth is as wide as a label must be, whatever its longest word.
const fitWordWidth = 150

// fitStates are the databases a new user meets first, and a busy one.
var fitStates = []struct {
	name  string
	given func(*testing.T, *testEnv)
}{
	{"vacía", func(*testing.T, *testEnv) {}},
	{"un trigger sin ejecuciones", func(t *testing.T, env *testEnv) { env.createTrigger(trgDraft("Diario")) }},
	{"datos de ejemplo, ejecuciones y un fallo, en pausa", fitBusy},
	{"datos de ejemplo y el calendario de 2027 sin publicar", fitMissingYear},
}

// fitMissingYear is fitBusy with a horizon of 24 months: 2027's official
// calendar is missing, and Inicio and Calendario say so.
func fitMissingYear(t *testing.T, env *testEnv) {
	t.Helper()
	fitBusy(t, env)
	if _, err := env.svc.SetCalendarHorizon(context.Background(), 24); err != nil {
		t.Fatal(err)
	}
	env.drain()
}

// fitBusy loads the demo data, runs one trigger, fails another (a red card
// on Inicio) and pauses the scheduler (one more line on Inicio).
func fitBusy(t *testing.T, env *testEnv) {
	t.Helper()
	if _, err := env.svc.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	env.drain()
	trs, err := env.svc.Triggers(context.Background())
	if err != nil || len(trs) < 2 {
		t.Fatalf("demo triggers %d: %v", len(trs), err)
	}
	histRunNow(env, trs[0].ID)
	histBreakOutbox(env)
	if x := histRunNow(env, trs[1].ID); x.State == app.StateSucceeded {
		t.Fatal("the run with a broken outbox succeeded")
	}
	if err := env.svc.Pause(context.Background()); err != nil {
		t.Fatal(err)
	}
	env.drain()
}

// newFitEnv is a test environment, with Vigía's theme (Fyne's sizes, not
// those of Fyne's test theme), in a window of the smallest screen.
func newFitEnv(t *testing.T) *testEnv {
	t.Helper()
	env := newTestEnv(t)
	if _, ok := env.fyne.Settings().Theme().(vigiaTheme); !ok {
		t.Fatalf("the interface set the theme %T", env.fyne.Settings().Theme())
	}
	env.u.win.Resize(fitScreen)
	return env
}

func TestEveryTabFitsASmallScreenEmptyOrFull(t *testing.T) {
	for _, lang := range []string{LangSpanish, LangEnglish} {
		for _, st := range fitStates {
			t.Run(lang+"/"+st.name, func(t *testing.T) {
				// given the database in that state, in a window of the smallest screen
				env := newFitEnv(t)
				st.given(t, env)
				env.u.settingsSaved(app.Settings{Zone: "America/Bogota", Language: lang})

				for i, item := range env.u.tabs.Items {
					// when a tab is opened
					env.u.tabs.SelectIndex(i)
					env.drain()

					// then the window (the tab bar and the largest tab) asks for no more than the screen has
					content, all := item.Content.MinSize(), env.u.tabs.MinSize()
					t.Logf("%s: content %.0f×%.0f, window content %.0f×%.0f", item.Text, content.Width, content.Height, all.Width, all.Height)
					if all.Width > fitTab.Width || all.Height > fitTab.Height {
						t.Errorf("with %s open the window asks for %.0f×%.0f, more than %.0f×%.0f",
							item.Text, all.Width, all.Height, fitTab.Width, fitTab.Height)
					}
					// and its texts wrap to the room they have
					fitWrappedLabels(t, item.Text, item.Content)
				}
			})
		}
	}
}

// fitWrappedLabels fails when a wrapping label inside root is narrower than
// its longest word (or than fitWordWidth, for a path): it is drawn a few
// letters per line, and asks for the height of all those lines, as a
// wrapping label inside container.NewCenter is.
func fitWrappedLabels(t *testing.T, where string, root fyne.CanvasObject) {
	t.Helper()
	walkVisible(root, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok || l.Wrapping == fyne.TextWrapOff || strings.TrimSpace(l.Text) == "" {
			return
		}
		need := float32(0)
		for _, w := range strings.Fields(l.Text) {
			need = max(need, min(fitWordWidth, fyne.MeasureText(w, theme.TextSize(), l.TextStyle).Width))
		}
		if l.Size().Width < need {
			t.Errorf("%s: the label %q is %.0f wide, narrower than its longest word (%.0f)", where, l.Text, l.Size().Width, need)
		}
	})
}

func TestTheWindowOpensAtASizeALaptopScreenHolds(t *testing.T) {
	// given a new database
	env := newTestEnv(t)

	// when the window opens, it has its first size, not grown by what it shows
	size := env.u.win.Canvas().Size()
	if size != windowSize {
		t.Fatalf("the window opened at %v, not %v", size, windowSize)
	}

	// then, with a title bar and a taskbar (some 70 pixels), it fits a
	// 1366×768 screen at scale 1 and a 1920×1080 one at 1.5
	for _, s := range []struct{ width, height, scale float32 }{{1366, 768, 1}, {1920, 1080, 1.5}} {
		if size.Width*s.scale > s.width || size.Height*s.scale+70 > s.height {
			t.Errorf("%.0f×%.0f at scale %.1f does not fit a %.0f×%.0f screen", size.Width, size.Height, s.scale, s.width, s.height)
		}
	}
}

// At the user's scale 1.5 (FYNE_SCALE=1.5) the first window is smaller, so
// a 1280×720 laptop screen with a title bar (some 70 pixels) holds it whole;
// it never opens smaller than what the tabs need (about 840×440 at most).
func TestTheFirstWindowFitsA1280x720ScreenAtTheUsersScale(t *testing.T) {
	for _, scale := range []float32{1, 1.25, 1.5} {
		size := firstWindowSize(scale)
		if size.Width*scale > 1280 || size.Height*scale+70 > 720 {
			t.Errorf("scale %.2f: %v does not fit a 1280×720 screen", scale, size)
		}
		if size.Width < 840 || size.Height < 430 {
			t.Errorf("scale %.2f: %v is smaller than what the tabs need", scale, size)
		}
	}
	env := map[string]string{"FYNE_SCALE": "1.5"}
	if got := userScale(func(k string) string { return env[k] }, 1); got != 1.5 {
		t.Errorf("userScale with FYNE_SCALE=1.5 = %v", got)
	}
	if got := userScale(func(string) string { return "" }, 1.25); got != 1.25 {
		t.Errorf("userScale with the setting 1.25 = %v", got)
	}
}
