package storage

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRebindNumbersPlaceholdersAndDropsSQLiteHints(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE x = ? AND y IN (?, ?)`, `SELECT a FROM t WHERE x = $1 AND y IN ($2, $3)`},
		{`SELECT '?', "a?b", ? -- ? here
			/* ? there */ ?`, `SELECT '?', "a?b", $1 -- ? here
			/* ? there */ $2`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{`FROM alertas a INDEXED BY alertas_calendario WHERE a.x = ?`, `FROM alertas a  WHERE a.x = $1`},
		{`FROM alertas a NOT INDEXED WHERE a.abierta = 1`, `FROM alertas a  WHERE a.abierta = 1`},
		{"FROM t indexed\n\tby t_idx, u", "FROM t , u"},
		{`ORDER BY e.nombre COLLATE BINARY, a.id`, `ORDER BY e.nombre COLLATE "C", a.id`},
		{`SELECT 'NOT INDEXED', "COLLATE BINARY" -- INDEXED BY x`, `SELECT 'NOT INDEXED', "COLLATE BINARY" -- INDEXED BY x`},
		// words that only look like the hints stay
		{`SELECT not_indexed, indexed_by FROM t WHERE NOT x AND collate_binary = ?`,
			`SELECT not_indexed, indexed_by FROM t WHERE NOT x AND collate_binary = $1`},
		{`SELECT x NOT IN (?) COLLATE NOCASE`, `SELECT x NOT IN ($1) COLLATE NOCASE`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
	}
	for _, c := range cases {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestRebinderKeepsEachRewrite(t *testing.T) {
	var r rebinder
	q := `SELECT ? FROM t INDEXED BY i`
	first := r.rebind(q)
	if second := r.rebind(q); first != `SELECT $1 FROM t ` || second != first || r.size.Load() != 1 {
		t.Fatalf("rebind twice: %q, %q, %d kept", first, second, r.size.Load())
	}
	for i := range maxRebound + 10 {
		r.rebind(fmt.Sprintf("SELECT %d, ?", i))
	}
	if n := r.size.Load(); n != maxRebound {
		t.Errorf("kept %d statements, want at most %d", n, maxRebound)
	}
	if got := r.rebind("SELECT 99999, ?"); got != "SELECT 99999, $1" {
		t.Errorf("a statement past the bound: %q", got)
	}
}

func TestPgArgsAreSQLitesIntegersForBools(t *testing.T) {
	plain := []any{int64(1), "a", nil}
	if got := pgArgs(plain); &got[0] != &plain[0] {
		t.Error("args without a bool were copied")
	}
	args := []any{"x", true, false, 3, nil}
	got := pgArgs(args)
	if want := []any{"x", int64(1), int64(0), 3, nil}; !reflect.DeepEqual(got, want) {
		t.Errorf("pgArgs = %#v, want %#v", got, want)
	}
	if args[1] != true {
		t.Error("the caller's args were changed")
	}
}

var (
	dollarParam   = regexp.MustCompile(`\$[0-9]+`)
	questionDigit = regexp.MustCompile(`\?[0-9]`) // "?1" would read back as $11
)

// FuzzRebind checks rebind against what it must keep: text in quotes and
// comments comes out untouched, and each ? outside them becomes $1, $2… in
// order, nothing else changing (for text without the hints' words).
func FuzzRebind(f *testing.F) {
	f.Add("SELECT ? FROM t WHERE a = '?' AND b = ?", "it's", "x?y")
	f.Add(`"a""b" ? -- c`, "?", "*/")
	f.Add("?", "", "\n")
	f.Fuzz(func(t *testing.T, sql, quoted, comment string) {
		// Any text: no $ in, no hint's word in → only the ? changed, numbered in order.
		if !strings.Contains(sql, "$") && !hasHintWord(sql) && !questionDigit.MatchString(sql) {
			out := rebind(sql)
			n := 0
			back := dollarParam.ReplaceAllStringFunc(out, func(p string) string {
				n++
				if p != "$"+strconv.Itoa(n) {
					t.Errorf("placeholder %s, want $%d, in %q", p, n, out)
				}
				return "?"
			})
			if back != sql {
				t.Fatalf("rebind(%q) = %q: more than the placeholders changed", sql, out)
			}
		}
		// A quoted text and comments between two placeholders: kept as they are.
		lit := "'" + strings.ReplaceAll(quoted, "'", "''") + "'"
		line := "-- " + strings.NewReplacer("\n", " ", "\r", " ").Replace(comment) + "\n"
		block := "/* " + strings.ReplaceAll(comment, "*/", "* /") + " */"
		ident := `"` + strings.ReplaceAll(quoted, `"`, `""`) + `"`
		in := "SELECT ? , " + lit + " , " + ident + " " + line + block + " ?"
		want := "SELECT $1 , " + lit + " , " + ident + " " + line + block + " $2"
		if got := rebind(in); got != want {
			t.Fatalf("rebind(%q)\n = %q\nwant %q", in, got, want)
		}
	})
}

// hasHintWord reports whether s holds a word a hint starts with.
func hasHintWord(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "indexed") || strings.Contains(l, "collate")
}
