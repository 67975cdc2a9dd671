package storage

import (
	"context"
	"log/slog"
	"sync"

	"vigia/app"
)

var _ app.ChangeFeed = (*Store)(nil)

// WatchChanges calls fn with the area of every change committed to the
// database, by any process (this one too), until ctx ends or the store
// closes: on PostgreSQL a connection of its own, not the pool's, LISTENs to
// the notices the schema's triggers send, and reconnects (with growing
// waits) when the server goes away. Each time it begins to listen, the first
// time too, it calls fn with every area: notices sent before were missed
// (which also tells the caller it listens). fn runs on the listener's
// goroutine and should return quickly. log says when the listener loses the
// server and finds it again.
//
// On SQLite it returns false and never calls fn: no notices cross processes
// there, and the coordinator's poll of ScheduleVersion (every 2 s, cheap)
// already brings triggers and settings changed by another process, as it
// always has; alerts changed by another process on the same file are read
// when a view opens, as before.
func (s *Store) WatchChanges(ctx context.Context, log *slog.Logger, fn func(app.ChangeArea)) bool {
	if s.pg == nil {
		return false
	}
	s.watchers.start(ctx, newListener(s.pg.cfg, log, fn))
	return true
}

// changeWatchers are the listeners of a Store, stopped by Close.
type changeWatchers struct {
	mu        sync.Mutex
	closed    bool
	listeners []*changeListener
	cancels   []context.CancelFunc
}

// start starts l until ctx ends or stop; after stop it does not start it.
func (w *changeWatchers) start(ctx context.Context, l *changeListener) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	w.listeners = append(w.listeners, l)
	w.cancels = append(w.cancels, cancel)
	l.start(ctx)
}

// stop stops every listener and waits until they closed their connections.
func (w *changeWatchers) stop() {
	w.mu.Lock()
	w.closed = true
	listeners, cancels := w.listeners, w.cancels
	w.mu.Unlock()
	for i, l := range listeners {
		cancels[i]()
		l.wait()
	}
}
