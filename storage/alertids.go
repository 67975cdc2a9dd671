package storage

import (
	"context"
	"fmt"
)

// alertIDs gives n IDs alertas never had, ascending, to a write that
// inserts alerts with their IDs given (see insertChunks).
type alertIDs func(ctx context.Context, tx querier, n int) ([]int64, error)

// newAlertIDs is the store's way to take new alert IDs.
func (s *Store) newAlertIDs() alertIDs {
	if s.pg != nil {
		return pgAlertIDs
	}
	return sqliteAlertIDs
}

// sqliteAlertIDs are the n IDs after the largest alertas ever had
// (AUTOINCREMENT's sqlite_sequence, or a larger ID written explicitly): the
// writer holds the file's one write lock, so no other write takes them, and
// inserting them moves sqlite_sequence past them.
func sqliteAlertIDs(ctx context.Context, tx querier, n int) ([]int64, error) {
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'alertas'), 0),
		coalesce((SELECT max(id) FROM alertas), 0)) + 1`).Scan(&next); err != nil {
		return nil, fmt.Errorf("next alert ID: %w", err)
	}
	ids := make([]int64, n)
	for k := range ids {
		ids[k] = next + int64(k)
	}
	return ids, nil
}

// pgAlertIDs takes n IDs from alertas' identity sequence: an ID written
// explicitly does not move the sequence, and other transactions insert
// alongside, so the IDs are taken from it (not always consecutive).
func pgAlertIDs(ctx context.Context, tx querier, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('alertas', 'id')) AS id
		FROM generate_series(1, ?) ORDER BY id`, n)
	if err != nil {
		return nil, fmt.Errorf("next alert IDs: %w", err)
	}
	defer rows.Close()
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("next alert IDs: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
