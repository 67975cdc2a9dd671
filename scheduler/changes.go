package scheduler

import (
	"context"
	"time"

	"github.com/jonboulle/clockwork"
)

// VersionStore tells when the schedule changed. storage.Store implements it.
type VersionStore interface {
	// ScheduleVersion changes whenever a trigger or a setting changes, in
	// this process or another one writing the same database.
	ScheduleVersion(ctx context.Context) (int64, error)
}

// CheckChanges makes the poller check the schedule's version now instead of
// at its next tick: the database's change notices (PostgreSQL's LISTEN) call
// it, so that a trigger or a setting changed on another PC is reloaded here
// within a second; the poll stays for a notice that never comes. It never
// blocks: checks asked for while one is pending make one.
func (c *Coordinator) CheckChanges() {
	select {
	case c.checkNow <- struct{}{}:
	default:
	}
}

// pollLoop runs pollChanges at every tick of t and whenever CheckChanges
// asks, on its own goroutine, until ctx ends. Both report to afterTick as
// the "changes" loop.
func (c *Coordinator) pollLoop(ctx context.Context, t clockwork.Ticker) {
	c.loops.Go(func() {
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.Chan():
			case <-c.checkNow:
			}
			now := c.clock.Now()
			c.pollChanges(ctx, now)
			if c.afterTick != nil {
				c.afterTick("changes", now)
			}
		}
	})
}

// changeWatch remembers the schedule version the instance is in step with.
// Only the poller loop (and Start, before it) touches it.
type changeWatch struct {
	known   bool
	version int64
}

// baseline reads the version the instance starts from. When it cannot be
// read, the first version read later counts as a change.
func (w *changeWatch) baseline(ctx context.Context, store VersionStore) {
	if v, err := store.ScheduleVersion(ctx); err == nil {
		w.known, w.version = true, v
	}
}

// pollChanges is the poller loop's tick: a new version calls OnChange, which
// is how a trigger changed by another process reaches this one. A failed
// OnChange leaves the version unseen, so the next tick calls it again.
func (c *Coordinator) pollChanges(ctx context.Context, _ time.Time) {
	v, err := c.store.ScheduleVersion(ctx)
	if err != nil {
		if ctx.Err() == nil {
			c.warnOnce("changes", "no se pudo consultar si cambiaron los triggers", err)
		}
		return
	}
	c.recovered("changes", "se vuelve a consultar si cambiaron los triggers")
	if c.changes.known && v == c.changes.version {
		return
	}
	if c.onChange != nil {
		if err := c.onChange(ctx); err != nil {
			if ctx.Err() == nil {
				c.log.Error("no se pudieron recargar los triggers cambiados; se reintentará", "error", err)
			}
			return
		}
	}
	c.changes.known, c.changes.version = true, v
}
