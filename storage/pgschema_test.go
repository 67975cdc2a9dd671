package storage_test

// PostgreSQL's migrations (migrations/postgres) against SQLite's
// (migrations), at the level of the schema, so the two cannot drift: every
// SQLite migration is mirrored, both have the same tables, columns, indexes
// and triggers, one workload leaves the same counts and versions in both, and
// PostgreSQL notifies the areas that changed. Both schemas are built from
// the files themselves, each file in its own transaction.

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"

	"vigia/storage/storagetest"
)

// mirrorsLine is the first line of each PostgreSQL migration.
var mirrorsLine = regexp.MustCompile(`^-- Mirrors SQLite migrations? (\d{4})(?:-(\d{4}))?\.$`)

// migrationFiles is dir's NNNN_name.sql files in order, with their text.
func migrationFiles(t *testing.T, dir string) (names, bodies []string) {
	t.Helper()
	matches, err := fs.Glob(os.DirFS(dir), "[0-9][0-9][0-9][0-9]_*.sql")
	if err != nil || len(matches) == 0 {
		t.Fatalf("migrations in %s: %v (%d files)", dir, err, len(matches))
	}
	slices.Sort(matches)
	for _, m := range matches {
		b, err := os.ReadFile(filepath.Join(dir, m))
		if err != nil {
			t.Fatal(err)
		}
		names, bodies = append(names, m), append(bodies, string(b))
	}
	return names, bodies
}

func TestEverySQLiteMigrationHasItsPostgresMirrorInOrder(t *testing.T) {
	sqliteNames, _ := migrationFiles(t, "migrations")
	names, bodies := migrationFiles(t, filepath.Join("migrations", "postgres"))
	next := 1
	for i, body := range bodies {
		first, _, _ := strings.Cut(body, "\n")
		m := mirrorsLine.FindStringSubmatch(first)
		if m == nil {
			t.Fatalf("%s: first line %q, want «-- Mirrors SQLite migration NNNN.» or «… migrations NNNN-MMMM.»", names[i], first)
		}
		from, _ := strconv.Atoi(m[1])
		to := from
		if m[2] != "" {
			to, _ = strconv.Atoi(m[2])
		}
		if from != next || to < from {
			t.Fatalf("%s mirrors SQLite %d-%d, want it to start at %d", names[i], from, to, next)
		}
		next = to + 1
	}
	if next != len(sqliteNames)+1 {
		t.Fatalf("PostgreSQL's migrations mirror SQLite's up to %04d; SQLite's go up to %s: add its mirror to migrations/postgres",
			next-1, sqliteNames[len(sqliteNames)-1])
	}
}

// conn is one connection to a database of either dialect; "BEGIN" and
// "COMMIT" are statements like any other, so a transaction's statements and
// the queries between them share it.
type conn interface {
	exec(t *testing.T, statement string)
	// rows is every row of query, one line each, its columns joined by spaces.
	rows(t *testing.T, query string, args ...any) []string
}

// liteConn is SQLite through database/sql, on one connection.
type liteConn struct{ db *sql.DB }

func (c liteConn) exec(t *testing.T, statement string) {
	t.Helper()
	if _, err := c.db.ExecContext(t.Context(), statement); err != nil {
		t.Fatalf("sqlite: %v\n%s", err, statement)
	}
}

