package scheduler

import (
	"context"
	"time"
)

// VersionStore tells when the schedule changed. storage.Store implements it.
type VersionStore interface {
	// ScheduleVersion changes whenever a trigger or a setting changes, in
	// this process or another one writing the same database.
	ScheduleVersion(ctx context.Context) (int64, error)
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
