package storage

import (
	"maps"
	"slices"
	"strings"
)

// writeColumns are the names of alertWrite's columns, in alertArgs' order.
var writeColumns = func() []string {
	cols := strings.Split(alertWrite, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	return cols
}()

// positionsOf are the positions in writeColumns (and alertArgs) of the
// columns names (in), and of the others (out).
func positionsOf(names []string) (in, out []int) {
	for i, col := range writeColumns {
		if slices.Contains(names, col) {
			in = append(in, i)
		} else {
			out = append(out, i)
		}
	}
	if len(in) != len(names) {
		panic("storage: alertWrite lacks a column of " + strings.Join(names, ", "))
	}
	return in, out
}

// namesAt are the names of the columns at positions.
func namesAt(positions []int) []string {
	names := make([]string, len(positions))
	for k, i := range positions {
		names[k] = writeColumns[i]
	}
	return names
}

// Of the columns an update writes, those an index or a trigger of alertas
// reads (keyed) are written, in a statement of their own, only to the rows
// where one of them changes: writing one costs its indexes an entry
// removed and one added, even when the value stays. The others (plain) are
// written to every row.
var (
	alertKeyed       = []string{"empresa_id", "prioridad", "vence_el", "abierta", "origen", "obligacion", "periodo", "cuota"}
	keyedAt, plainAt = positionsOf(alertKeyed)
	alertPlain       = namesAt(plainAt)
)

// A new alert as a regeneration writes it is open and was never resolved,
// edited nor moved: the columns that say so (alertDefaults) hold their
// default values, as alertArgs gives them (the schema's defaults,
// migrations 0001, 0003 and 0008). An insert of such fresh alerts leaves
// those columns out and binds only the others (freshAt): a third fewer
// values, each a call into the driver (52,000 alerts: about 10 % less CPU).
var (
	alertDefaults = map[string]any{"abierta": true, "resuelta_en": nil, "nota_resolucion": "",
		"editada": false, "fecha_anterior": nil, "movida_en": nil}
	defaultAt, freshAt = positionsOf(slices.Collect(maps.Keys(alertDefaults)))
	freshCols          = namesAt(freshAt)
	everyAt, _         = positionsOf(writeColumns)
)

// isFresh reports whether args, an alert's alertArgs, hold alertDefaults.
func isFresh(args []any) bool {
	for _, i := range defaultAt {
		if args[i] != alertDefaults[writeColumns[i]] {
			return false
		}
	}
	return true
}