func (c liteConn) rows(t *testing.T, query string, args ...any) []string {
	t.Helper()
	rows, err := c.db.QueryContext(t.Context(), query, args...)
	if err != nil {
		t.Fatalf("sqlite: %v\n%s", err, query)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, joinValues(vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// pgConn is PostgreSQL through pgx.
type pgConn struct{ c *pgx.Conn }

func (c pgConn) exec(t *testing.T, statement string) {
	t.Helper()
	if _, err := c.c.Exec(t.Context(), statement); err != nil {
		t.Fatalf("postgres: %v\n%s", err, statement)
	}
}

func (c pgConn) rows(t *testing.T, query string, args ...any) []string {
	t.Helper()
	rows, err := c.c.Query(t.Context(), query, args...)
	if err != nil {
		t.Fatalf("postgres: %v\n%s", err, query)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, joinValues(vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("postgres: %v\n%s", err, query)
	}
	return out
}

func joinValues(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			parts[i] = "NULL"
		case []byte:
			parts[i] = string(v)
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return strings.Join(parts, " ")
}

// schemaPair is one database of each dialect, each with its migrations
// applied, each file in its own transaction.
type schemaPair struct{ sqlite, pg conn }

func openPair(t *testing.T) schemaPair {
	t.Helper()
	pg, err := pgx.Connect(t.Context(), storagetest.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pg.Close(context.Background()) })
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "v.db")+"?_pragma=foreign_keys(ON)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	p := schemaPair{liteConn{db}, pgConn{pg}}
	applyFiles(t, p.sqlite, "migrations")
	applyFiles(t, p.pg, filepath.Join("migrations", "postgres"))
	return p
}

func applyFiles(t *testing.T, c conn, dir string) {
	t.Helper()
	_, bodies := migrationFiles(t, dir)
	for _, body := range bodies {
		c.exec(t, "BEGIN")
		c.exec(t, body)
		c.exec(t, "COMMIT")
	}
}

// sqliteSchema describes SQLite's tables, columns, indexes and triggers in
// PostgreSQL's terms: INTEGER is bigint, BLOB bytea, every text is COLLATE
// "C"; an integer primary key "id" of a table that is not a single row
// (CHECK (id = 1)) is an identity; a named non-unique index ends with id,
// as SQLite's end with the rowid.
func sqliteSchema(t *testing.T, db conn) []string {
	t.Helper()
	types := map[string]string{"INTEGER": "bigint", "TEXT": "text C", "BLOB": "bytea"}
	var out []string
	for _, row := range db.rows(t, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`) {
		table, ddl, _ := strings.Cut(row, " ")
		for _, c := range db.rows(t, `SELECT name, type, "notnull" OR pk > 0, coalesce(dflt_value, ''), pk FROM pragma_table_info(?) ORDER BY cid`, table) {
			f := strings.SplitN(c, " ", 5)
			if f[0] == "id" && f[4] == "1" && f[1] == "INTEGER" && !strings.Contains(ddl, "CHECK (id = 1)") {
				f[3] = "identity"
			}
			out = append(out, fmt.Sprintf("column %s.%s %s notnull=%s default=%s pk=%s", table, f[0], types[f[1]], f[2], f[3], f[4]))
		}
		for _, ix := range db.rows(t, `SELECT name, "unique", origin, partial FROM pragma_index_list(?) WHERE origin <> 'pk'`, table) {
			f := strings.Fields(ix)
			cols := db.rows(t, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, f[0])
			if f[1] == "0" {
				cols = append(cols, "id")
			}
			out = append(out, indexLine(table, f[0], f[1] == "1", f[2], f[3] == "1", cols))
		}
	}
	for _, row := range db.rows(t, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`) {
		name, ddl, _ := strings.Cut(row, " ")
		out = append(out, triggerLine(t, name, ddl))
	}
	slices.Sort(out)
	return out
}

func indexLine(table, name string, unique bool, origin string, partial bool, cols []string) string {
	if origin == "u" {
		name = "(constraint)"
	}
	return fmt.Sprintf("index %s.%s unique=%v partial=%v (%s)", table, name, unique, partial, strings.Join(cols, ", "))
}

var triggerEvent = regexp.MustCompile(`(?is)\bAFTER\s+(INSERT|UPDATE|DELETE)(\s+OF\s+[\w\s,]+?)?\s+ON\s+(?:public\.)?(\w+)`)

// triggerLine is a trigger's name, event, columns and table.
func triggerLine(t *testing.T, name, ddl string) string {
	t.Helper()
	m := triggerEvent.FindStringSubmatch(ddl)
	if m == nil {
		t.Fatalf("trigger %s: no AFTER event in %s", name, ddl)
	}
	return strings.TrimSpace(fmt.Sprintf("trigger %s.%s AFTER %s %s", m[3], name, m[1], strings.Join(strings.Fields(m[2]), " ")))
}

// pgSchema describes PostgreSQL's schema as sqliteSchema does SQLite's,
// without the notices' statement-level triggers (*_aviso*).
func pgSchema(t *testing.T, db conn) []string {
	t.Helper()
	var out []string
	for _, table := range db.rows(t, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`) {
		out = append(out, db.rows(t, `SELECT format('column %s.%s %s notnull=%s default=%s pk=%s', $1::text, a.attname,
				format_type(a.atttypid, a.atttypmod) || coalesce(' ' || co.collname, ''), a.attnotnull::int,
				CASE WHEN a.attidentity <> '' THEN 'identity'
					ELSE regexp_replace(coalesce(pg_get_expr(d.adbin, d.adrelid), ''), '::\w+$', '') END,
				coalesce(array_position(p.conkey, a.attnum), 0))
			FROM pg_attribute a
			LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			LEFT JOIN pg_collation co ON co.oid = a.attcollation
			LEFT JOIN pg_constraint p ON p.conrelid = a.attrelid AND p.contype = 'p'
			WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, table)...)
		for _, ix := range db.rows(t, `SELECT i.relname, x.indisunique, coalesce(c.contype::text, 'c'), x.indpred IS NOT NULL,
				(SELECT string_agg(a.attname, ' ' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
					JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum)
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
			LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u')
			WHERE x.indrelid = $1::text::regclass AND coalesce(c.contype::text, 'c') <> 'p'`, table) {
			f := strings.Fields(ix)
			out = append(out, indexLine(table, f[0], f[1] == "true", f[2], f[3] == "true", f[4:]))
		}
	}
	for _, row := range db.rows(t, `SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger
			WHERE NOT tgisinternal AND tgname NOT LIKE '%\_aviso%' AND pg_get_triggerdef(oid) LIKE '%FOR EACH ROW%'`) {
		name, ddl, _ := strings.Cut(row, " ")
		out = append(out, triggerLine(t, name, ddl))
	}
	slices.Sort(out)
	return out
}

