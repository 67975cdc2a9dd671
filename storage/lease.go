package storage

import (
	"context"
	"fmt"
	"time"

	"vigia/app"
)

// AcquireLease takes or renews lease name for me, in one immediate
// transaction (so two processes racing for it are serialized by SQLite's
// write lock), when: there is no row, or the row's holder is me.HolderID, or
// the row expired (vence_en <= now), or steal != "" and the row's holder is
// steal (the caller found that holder dead). Then it writes me with
// ExpiresAt = now+ttl. It returns the lease as it stands afterwards: me when
// taken, the other holder otherwise.
func (s *Store) AcquireLease(ctx context.Context, name string, me app.Lease, now time.Time, ttl time.Duration, steal string) (app.Lease, error) {
	if name == "" || me.HolderID == "" || ttl <= 0 {
		return app.Lease{}, fmt.Errorf("acquire lease %q for %q: invalid arguments (ttl %v)", name, me.HolderID, ttl)
	}
	nowMS := now.UnixMilli()
	expires := now.Add(ttl).UnixMilli()
	var got app.Lease
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		// In DO UPDATE's WHERE, leases.* is the row in place and excluded.* is me.
		_, err := tx.ExecContext(ctx, `INSERT INTO leases (nombre, titular, equipo, pid, vence_en)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (nombre) DO UPDATE SET titular = excluded.titular, equipo = excluded.equipo,
				pid = excluded.pid, vence_en = excluded.vence_en
			WHERE leases.titular = excluded.titular OR leases.vence_en <= ? OR (? <> '' AND leases.titular = ?)`,
			name, me.HolderID, me.Host, me.PID, expires, nowMS, steal, steal)
		if err != nil {
			return err
		}
		got, err = scanLease(tx.QueryRowContext(ctx,
			`SELECT nombre, titular, equipo, pid, vence_en FROM leases WHERE nombre = ?`, name))
		return err
	})
	if err != nil {
		return app.Lease{}, fmt.Errorf("acquire lease %q for %q: %w", name, me.HolderID, err)
	}
	return got, nil
}

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
