package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"vigia/app"
)

// changeChannel is the channel the PostgreSQL schema's statement-level
// triggers notify, with the area they changed as the payload.
const changeChannel = "vigia_cambios"

// Tuning of the change listener.
const (
	// listenCheckEvery is how long the listener waits for a notice before it
	// asks the server whether the connection still lives: a PC that lost
	// the network gets no error, only silence.
	listenCheckEvery = 30 * time.Second
	// listenTimeout bounds connecting, LISTEN and each check.
	listenTimeout = 10 * time.Second
	// The waits between attempts to reconnect double from the first to the last.
	listenRetryFirst = 200 * time.Millisecond
	listenRetryLast  = 5 * time.Second
)

// changeListener holds one dedicated connection (not the pool's: LISTEN
// belongs to a session) listening on changeChannel, and reconnects when the
// server goes away.
type changeListener struct {
	cfg    *pgx.ConnConfig // the store's, copied for each connection
	log    *slog.Logger
	notice func(app.ChangeArea)
	// pid is the server process of the connection listening now, 0 between
	// connections (tests end it with pg_terminate_backend).
	pid  atomic.Uint32
	done chan struct{} // closed when run returns
}

func newListener(cfg *pgx.ConnConfig, log *slog.Logger, notice func(app.ChangeArea)) *changeListener {
	return &changeListener{cfg: cfg, log: log, notice: notice, done: make(chan struct{})}
}

// start listens on changeChannel until ctx ends, calling notice on the
// listener's goroutine.
func (l *changeListener) start(ctx context.Context) { go l.run(ctx) }

// run connects, listens until the connection fails, and connects again,
// until ctx ends. Each time it begins to listen it reports every area as
// changed: notices sent before were missed (while it connected, the first
// time; while it had no connection, after).
func (l *changeListener) run(ctx context.Context) {
	defer close(l.done)
	missed, wait := false, listenRetryFirst
	for ctx.Err() == nil {
		conn, err := l.connect(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if !missed {
				l.log.Warn("no se pudo escuchar los avisos de cambios de la base de datos; se reintenta", "error", err)
			}
			missed = true
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, listenRetryLast)
			continue
		}
		if missed {
			l.log.Info("se vuelven a escuchar los avisos de cambios de la base de datos")
		}
		for _, a := range app.ChangeAreas() {
			l.notice(a)
		}
		wait = listenRetryFirst
		err = l.receive(ctx, conn)
		l.pid.Store(0)
		closeConn(conn)
		if ctx.Err() != nil {
			return
		}
		l.log.Warn("se perdió la conexión de los avisos de cambios de la base de datos; se reintenta", "error", err)
		missed = true
	}
}

// connect opens the dedicated connection and LISTENs on it.
func (l *changeListener) connect(ctx context.Context) (*pgx.Conn, error) {
	cctx, cancel := context.WithTimeout(ctx, listenTimeout)
	defer cancel()
	conn, err := pgx.ConnectConfig(cctx, l.cfg.Copy())
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if _, err := conn.Exec(cctx, "LISTEN "+changeChannel); err != nil {
		closeConn(conn)
		return nil, fmt.Errorf("listen: %w", err)
	}
	l.pid.Store(conn.PgConn().PID())
	return conn, nil
}

// receive hands every notice on conn to l.notice until the connection fails
// (its error) or ctx ends (nil). A silent connection is checked every
// listenCheckEvery.
func (l *changeListener) receive(ctx context.Context, conn *pgx.Conn) error {
	for {
		wctx, cancel := context.WithTimeout(ctx, listenCheckEvery)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return nil
		case err == nil:
			if area, ok := app.ParseChangeArea(n.Payload); ok {
				l.notice(area)
			}
		case errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed():
			if err := l.check(ctx, conn); err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// check asks the server whether conn still lives.
func (l *changeListener) check(ctx context.Context, conn *pgx.Conn) error {
	cctx, cancel := context.WithTimeout(ctx, listenTimeout)
	defer cancel()
	if err := conn.Ping(cctx); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	return nil
}

// closeConn closes conn without waiting long for a server that went away.
func closeConn(conn *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = conn.Close(ctx)
}

// wait blocks until the listener stopped.
func (l *changeListener) wait() { <-l.done }