func TestPostgresSchemaHasSQLitesTablesColumnsIndexesAndTriggers(t *testing.T) {
	// given both schemas after their newest migration
	p := openPair(t)

	// when each is described in the same terms
	lite, pg := sqliteSchema(t, p.sqlite), pgSchema(t, p.pg)

	// then they are the same, line by line
	for _, l := range lite {
		if !slices.Contains(pg, l) {
			t.Errorf("PostgreSQL lacks: %s", l)
		}
	}
	for _, l := range pg {
		if !slices.Contains(lite, l) {
			t.Errorf("SQLite lacks: %s", l)
		}
	}
	if len(lite) < 100 {
		t.Fatalf("only %d lines describe SQLite's schema", len(lite))
	}
}

// step is one transaction of the workload: its statements on SQLite and on
// PostgreSQL (the same text but where the dialects differ), and how much
// schedule_version must move (-1: not checked).
type step struct {
	lite, pg []string
	schedule int
}

func same(schedule int, statements ...string) step {
	return step{statements, statements, schedule}
}

// counted is what the count tables must hold, from the rows themselves.
const (
	alertTruth = `SELECT empresa_id, prioridad, abierta, n FROM (
		SELECT empresa_id, prioridad, abierta, count(*) AS n FROM alertas GROUP BY 1, 2, 3
		UNION ALL SELECT 0, prioridad, abierta, count(*) FROM alertas GROUP BY 2, 3) c ORDER BY 1, 2, 3`
	alertCounts = `SELECT empresa_id, prioridad, abierta, n FROM alertas_conteo WHERE n <> 0 ORDER BY 1, 2, 3`
	runTruth    = `SELECT trigger_id, estado, n FROM (
		SELECT trigger_id, estado, count(*) AS n FROM executions GROUP BY 1, 2
		UNION ALL SELECT 0, estado, count(*) FROM executions GROUP BY 2) c ORDER BY 1, 2`
	runCounts = `SELECT trigger_id, estado, n FROM execution_counts WHERE n <> 0 ORDER BY 1, 2`
)

