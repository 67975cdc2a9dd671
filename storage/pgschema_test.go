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
	// exec runs statement and tells how many rows it wrote.
	exec(t *testing.T, statement string) int64
	// rows is every row of query, one line each, its columns joined by spaces.
	rows(t *testing.T, query string, args ...any) []string
}

// liteConn is SQLite through database/sql, on one connection.
type liteConn struct{ db *sql.DB }

func (c liteConn) exec(t *testing.T, statement string) int64 {
	t.Helper()
	res, err := c.db.ExecContext(t.Context(), statement)
	if err != nil {
		t.Fatalf("sqlite: %v\n%s", err, statement)
	}
	n, _ := res.RowsAffected()
	return n
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

func (c pgConn) exec(t *testing.T, statement string) int64 {
	t.Helper()
	tag, err := c.c.Exec(t.Context(), statement)
	if err != nil {
		t.Fatalf("postgres: %v\n%s", err, statement)
	}
	return tag.RowsAffected()
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

// triggerLine is a trigger's name, event and table. SQLite's UPDATE OF
// column list is left out: PostgreSQL's triggers are statement-level with
// transition tables, which PostgreSQL refuses with a column list; their
// functions compare the old and new rows instead, and the workload below
// checks that they do as SQLite's WHEN does.
func triggerLine(t *testing.T, name, ddl string) string {
	t.Helper()
	m := triggerEvent.FindStringSubmatch(ddl)
	if m == nil {
		t.Fatalf("trigger %s: no AFTER event in %s", name, ddl)
	}
	return fmt.Sprintf("trigger %s.%s AFTER %s", m[3], name, m[1])
}

// pgSchema describes PostgreSQL's schema as sqliteSchema does SQLite's,
// without the notices' triggers (*_aviso*), which SQLite has not.
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
			WHERE NOT tgisinternal AND tgname NOT LIKE '%\_aviso%'`) {
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
	// and every PostgreSQL trigger runs once per statement, over the rows
	// the statement wrote: a row trigger would update a count's total row
	// once per row, which costs PostgreSQL O(N²) in one transaction
	perRow := p.pg.rows(t, `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
		AND (pg_get_triggerdef(oid) NOT LIKE '%FOR EACH STATEMENT%'
			OR (tgname NOT LIKE '%\_aviso\_truncate' AND tgname NOT IN ('empresas_aviso', 'alertas_aviso', 'calendario_datos_aviso')
				AND pg_get_triggerdef(oid) NOT LIKE '%REFERENCING%'))`)
	if len(perRow) > 0 {
		t.Errorf("triggers not statement-level over their transition tables: %v", perRow)
	}
}

// step is one transaction of the workload: its statements on SQLite and on
// PostgreSQL (the same text but where the dialects differ), how much
// schedule_version must move (-1: not checked), and its kind, for the
// test to check that each kind wrote several rows in one statement.
type step struct {
	lite, pg []string
	schedule int
	kind     string
}

func same(schedule int, statements ...string) step {
	return step{lite: statements, pg: statements, schedule: schedule}
}

// counted is what the count tables must hold, from the rows themselves.
const (
	alertTruth = `SELECT empresa_id, prioridad, abierta, n FROM (
		SELECT empresa_id, prioridad, abierta, count(*) AS n FROM alertas GROUP BY 1, 2, 3
		UNION ALL SELECT 0, prioridad, abierta, count(*) FROM alertas GROUP BY 2, 3) c ORDER BY 1, 2, 3`
	alertCounts = `SELECT empresa_id, prioridad, abierta, n FROM alertas_conteo WHERE n <> 0 ORDER BY 1, 2, 3`
	// PostgreSQL keeps no total row of the history (trigger_id 0; the
	// workload's runs are of triggers 1-3): it must have none.
	runTruth  = `SELECT trigger_id, estado, count(*) AS n FROM executions GROUP BY 1, 2 ORDER BY 1, 2`
	runCounts = `SELECT trigger_id, estado, n FROM execution_counts WHERE n <> 0 ORDER BY 1, 2`
)

// state is what the triggers keep, and the rows they follow, as text.
func state(t *testing.T, c conn) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT trigger_id, estado, n FROM execution_counts WHERE trigger_id <> 0 ORDER BY 1, 2`,
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
	// follow (and some they must not), one row or many per statement, in
	// bulk mode too
	p := openPair(t)
	w := newWorkload(rand.New(rand.NewPCG(14, 2)))
	most := map[string]int{} // per kind of step, the most rows one of its statements wrote
	for i := range 500 {
		s := w.next()
		before := scheduleVersion(t, p.sqlite)
		alertsBefore := rowCount(t, p.pg, "alertas")
		// when each dialect runs the same step
		for d, c := range map[string]conn{"sqlite": p.sqlite, "postgres": p.pg} {
			prev := ""
			for _, stmt := range map[string][]string{"sqlite": s.lite, "postgres": s.pg}[d] {
				n := c.exec(t, stmt)
				if d == "postgres" {
					most[s.kind] = max(most[s.kind], int(n))
				}
				if prev == bulkInsert { // the alerts went in, uncounted yet
					w.midBulk[d] = state(t, c)
				}
				prev = stmt
			}
		}
		if s.kind == "cascade" { // the alerts the deleted companies took with them
			most["cascaded alerts"] = max(most["cascaded alerts"], alertsBefore-rowCount(t, p.pg, "alertas"))
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
	for _, kind := range []string{"insert companies", "cascade", "cascaded alerts", "insert alerts", "update alerts",
		"move alerts", "delete alerts", "insert runs", "update runs", "delete runs", "settings", "triggers"} {
		if most[kind] < 2 {
			t.Errorf("no statement of kind %q wrote several rows (at most %d): %v", kind, most[kind], most)
		}
	}
}

// rowCount is how many rows table has.
func rowCount(t *testing.T, c conn, table string) int {
	t.Helper()
	n, _ := strconv.Atoi(c.rows(t, `SELECT count(*) FROM `+table)[0])
	return n
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

func (w *workload) company() int { return w.companies[w.r.IntN(len(w.companies))] }

func (w *workload) next() step {
	switch n := w.r.IntN(100); {
	case n < 7 || len(w.companies) < 2:
		return w.insertCompanies(1 + w.r.IntN(3))
	case n < 11:
		return w.deleteCompanies()
	case n < 27:
		return kind("insert alerts", same(0, w.insertAlerts(1+w.r.IntN(30))))
	case n < 40:
		return kind("update alerts", same(0, w.updateAlert("")))
	case n < 46:
		return kind("move alerts", same(0, w.moveAlerts()))
	case n < 51:
		return kind("delete alerts", same(0, w.deleteAlerts()))
	case n < 56:
		w.bulks++
		first := w.nextAlert
		ids := fmt.Sprintf("%d AND %d", first, first+9)
		// the update leaves the alerts of the bulk insert alone: uncounted
		// yet, they would be counted by it and by the bulk count after it
		return same(0, "BEGIN", bulkInsert, w.insertAlerts(10), w.updateAlert(fmt.Sprintf(" AND id < %d", first)),
			`INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) SELECT * FROM (
				SELECT empresa_id, prioridad, abierta, count(*) FROM alertas WHERE id BETWEEN `+ids+` GROUP BY 1, 2, 3
				UNION ALL SELECT 0, prioridad, abierta, count(*) FROM alertas WHERE id BETWEEN `+ids+` GROUP BY 2, 3) c WHERE true
				ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = alertas_conteo.n + excluded.n`,
			`UPDATE alertas_version SET v = v + CASE WHEN EXISTS (SELECT 1 FROM alertas WHERE id BETWEEN `+ids+`) THEN 1 ELSE 0 END`,
			`DELETE FROM alertas_en_bloque`, "COMMIT")
	case n < 73:
		return w.runStatement()
	case n < 86:
		return kind("settings", w.setting())
	default:
		return kind("triggers", same(-1, w.pick(
			`INSERT INTO triggers (nombre, frecuencia) VALUES ('a', 'diaria'), ('b', 'semanal')`,
			`UPDATE triggers SET activo = 1 - activo WHERE id % 2 = 0`,
			`UPDATE triggers SET nombre = nombre WHERE id = 999`,
			fmt.Sprintf(`DELETE FROM triggers WHERE id IN (%d, %d)`, 1+w.r.IntN(20), 1+w.r.IntN(20)))))
	}
}

func kind(k string, s step) step {
	s.kind = k
	return s
}

// insertCompanies inserts n companies in one statement.
func (w *workload) insertCompanies(n int) step {
	var rows []string
	for range n {
		w.companies = append(w.companies, w.nextCompany)
		rows = append(rows, fmt.Sprintf("(%d, 'E', 'e%[1]d')", w.nextCompany))
		w.nextCompany++
	}
	return kind("insert companies", same(0, `INSERT INTO empresas (id, nombre, nombre_clave) VALUES `+strings.Join(rows, ", ")))
}

// deleteCompanies deletes one company or two in one statement, their
// alerts by the cascade (PostgreSQL runs one cascading delete per company).
func (w *workload) deleteCompanies() step {
	var ids []string
	for range min(1+w.r.IntN(2), len(w.companies)-1) {
		i := w.r.IntN(len(w.companies))
		ids = append(ids, strconv.Itoa(w.companies[i]))
		w.companies = slices.Delete(w.companies, i, i+1)
	}
	return kind("cascade", same(0, `DELETE FROM empresas WHERE id IN (`+strings.Join(ids, ", ")+`)`))
}

// insertAlerts inserts n alerts in one statement, user's and calendar ones;
// a calendar alert whose due date has one already (in the table or earlier
// in the statement) is skipped.
func (w *workload) insertAlerts(n int) string {
	var rows []string
	for range n {
		origin := w.pick("", "calendario", "calendario")
		rows = append(rows, fmt.Sprintf("(%d, %d, 't', '%s', %d, %s, '%s', '%s', '%s')", w.nextAlert,
			w.company(), w.pick("critica", "alta", "media", "baja"), w.r.IntN(2),
			w.pick("NULL", "'2025-03-01'", "'2025-04-30'"), origin, w.pick("iva", "renta"), w.pick("2025-01", "2025-02")))
		w.nextAlert++
	}
	return `INSERT INTO alertas (id, empresa_id, titulo, prioridad, abierta, vence_el, origen, obligacion, periodo) VALUES ` +
		strings.Join(rows, ", ") + ` ON CONFLICT DO NOTHING`
}

// updateAlert changes one alert, every alert of a company or a range of
// alerts, in a column the triggers follow or one they do not, only where
// also holds.
func (w *workload) updateAlert(also string) string {
	set := w.pick(
		fmt.Sprintf("prioridad = '%s'", w.pick("critica", "alta", "media", "baja")),
		fmt.Sprintf("abierta = %d", w.r.IntN(2)),
		"abierta = 1 - abierta",
		fmt.Sprintf("empresa_id = %d", w.company()),
		fmt.Sprintf("vence_el = %s", w.pick("NULL", "'2025-03-01'", "'2025-05-31'")),
		"titulo = 'otro', detalle = 'x'", "prioridad = prioridad, abierta = abierta")
	where := fmt.Sprintf("id = %d", 1+w.r.IntN(w.nextAlert))
	switch w.r.IntN(3) {
	case 0:
		where = fmt.Sprintf("empresa_id = %d", w.company())
	case 1:
		from := 1 + w.r.IntN(w.nextAlert)
		where = fmt.Sprintf("id BETWEEN %d AND %d", from, from+w.r.IntN(40))
	}
	if strings.HasPrefix(set, "empresa_id") {
		where += " AND origen = ''" // a calendar alert keeps its company (alertas_calendario)
	}
	return "UPDATE alertas SET " + set + " WHERE " + where + also
}

// moveAlerts is a regeneration's update: several alerts' due date,
// priority and state from a list of rows, only where one of them changes.
func (w *workload) moveAlerts() string {
	var rows []string
	seen := map[int]bool{}
	for range 2 + w.r.IntN(15) {
		id := 1 + w.r.IntN(w.nextAlert)
		if !seen[id] {
			seen[id] = true
			rows = append(rows, fmt.Sprintf("(%d, %s, '%s', %d)", id, w.pick("NULL", "'2025-03-01'", "'2025-05-31'", "'2025-06-30'"),
				w.pick("critica", "alta", "media", "baja"), w.r.IntN(2)))
		}
	}
	return `UPDATE alertas SET (vence_el, prioridad, abierta) = (v.column2, v.column3, v.column4) FROM (VALUES ` +
		strings.Join(rows, ", ") + `) AS v WHERE alertas.id = v.column1
		AND (alertas.vence_el, alertas.prioridad, alertas.abierta) IS DISTINCT FROM (v.column2, v.column3, v.column4)`
}

// deleteAlerts deletes one alert, a range of them, or a company's of one
// priority.
func (w *workload) deleteAlerts() string {
	from := 1 + w.r.IntN(w.nextAlert)
	return "DELETE FROM alertas WHERE " + w.pick(fmt.Sprintf("id = %d", from), fmt.Sprintf("id BETWEEN %d AND %d", from, from+20),
		fmt.Sprintf("empresa_id = %d AND prioridad = '%s'", w.company(), w.pick("critica", "alta", "media", "baja")))
}

// runStatement claims slots (some twice, some twice in one statement),
// records manual runs, or changes or deletes runs, one or many.
func (w *workload) runStatement() step {
	switch w.r.IntN(5) {
	case 0, 1:
		var rows []string
		for range 1 + w.r.IntN(8) {
			trigger, slot, origin := 1+w.r.IntN(3), 1000*(1+w.r.IntN(6)), w.pick("programada", "recuperacion", "manual")
			if origin != "manual" {
				key := fmt.Sprint(trigger, slot)
				if w.slots[key] {
					w.slotClashes++
				}
				w.slots[key] = true
			}
			rows = append(rows, fmt.Sprintf("(%d, %d, %d, 'en_curso', '%s')", w.nextRun, trigger, slot, origin))
			w.nextRun++
		}
		return kind("insert runs", same(0, `INSERT INTO executions (id, trigger_id, programada_para, estado, origen) VALUES `+
			strings.Join(rows, ", ")+` ON CONFLICT DO NOTHING`))
	case 2:
		set := w.pick("estado = 'ok'", "estado = 'error', intentos = 2", "trigger_id = 3", "intentos = intentos + 1", "estado = estado")
		where := w.pick(fmt.Sprintf("id = %d", 1+w.r.IntN(w.nextRun)), fmt.Sprintf("trigger_id = %d", 1+w.r.IntN(3)))
		if strings.HasPrefix(set, "trigger_id") {
			where += " AND origen = 'manual'" // a slot row keeps its trigger (executions_slot)
		}
		return kind("update runs", same(0, `UPDATE executions SET `+set+` WHERE `+where))
	case 3:
		return kind("update runs", same(0, `UPDATE executions SET estado = 'interrumpida' WHERE estado = 'en_curso'`))
	default:
		from := 1 + w.r.IntN(w.nextRun)
		return kind("delete runs", same(0, fmt.Sprintf(`DELETE FROM executions WHERE id BETWEEN %d AND %d`, from, from+w.r.IntN(10))))
	}
}

// setting saves one setting or two in one statement as storage/settings.go
// does (a value it already has is left alone, and schedule_version stays),
// or deletes one.
func (w *workload) setting() step {
	if w.r.IntN(5) == 0 {
		key := w.pick("pausa", "zona")
		_, had := w.settings[key]
		delete(w.settings, key)
		return same(map[bool]int{true: 1, false: 0}[had], fmt.Sprintf(`DELETE FROM settings WHERE clave = '%s'`, key))
	}
	keys := []string{w.pick("pausa", "zona")}
	if w.r.IntN(2) == 0 {
		keys = []string{"pausa", "zona"}
	}
	moves := 0
	var rows []string
	for _, key := range keys {
		value := w.pick("1", "2")
		if old, ok := w.settings[key]; ok && old == value {
			w.sameSettings++
		} else {
			moves++
		}
		w.settings[key] = value
		rows = append(rows, fmt.Sprintf("('%s', '%s')", key, value))
	}
	upsert := `INSERT INTO settings (clave, valor) VALUES ` + strings.Join(rows, ", ") +
		` ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor WHERE settings.valor IS %s excluded.valor`
	return step{lite: []string{fmt.Sprintf(upsert, "NOT")}, pg: []string{fmt.Sprintf(upsert, "DISTINCT FROM")}, schedule: moves}
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
