package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// usedKeys returns every key that the Go files of dir pass to T (its second
// argument) or K as a string literal, and that the templates under
// dir/templates pass to .T or $.T, with where each is used; and the K calls
// whose key is not a literal.
func usedKeys(t *testing.T, dir string) (keys map[string]string, dynamic []string) {
	t.Helper()
	keys = map[string]string{}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok || (id.Name != "T" && id.Name != "K") {
				return true
			}
			arg := 0
			if id.Name == "T" {
				arg = 1
			}
			if len(call.Args) <= arg {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				if id.Name == "K" {
					dynamic = append(dynamic, fset.Position(call.Pos()).String())
				}
				return true
			}
			key, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			keys[key] = fset.Position(lit.Pos()).String()
			return true
		})
	}
	templateKeys(t, filepath.Join(dir, "templates"), keys)
	return keys, dynamic
}

// templateT matches a template's call of the view's T: {{$.T "key" ...}}, {{.T "key"}}.
var templateT = regexp.MustCompile(`\.T\s+"([^"]+)"`)

func templateKeys(t *testing.T, dir string, keys map[string]string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range templateT.FindAllSubmatch(data, -1) {
			keys[string(m[1])] = p
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
}

func missingKeys(used map[string]string, msgs map[string]string) []string {
	var missing []string
	for k, at := range used {
		if _, ok := msgs[k]; !ok {
			missing = append(missing, k+" (used at "+at+")")
		}
	}
	sort.Strings(missing)
	return missing
}

// Every key used in the code and the templates has words in both languages,
// the two languages define the same keys, and every text parses.
func TestTranslationsCoverEveryKeyUsed(t *testing.T) {
	used, dynamic := usedKeys(t, ".")
	if len(used) < 40 {
		t.Fatalf("found only %d keys in the source: the scanner is broken", len(used))
	}
	if len(dynamic) > 0 {
		t.Errorf("K must be given a string literal: %v", dynamic)
	}
	msgs := map[string]map[string]string{}
	for _, code := range []string{langSpanish, langEnglish} {
		m, err := languageMessages(code)
		if err != nil {
			t.Fatal(err)
		}
		msgs[code] = m
		if missing := missingKeys(used, m); len(missing) > 0 {
			t.Errorf("%s: %d keys used have no words:\n%s", code, len(missing), strings.Join(missing, "\n"))
		}
	}
	for _, pair := range [][2]string{{langSpanish, langEnglish}, {langEnglish, langSpanish}} {
		for k := range msgs[pair[0]] {
			if _, ok := msgs[pair[1]][k]; !ok {
				t.Errorf("key %q is in %s but not in %s", k, pair[0], pair[1])
			}
		}
	}
	if _, err := texts(); err != nil {
		t.Errorf("a text does not parse: %v", err)
	}
}

// The scanner finds a key that no file defines, in Go and in a template:
// the test above can fail.
func TestMissingKeyIsReported(t *testing.T) {
	dir := t.TempDir()
	src := "package web\n\nfunc f(l string) string { return T(l, \"no.existe.en.go\") + T(l, \"nav.inicio\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "f.go"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates", "parts"), 0o700); err != nil {
		t.Fatal(err)
	}
	tpl := `{{define "content"}}{{$.T "no.existe.en.plantilla" "N" 1}}{{.T "nav.inicio"}}{{end}}`
	if err := os.WriteFile(filepath.Join(dir, "templates", "parts", "x.html"), []byte(tpl), 0o600); err != nil {
		t.Fatal(err)
	}
	used, _ := usedKeys(t, dir)
	es, err := languageMessages(langSpanish)
	if err != nil {
		t.Fatal(err)
	}
	missing := missingKeys(used, es)
	if len(missing) != 2 || !strings.HasPrefix(missing[0], "no.existe.en.go") || !strings.HasPrefix(missing[1], "no.existe.en.plantilla") {
		t.Fatalf("missing = %v, want no.existe.en.go and no.existe.en.plantilla", missing)
	}
}

func TestTFillsPlaceholdersAndPlurals(t *testing.T) {
	if got := T("es", "inicio.estado.activo", "N", 3); got != "Scheduler en marcha: 3 triggers programados." {
		t.Errorf("es: %q", got)
	}
	if got := T("en", "inicio.resumen.enviado", "Alertas", 1, "Destinatarios", 2); got != "1 alert sent to 2 recipients" {
		t.Errorf("en: %q", got)
	}
	if got := T("fr", "nav.inicio"); got != "Inicio" {
		t.Errorf("an unknown language is not Spanish: %q", got)
	}
	if got := T("es", "no.existe"); got != "no.existe" {
		t.Errorf("unknown key: %q", got)
	}
}
