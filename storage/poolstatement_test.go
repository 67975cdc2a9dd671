package storage

import (
	"context"
	"errors"
	"testing"
)

func TestPostgresOneStatementWritesCommitAloneAndRefuseASecondStatement(t *testing.T) {
	s, _ := openPostgres(t)
	ctx := t.Context()
	count := func() int {
		var n int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM leases`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	insert := func(name string) writeFunc {
		return func(ctx context.Context, tx querier) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO leases (nombre, titular, equipo, pid, vence_en) VALUES (?, 'x', '0', 1, 0)`, name)
			return err
		}
	}

	// a one-statement write commits: another connection sees it at once
	if err := s.writer.doStatement(ctx, insert("a")); err != nil {
		t.Fatalf("one statement: %v", err)
	}
	if n := count(); n != 1 {
		t.Fatalf("%d leases after one statement, want 1", n)
	}

	// a write that sends a second statement is refused before it reaches the server
	err := s.writer.doStatement(ctx, func(ctx context.Context, tx querier) error {
		if err := insert("b")(ctx, tx); err != nil {
			return err
		}
		return insert("c")(ctx, tx)
	})
	if !errors.Is(err, errSecondStatement) {
		t.Fatalf("second statement: %v, want errSecondStatement", err)
	}
	var name string
	err = s.writer.doStatement(ctx, func(ctx context.Context, tx querier) error {
		if err := tx.QueryRowContext(ctx, `SELECT nombre FROM leases WHERE nombre = 'a'`).Scan(&name); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT nombre FROM leases WHERE nombre = 'b'`).Scan(&name)
	})
	if err == nil {
		t.Fatal("a second query through QueryRowContext was sent")
	}
	if n := count(); n != 2 { // a, and b (its own statement, committed alone): c never sent
		t.Fatalf("%d leases, want 2 (c must not have been sent)", n)
	}

	// a done context runs nothing
	done, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.writer.doStatement(done, insert("d")); !errors.Is(err, context.Canceled) {
		t.Fatalf("done context: %v, want context.Canceled", err)
	}
	if n := count(); n != 2 {
		t.Fatalf("%d leases after a done context, want 2", n)
	}
}
