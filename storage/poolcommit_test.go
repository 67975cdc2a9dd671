package storage

import (
	"context"
	"testing"
	"time"
)

// The PostgreSQL writer bounds a write's COMMIT, not the write: a long
// write (the first calendar of 2,000 companies on a slow server) commits
// however long it takes, while a COMMIT that hangs is cut short.

func TestPostgresWriteLongerThanTheCommitBoundCommits(t *testing.T) {
	// given a writer whose COMMIT may take 300 ms
	s, _ := openPostgres(t)
	s.writer.pool.commitTimeout = 300 * time.Millisecond
	ctx := t.Context()

	// when a write takes a second before it commits
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_sleep(1)`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (clave, valor) VALUES ('larga', 'sí')`)
		return err
	})

	// then it commits
	if err != nil {
		t.Fatalf("a write of 1 s with a commit bound of 300 ms: %v", err)
	}
	var v string
	if err := s.reads().QueryRowContext(ctx, `SELECT valor FROM settings WHERE clave = 'larga'`).Scan(&v); err != nil || v != "sí" {
		t.Fatalf("the long write's row: %q, %v", v, err)
	}
}

func TestPostgresCommitThatHangsIsCutShortAndCommitsNothing(t *testing.T) {
	// given a COMMIT that takes 5 s (a deferred trigger sleeping at commit),
	// and a writer whose COMMIT may take 300 ms
	s, _ := openPostgres(t)
	ctx := t.Context()
	if err := s.ExecSQL(ctx, `CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN PERFORM pg_sleep(5); RETURN NULL; END $$`); err != nil {
		t.Fatal(err)
	}
	if err := s.ExecSQL(ctx, `CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON leases
		DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()`); err != nil {
		t.Fatal(err)
	}
	s.writer.pool.commitTimeout = 300 * time.Millisecond

	// when a write reaches that COMMIT
	start := time.Now()
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO leases (nombre, titular, equipo, pid, vence_en) VALUES ('x', 'y', 'PC', 1, 0)`)
		return err
	})

	// then the writer says it failed well before the COMMIT would end, and
	// nothing was committed
	if took := time.Since(start); err == nil || took > 3*time.Second {
		t.Fatalf("a COMMIT of 5 s with a bound of 300 ms: %v after %v, want an error within 3 s", err, took)
	}
	var n int
	if err := s.reads().QueryRowContext(ctx, `SELECT count(*) FROM leases`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d leases (%v), want none", n, err)
	}
}
