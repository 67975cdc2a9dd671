package storage

import (
	"context"
	"fmt"
)

// heldTriggers are the count and version triggers of the target that
// Transfer holds on PostgreSQL, and recount does their work once: they run
// once per statement (migrations/postgres), so the copy's chunks would cost
// little, but recount rebuilds the counts anyway. SQLite's run once per row:
// there only the alerts' insert triggers are held, with alertas_en_bloque,
// as its calendar writes do.
var heldTriggers = []struct{ table, trigger string }{
	{"executions", "executions_count_insert"},
	{"executions", "executions_count_delete"},
	{"alertas", "alertas_conteo_insert"},
	{"alertas", "alertas_conteo_delete"},
	{"alertas", "alertas_version_insert"},
	{"alertas", "alertas_version_delete"},
}

// holdCounts holds the target's count and version triggers for the
// inserts (and deletes) of the copy, in its transaction: a failed copy
// rolls the hold back with the rest. On PostgreSQL, ALTER TABLE also keeps
// every other connection off the two tables until the copy commits.
func holdCounts(ctx context.Context, tx querier, dialect string) error {
	stmts := []string{`INSERT INTO alertas_en_bloque (id) VALUES (1)`}
	if dialect == DialectPostgres {
		stmts = stmts[:0]
		for _, h := range heldTriggers {
			stmts = append(stmts, "ALTER TABLE "+h.table+" DISABLE TRIGGER "+h.trigger)
		}
	}
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("hold the count triggers: %w", err)
		}
	}
	return nil
}

// recount rebuilds the history's and the alerts' counts from the copied
// rows as their triggers keep them (empresa_id 0: the totals; trigger_id 0
// too, on SQLite only), moves the alerts' version once and releases the
// hold.
func recount(ctx context.Context, tx querier, dialect string) error {
	runTotals := `UNION ALL
				SELECT 0, estado, count(*) FROM executions GROUP BY estado`
	if dialect == DialectPostgres {
		runTotals = ""
	}
	stmts := []string{
		`DELETE FROM execution_counts`,
		`INSERT INTO execution_counts (trigger_id, estado, n)
			SELECT trigger_id, estado, sum(n) FROM (
				SELECT trigger_id, estado, count(*) AS n FROM executions GROUP BY trigger_id, estado
				` + runTotals + `) AS c
			GROUP BY trigger_id, estado`,
		`DELETE FROM alertas_conteo`,
		`INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n)
			SELECT empresa_id, prioridad, abierta, sum(n) FROM (
				SELECT empresa_id, prioridad, abierta, count(*) AS n FROM alertas GROUP BY empresa_id, prioridad, abierta
				UNION ALL
				SELECT 0, prioridad, abierta, count(*) FROM alertas GROUP BY prioridad, abierta) AS c
			GROUP BY empresa_id, prioridad, abierta`,
		`UPDATE alertas_version SET v = v + 1 WHERE id = 1`,
	}
	if dialect == DialectPostgres {
		for _, h := range heldTriggers {
			stmts = append(stmts, "ALTER TABLE "+h.table+" ENABLE TRIGGER "+h.trigger)
		}
	} else {
		stmts = append(stmts, `DELETE FROM alertas_en_bloque`)
	}
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("count the copied rows: %w", err)
		}
	}
	return nil
}
