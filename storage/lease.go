package storage

import (
	"context"
	"fmt"
	"time"

	"vigia/app"
)

// AcquireLease takes or renews lease name for me, in one write (so two
// processes racing for it are serialized by the database), when: there is
// no row, or the row's holder is me.HolderID, or the row expired
// (vence_en <= now), or steal != "" and the row's holder is steal (the
// caller found that holder dead). Then it writes me with ExpiresAt =
// now+ttl. It returns the lease as it stands afterwards: me when taken, the
// other holder otherwise.
//
// On SQLite now is the caller's (one machine, one clock). On PostgreSQL the
// database's clock is now and the caller's is ignored: the office's PCs'
// clocks differ, the server's is the one they share.
func (s *Store) AcquireLease(ctx context.Context, name string, me app.Lease, now time.Time, ttl time.Duration, steal string) (app.Lease, error) {
	if name == "" || me.HolderID == "" || ttl <= 0 {
		return app.Lease{}, fmt.Errorf("acquire lease %q for %q: invalid arguments (ttl %v)", name, me.HolderID, ttl)
	}
	// expires is now+ttl and clock now, in unix ms, each with its argument.
	expires, expiresArg, clock, clockArgs := "?", now.Add(ttl).UnixMilli(), "?", []any{now.UnixMilli()}
	if s.pg != nil {
		expires, expiresArg, clock, clockArgs = pgNowMS+" + ?", ttl.Milliseconds(), pgNowMS, nil
	}
	// In DO UPDATE's WHERE, leases.* is the row in place and excluded.* is me.
	query := `INSERT INTO leases (nombre, titular, equipo, pid, vence_en) VALUES (?, ?, ?, ?, ` + expires + `)
		ON CONFLICT (nombre) DO UPDATE SET titular = excluded.titular, equipo = excluded.equipo,
			pid = excluded.pid, vence_en = excluded.vence_en
		WHERE leases.titular = excluded.titular OR leases.vence_en <= ` + clock + ` OR (? <> '' AND leases.titular = ?)`
	args := append(append([]any{name, me.HolderID, me.Host, me.PID, expiresArg}, clockArgs...), steal, steal)
	var got app.Lease
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return err
		}
		var err error
		got, err = scanLease(tx.QueryRowContext(ctx,
			`SELECT nombre, titular, equipo, pid, vence_en FROM leases WHERE nombre = ?`, name))
		return err
	})
	if err != nil {
		return app.Lease{}, fmt.Errorf("acquire lease %q for %q: %w", name, me.HolderID, err)
	}
	return got, nil
}

// pgNowMS is PostgreSQL's clock in unix milliseconds: clock_timestamp(),
// the time of the statement's run (now() would be its transaction's start).
const pgNowMS = `CAST(floor(extract(epoch FROM clock_timestamp()) * 1000) AS BIGINT)`

// ReleaseLease deletes lease name if holderID holds it, so a clean stop hands
// over at once instead of after the lease expires. Releasing a lease held by
// someone else, or by no one, does nothing.
func (s *Store) ReleaseLease(ctx context.Context, name, holderID string) error {
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE nombre = ? AND titular = ?`, name, holderID)
		return err
	})
	if err != nil {
		return fmt.Errorf("release lease %q of %q: %w", name, holderID, err)
	}
	return nil
}

func scanLease(r rowScanner) (app.Lease, error) {
	var (
		l       app.Lease
		expires int64
	)
	if err := r.Scan(&l.Name, &l.HolderID, &l.Host, &l.PID, &expires); err != nil {
		return app.Lease{}, fmt.Errorf("read lease back: %w", err)
	}
	l.ExpiresAt = time.UnixMilli(expires).UTC()
	return l, nil
}
