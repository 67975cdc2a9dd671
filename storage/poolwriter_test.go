package storage

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestPostgresWritesThatDeadlockAreRunAgainWhole(t *testing.T) {
	// given two leases (a table no trigger of PostgreSQL's schema writes from), and two writes that
	// each change both, in opposite orders
	s, _ := openPostgres(t)
	ctx := t.Context()
	if _, err := s.read.ExecContext(ctx, `INSERT INTO leases (nombre, titular, equipo, pid, vence_en)
		VALUES ('a', 'x', '0', 1, 0), ('b', 'x', '0', 1, 0)`); err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	write := func(first, second string, mine, theirs chan struct{}, once *sync.Once) writeFunc {
		return func(ctx context.Context, tx querier) error {
			runs.Add(1)
			if _, err := tx.ExecContext(ctx, `UPDATE leases SET equipo = equipo || '1' WHERE nombre = ?`, first); err != nil {
				return err
			}
			once.Do(func() { close(mine) })
			<-theirs // each holds its first row until the other holds its own: a deadlock
			_, err := tx.ExecContext(ctx, `UPDATE leases SET equipo = equipo || '1' WHERE nombre = ?`, second)
			return err
		}
	}
	aHeld, bHeld := make(chan struct{}), make(chan struct{})
	var onceA, onceB sync.Once
	var errA, errB error

	// when both run at once
	var wg sync.WaitGroup
	wg.Go(func() { errA = s.writer.do(ctx, write("a", "b", aHeld, bHeld, &onceA)) })
	wg.Go(func() { errB = s.writer.do(ctx, write("b", "a", bHeld, aHeld, &onceB)) })
	wg.Wait()

	// then both succeed, the one PostgreSQL chose as the deadlock's victim having run again,
	// and each row holds both writes once (the victim's first run left nothing)
	if errA != nil || errB != nil {
		t.Fatalf("writes: %v, %v", errA, errB)
	}
	if n := runs.Load(); n != 3 {
		t.Errorf("%d runs, want 3 (one run again)", n)
	}
	for _, k := range []string{"a", "b"} {
		var v string
		if err := s.reads().QueryRowContext(ctx, `SELECT equipo FROM leases WHERE nombre = ?`, k).Scan(&v); err != nil || v != "011" {
			t.Errorf("lease %s: equipo %q, %v; want 011", k, v, err)
		}
	}
}

func TestPostgresWriterRunsNothingForADoneContextOrAfterClose(t *testing.T) {
	s, _ := openPostgres(t)
	ran := false
	fn := func(context.Context, querier) error { ran = true; return nil }
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.writer.do(ctx, fn); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("cancelled: %v (ran %v), want context.Canceled and no run", err, ran)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.writer.do(t.Context(), fn); !errors.Is(err, ErrClosed) || ran {
		t.Errorf("after Close: %v (ran %v), want ErrClosed and no run", err, ran)
	}
}
