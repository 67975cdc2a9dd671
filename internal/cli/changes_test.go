package cli

import (
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
)

// acts counts a relay's calls per area.
type acts chan app.ChangeArea

func (a acts) count() map[app.ChangeArea]int {
	n := map[app.ChangeArea]int{}
	for {
		select {
		case area := <-a:
			n[area]++
		default:
			return n
		}
	}
}

func TestABurstOfNoticesOfOneAreaMakesOneRefreshNowAndOneAtTheEndOfTheQuietTime(t *testing.T) {
	// given a relay
	clock := clockwork.NewFakeClock()
	got := make(acts, 1024)
	r := newChangeRelay(clock, changeQuiet, func(a app.ChangeArea) { got <- a })

	// when a regeneration sends 300 notices of alerts at once, and one of settings
	for range 300 {
		r.notice(app.ChangeAlerts)
	}
	r.notice(app.ChangeSettings)

	// then each area is passed on once, at once
	if n := got.count(); n[app.ChangeAlerts] != 1 || n[app.ChangeSettings] != 1 || len(n) != 2 {
		t.Fatalf("passed on %v at once, want alerts and settings once each", n)
	}

	// when the quiet time ends
	if err := clock.BlockUntilContext(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	clock.Advance(changeQuiet)

	// then the alerts that came during it are passed on once more (their
	// last change must be read), the settings that had none are not
	if n := waitActs(t, got, 1); n[app.ChangeAlerts] != 1 || len(n) != 1 {
		t.Fatalf("passed on %v at the end of the quiet time, want alerts once", n)
	}

	// when a notice of settings comes after its quiet time, and one of
	// alerts within the one their last refresh began
	r.notice(app.ChangeSettings)
	clock.Advance(changeQuiet / 2)
	r.notice(app.ChangeAlerts)

	// then the settings go at once, the alerts wait for the end of their quiet time
	if n := got.count(); n[app.ChangeSettings] != 1 || len(n) != 1 {
		t.Fatalf("passed on %v, want settings only", n)
	}
	clock.Advance(changeQuiet / 2)
	if n := waitActs(t, got, 1); n[app.ChangeAlerts] != 1 || len(n) != 1 {
		t.Fatalf("passed on %v at the end of the alerts' quiet time, want alerts once", n)
	}

	// when a whole quiet time passed without notices, the next goes at once
	clock.Advance(changeQuiet)
	r.notice(app.ChangeAlerts)
	if n := got.count(); n[app.ChangeAlerts] != 1 || len(n) != 1 {
		t.Fatalf("passed on %v after a quiet time, want the new notice at once", n)
	}
}

// waitActs waits until n calls came (timers run on their own goroutine),
// and counts them with any that came meanwhile.
func waitActs(t *testing.T, got acts, n int) map[app.ChangeArea]int {
	t.Helper()
	counted := map[app.ChangeArea]int{}
	for range n {
		select {
		case a := <-got:
			counted[a]++
		case <-time.After(5 * time.Second):
			t.Fatalf("no call within 5 s")
		}
	}
	for a, k := range got.count() {
		counted[a] += k
	}
	return counted
}