// state is what the triggers keep, and the rows they follow, as text.
func state(t *testing.T, c conn) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT trigger_id, estado, n FROM execution_counts ORDER BY 1, 2`,
		`SELECT empresa_id, prioridad, abierta, n FROM alertas_conteo ORDER BY 1, 2, 3`,
		`SELECT n FROM schedule_version`, `SELECT v FROM alertas_version`,
		`SELECT id, empresa_id, prioridad, abierta, coalesce(vence_el, '-') FROM alertas ORDER BY id`,
		`SELECT id, trigger_id, estado, origen FROM executions ORDER BY id`,
	} {
		fmt.Fprintf(&b, "%s\n%s\n", q, strings.Join(c.rows(t, q), "\n"))
	}
	return b.String()
}

func scheduleVersion(t *testing.T, c conn) int {
	t.Helper()
	n, _ := strconv.Atoi(c.rows(t, `SELECT n FROM schedule_version`)[0])
	return n
}

func TestPostgresTriggersKeepWhatSQLitesKeep(t *testing.T) {
	// given both schemas, and a workload of every kind of write the triggers
	// follow (and some they must not), in bulk mode too
	p := openPair(t)
	w := newWorkload(rand.New(rand.NewPCG(14, 2)))
	for i := range 500 {
		s := w.next()
		before := scheduleVersion(t, p.sqlite)
		// when each dialect runs the same step
		for d, c := range map[string]conn{"sqlite": p.sqlite, "postgres": p.pg} {
			prev := ""
			for _, stmt := range map[string][]string{"sqlite": s.lite, "postgres": s.pg}[d] {
				c.exec(t, stmt)
				if prev == bulkInsert { // the alerts went in, uncounted yet
					w.midBulk[d] = state(t, c)
				}
				prev = stmt
			}
		}
		// then both hold the same counts, versions and rows, also in the
		// middle of a bulk insert, and the counts are the rows' counts
		lite, pg := state(t, p.sqlite), state(t, p.pg)
		if lite != pg || w.midBulk["sqlite"] != w.midBulk["postgres"] {
			t.Fatalf("step %d %q: the dialects differ\nsqlite:\n%s%s\npostgres:\n%s%s", i, s.lite, lite, w.midBulk["sqlite"], pg, w.midBulk["postgres"])
		}
		for _, q := range [][2]string{{alertCounts, alertTruth}, {runCounts, runTruth}} {
			if got, want := p.pg.rows(t, q[0]), p.pg.rows(t, q[1]); !slices.Equal(got, want) {
				t.Fatalf("step %d %q: counts %v, rows %v", i, s.pg, got, want)
			}
		}
		// and schedule_version moved as the step says
		if after := scheduleVersion(t, p.pg); s.schedule >= 0 && after != before+s.schedule {
			t.Fatalf("step %d %q: schedule_version %d → %d, want +%d", i, s.pg, before, after, s.schedule)
		}
	}
	if w.bulks == 0 || w.sameSettings == 0 || w.slotClashes == 0 {
		t.Fatalf("the workload missed a case: %d bulk inserts, %d settings saved unchanged, %d slot clashes", w.bulks, w.sameSettings, w.slotClashes)
	}
}

// bulkInsert starts bulk mode (migration 0009), as storage/calendarcounts.go does.
const bulkInsert = `INSERT INTO alertas_en_bloque (id) VALUES (1)`

// workload makes the steps, keeping what it needs to make valid ones.
type workload struct {
	r                                *rand.Rand
	companies                        []int
	nextCompany, nextAlert, nextRun  int
	settings                         map[string]string
	slots                            map[string]bool
	midBulk                          map[string]string
	bulks, sameSettings, slotClashes int
}

func newWorkload(r *rand.Rand) *workload {
	return &workload{r: r, nextCompany: 1, nextAlert: 1, nextRun: 1, settings: map[string]string{},
		slots: map[string]bool{}, midBulk: map[string]string{}}
}

func (w *workload) pick(options ...string) string { return options[w.r.IntN(len(options))] }

func (w *workload) next() step {
	switch n := w.r.IntN(100); {
	case n < 8 || len(w.companies) == 0:
		w.companies = append(w.companies, w.nextCompany)
		w.nextCompany++
		return same(0, fmt.Sprintf(`INSERT INTO empresas (id, nombre, nombre_clave) VALUES (%d, 'E', 'e%[1]d')`, w.nextCompany-1))
	case n < 11:
		i := w.r.IntN(len(w.companies))
		id := w.companies[i]
		w.companies = slices.Delete(w.companies, i, i+1)
		return same(0, fmt.Sprintf(`DELETE FROM empresas WHERE id = %d`, id)) // its alerts go by the cascade
	case n < 30:
		return same(0, w.insertAlerts(1+w.r.IntN(3)))
	case n < 48:
		return same(0, w.updateAlert())
	case n < 53:
		return same(0, fmt.Sprintf(`DELETE FROM alertas WHERE id = %d`, 1+w.r.IntN(w.nextAlert)))
	case n < 58:
		w.bulks++
		ids := fmt.Sprintf("%d AND %d", w.nextAlert, w.nextAlert+2)
		return same(0, "BEGIN", bulkInsert, w.insertAlerts(3), w.updateAlert(),
			`INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) SELECT * FROM (
				SELECT empresa_id, prioridad, abierta, count(*) FROM alertas WHERE id BETWEEN `+ids+` GROUP BY 1, 2, 3
				UNION ALL SELECT 0, prioridad, abierta, count(*) FROM alertas WHERE id BETWEEN `+ids+` GROUP BY 2, 3) c WHERE true
				ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = alertas_conteo.n + excluded.n`,
			`UPDATE alertas_version SET v = v + CASE WHEN EXISTS (SELECT 1 FROM alertas WHERE id BETWEEN `+ids+`) THEN 1 ELSE 0 END`,
			`DELETE FROM alertas_en_bloque`, "COMMIT")
	case n < 75:
		return same(0, w.runStatement())
	case n < 88:
		return w.setting()
	default:
		return same(-1, w.pick(
			`INSERT INTO triggers (nombre, frecuencia) VALUES ('a', 'diaria'), ('b', 'semanal')`,
			`UPDATE triggers SET activo = 1 - activo WHERE id % 2 = 0`,
			`UPDATE triggers SET nombre = nombre WHERE id = 999`,
			fmt.Sprintf(`DELETE FROM triggers WHERE id = %d`, 1+w.r.IntN(20))))
	}
}

// insertAlerts inserts n alerts in one statement, user's and calendar ones;
// a calendar alert whose due date has one already is skipped.
func (w *workload) insertAlerts(n int) string {
	var rows []string
	for range n {
		origin := w.pick("", "calendario", "calendario")
		rows = append(rows, fmt.Sprintf("(%d, %d, 't', '%s', %d, %s, '%s', '%s', '%s')", w.nextAlert,
			w.companies[w.r.IntN(len(w.companies))], w.pick("critica", "alta", "media", "baja"), w.r.IntN(2),
			w.pick("NULL", "'2025-03-01'", "'2025-04-30'"), origin, w.pick("iva", "renta"), w.pick("2025-01", "2025-02")))
		w.nextAlert++
	}
	return `INSERT INTO alertas (id, empresa_id, titulo, prioridad, abierta, vence_el, origen, obligacion, periodo) VALUES ` +
		strings.Join(rows, ", ") + ` ON CONFLICT DO NOTHING`
}

// updateAlert changes one alert, or every alert of a company, in a column
// the triggers follow or one they do not.
func (w *workload) updateAlert() string {
	set := w.pick(
		fmt.Sprintf("prioridad = '%s'", w.pick("critica", "alta", "media", "baja")),
		fmt.Sprintf("abierta = %d", w.r.IntN(2)),
		fmt.Sprintf("empresa_id = %d", w.companies[w.r.IntN(len(w.companies))]),
		fmt.Sprintf("vence_el = %s", w.pick("NULL", "'2025-03-01'", "'2025-05-31'")),
		"titulo = 'otro', detalle = 'x'", "prioridad = prioridad, abierta = abierta")
	where := fmt.Sprintf("id = %d", 1+w.r.IntN(w.nextAlert))
	if w.r.IntN(4) == 0 {
		where = fmt.Sprintf("empresa_id = %d", w.companies[w.r.IntN(len(w.companies))])
	}
	if strings.HasPrefix(set, "empresa_id") {
		where += " AND origen = ''" // a calendar alert keeps its company (alertas_calendario)
	}
	return "UPDATE alertas SET " + set + " WHERE " + where
}

// runStatement claims a slot (twice, sometimes), records a manual run, or
// changes or deletes a run.
func (w *workload) runStatement() string {
	switch w.r.IntN(4) {
	case 0, 1:
		trigger, slot, origin := 1+w.r.IntN(3), 1000*(1+w.r.IntN(6)), w.pick("programada", "recuperacion", "manual")
		if origin != "manual" {
			key := fmt.Sprint(trigger, slot)
			if w.slots[key] {
				w.slotClashes++
			}
			w.slots[key] = true
		}
		w.nextRun++
		return fmt.Sprintf(`INSERT INTO executions (id, trigger_id, programada_para, estado, origen) VALUES (%d, %d, %d, 'en_curso', '%s')
			ON CONFLICT DO NOTHING`, w.nextRun-1, trigger, slot, origin)
	case 2:
		return fmt.Sprintf(`UPDATE executions SET %s WHERE id = %d`, w.pick("estado = 'ok'", "estado = 'error', intentos = 2",
			"trigger_id = 3", "intentos = intentos + 1", "estado = estado"), 1+w.r.IntN(w.nextRun))
	default:
		return fmt.Sprintf(`DELETE FROM executions WHERE id = %d`, 1+w.r.IntN(w.nextRun))
	}
}

// setting saves a setting as storage/settings.go does (a value it already
// has is left alone, and schedule_version stays) or deletes one.
func (w *workload) setting() step {
	key, value := w.pick("pausa", "zona"), w.pick("1", "2")
	if w.r.IntN(5) == 0 {
		_, had := w.settings[key]
		delete(w.settings, key)
		return same(map[bool]int{true: 1, false: 0}[had], fmt.Sprintf(`DELETE FROM settings WHERE clave = '%s'`, key))
	}
	moves := 1
	if old, ok := w.settings[key]; ok && old == value {
		moves = 0
		w.sameSettings++
	}
	w.settings[key] = value
	upsert := fmt.Sprintf(`INSERT INTO settings (clave, valor) VALUES ('%s', '%s') ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor WHERE settings.valor IS %%s excluded.valor`, key, value)
	return step{[]string{fmt.Sprintf(upsert, "NOT")}, []string{fmt.Sprintf(upsert, "DISTINCT FROM")}, moves}
}

// noticesOf is the areas PostgreSQL tells listener after writer runs
// statements, each in its own transaction, up to a marker notice.
func noticesOf(t *testing.T, listener, writer *pgx.Conn, statements ...string) []string {
	t.Helper()
	for _, s := range append(statements, `SELECT pg_notify('vigia_cambios', 'fin')`) {
		if _, err := writer.Exec(t.Context(), s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	var got []string
	for {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		n, err := listener.WaitForNotification(ctx)
		cancel()
		if err != nil {
			t.Fatalf("waiting for notices after %q (got %v): %v", statements, got, err)
		}
		if n.Payload == "fin" {
			return got
		}
		got = append(got, n.Payload)
	}
}

func TestPostgresNotifiesTheAreaOfEachStatementThatWrote(t *testing.T) {
	// given the schema, a session listening and another writing
	p := openPair(t)
	writer := p.pg.(pgConn).c
	listener, err := pgx.Connect(t.Context(), writer.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close(context.Background())
	if _, err := listener.Exec(t.Context(), "LISTEN vigia_cambios"); err != nil {
		t.Fatal(err)
	}
	const saveSetting = `INSERT INTO settings (clave, valor) VALUES ('pausa', '%s')
		ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor WHERE settings.valor IS DISTINCT FROM excluded.valor`
	for _, c := range []struct {
		statements []string
		want       []string
	}{
		{[]string{`INSERT INTO triggers (nombre, frecuencia) VALUES ('a', 'diaria'), ('b', 'diaria')`}, []string{"triggers"}},
		{[]string{`UPDATE triggers SET activo = 0 WHERE id = 1`, `DELETE FROM triggers WHERE id = 2`}, []string{"triggers", "triggers"}},
		{[]string{`UPDATE triggers SET activo = 0 WHERE id = 99`, `DELETE FROM triggers WHERE id = 99`}, nil},
		{[]string{fmt.Sprintf(saveSetting, "1"), fmt.Sprintf(saveSetting, "1"), fmt.Sprintf(saveSetting, "2")}, []string{"ajustes", "ajustes"}},
		{[]string{`DELETE FROM settings WHERE clave = 'pausa'`, `DELETE FROM settings WHERE clave = 'pausa'`}, []string{"ajustes"}},
		{[]string{`INSERT INTO empresas (nombre, nombre_clave) VALUES ('A', 'a'), ('B', 'b')`,
			`INSERT INTO alertas (empresa_id, titulo, prioridad) SELECT 1, 't', 'alta' FROM generate_series(1, 50)`,
			`INSERT INTO calendario_datos (id, contenido, guardado_en) VALUES (1, 'x', 1)`,
			`DELETE FROM empresas WHERE id = 1`}, []string{"alertas", "alertas", "alertas", "alertas"}},
		{[]string{`INSERT INTO executions (trigger_id, estado, origen) VALUES (1, 'ok', 'manual')`,
			`INSERT INTO leases (nombre, titular, equipo, pid, vence_en) VALUES ('scheduler', 'x', 'PC', 1, 1)`}, nil},
		{[]string{`BEGIN`, `UPDATE triggers SET activo = 1`, `UPDATE triggers SET activo = 0`, fmt.Sprintf(saveSetting, "3"),
			`UPDATE alertas SET abierta = 0`, `UPDATE empresas SET nit = '1'`, `COMMIT`}, []string{"triggers", "ajustes", "alertas"}},
		{[]string{`BEGIN`, `UPDATE triggers SET activo = 1`, `ROLLBACK`}, nil},
	} {
		// when it runs statements, then it is told each area once per
		// statement that wrote a row of it (once per transaction), and
		// nothing else
		if got := noticesOf(t, listener, writer, c.statements...); !slices.Equal(got, c.want) {
			t.Errorf("%q: told %q, want %q", c.statements, got, c.want)
		}
	}
}
