package storage

import (
	"context"
	"fmt"

	"vigia/app"
)

// inBulk runs insert with the insert triggers of alertas_conteo and
// alertas_version held (alertas_en_bloque, migration 0009), then does once
// what they would have done for each alert insert returns as inserted: its
// company's and the total's count of its priority and state up by one, and
// the version moved. It all happens in tx: an error rolls the hold back with
// the rest, and no other connection sees it.
func inBulk(ctx context.Context, tx querier, insert func() ([]app.Alert, error)) ([]app.Alert, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO alertas_en_bloque (id) VALUES (1)`); err != nil {
		return nil, fmt.Errorf("hold the count triggers: %w", err)
	}
	inserted, err := insert()
	if err != nil {
		return nil, err
	}
	if err := addCounts(ctx, tx, inserted); err != nil {
		return nil, fmt.Errorf("count the inserted alerts: %w", err)
	}
	if len(inserted) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE alertas_version SET v = v + 1 WHERE id = 1`); err != nil {
			return nil, fmt.Errorf("move the alerts' version: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM alertas_en_bloque`); err != nil {
		return nil, fmt.Errorf("release the count triggers: %w", err)
	}
	return inserted, nil
}

// countKey is one row of alertas_conteo.
type countKey struct {
	company  int64
	priority app.Priority
	open     bool
}

// addCounts adds alerts, just inserted, to alertas_conteo as its insert
// trigger would: by company (and 0, every company), priority and state.
func addCounts(ctx context.Context, tx querier, alerts []app.Alert) error {
	counts := map[countKey]int{}
	for _, a := range alerts {
		counts[countKey{a.CompanyID, a.Priority, a.Open}]++
		counts[countKey{0, a.Priority, a.Open}]++
	}
	keys := make([]countKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	args := make([]any, 0, chunkSizes[0]*4)
	return inChunks(len(keys), func(start, size int) error {
		args = args[:0]
		for _, k := range keys[start : start+size] {
			args = append(args, k.company, string(k.priority), k.open, counts[k])
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) VALUES `+rowsOf(size, 4)+`
			ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = alertas_conteo.n + excluded.n`, args...)
		return err
	})
}
