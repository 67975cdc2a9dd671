package cli

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
)

// changeQuiet is the least time between two refreshes of one area: a
// regeneration of the tax calendar, or an import, commits many times in a
// row, and the views need to read the area once after it, not once per
// commit.
const changeQuiet = 250 * time.Millisecond

// changeChecker is the coordinator's part a notice of a changed trigger or
// setting wakes (scheduler.Coordinator).
type changeChecker interface{ CheckChanges() }

// watchChanges hands the database's change notices (PostgreSQL's LISTEN)
// to this process until ctx ends: a changed trigger or setting makes the
// coordinator check the schedule's version at once (its OnChange reloads
// the triggers, the zone, the mail and the pause), and the Service tells the
// views (ChangedElsewhere). A burst of notices of one area makes at most one
// refresh per changeQuiet. It reports whether the database sends notices;
// without them (SQLite) the coordinator's poll stays the only way.
func watchChanges(ctx context.Context, feed app.ChangeFeed, coord changeChecker, svc *app.Service, clock clockwork.Clock, log *slog.Logger) bool {
	r := newChangeRelay(clock, changeQuiet, func(area app.ChangeArea) {
		if area == app.ChangeTriggers || area == app.ChangeSettings {
			coord.CheckChanges()
		}
		svc.ChangedElsewhere(area)
	})
	return feed.WatchChanges(ctx, log, r.notice)
}

// changeRelay passes notices on, each area at most once per quiet: a notice
// of an area not passed on within the last quiet at once, the ones that
// come sooner as one when that quiet time ends (so the last change is never
// left unread).
type changeRelay struct {
	clock clockwork.Clock
	quiet time.Duration
	act   func(app.ChangeArea)

	mu    sync.Mutex
	areas map[app.ChangeArea]*relayGate
}

// relayGate is one area's state: when its quiet time ends, and whether a
// notice waits for that.
type relayGate struct {
	until   time.Time
	pending bool
}

func newChangeRelay(clock clockwork.Clock, quiet time.Duration, act func(app.ChangeArea)) *changeRelay {
	return &changeRelay{clock: clock, quiet: quiet, act: act, areas: map[app.ChangeArea]*relayGate{}}
}

// notice passes area on now, or when its quiet time ends.
func (r *changeRelay) notice(area app.ChangeArea) {
	r.mu.Lock()
	g := r.areas[area]
	if g == nil {
		g = &relayGate{}
		r.areas[area] = g
	}
	now := r.clock.Now()
	switch {
	case g.pending:
		r.mu.Unlock()
	case now.Before(g.until):
		g.pending = true
		r.clock.AfterFunc(g.until.Sub(now), func() { r.flush(area) })
		r.mu.Unlock()
	default:
		g.until = now.Add(r.quiet)
		r.mu.Unlock()
		r.act(area)
	}
}

// flush passes on the notice that waited for area's quiet time to end,
// which starts another.
func (r *changeRelay) flush(area app.ChangeArea) {
	r.mu.Lock()
	g := r.areas[area]
	g.pending, g.until = false, r.clock.Now().Add(r.quiet)
	r.mu.Unlock()
	r.act(area)
}
