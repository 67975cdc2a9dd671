package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// usedKeys returns every key the Go files of dir pass to T or K as a string
// literal, with where it is used; and the calls whose key is not a literal.
func usedKeys(t *testing.T, dir string) (keys map[string]string, dynamic []string) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	keys = map[string]string{}
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
			if !ok || len(call.Args) == 0 {
				return true
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok || (id.Name != "T" && id.Name != "K") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
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
	return keys, dynamic
}

func missingKeys(used map[string]string, msgs map[string]any) []string {
	var missing []string
	for k, at := range used {
		if _, ok := msgs[k]; !ok {
			missing = append(missing, k+" (used at "+at+")")
		}
	}
	sort.Strings(missing)
	return missing
}

// Every key used in the code has a text in every language, and the two
// languages define the same keys.
func TestTranslationsCoverEveryKeyUsed(t *testing.T) {
	used, dynamic := usedKeys(t, ".")
	if len(used) < 20 {
		t.Fatalf("found only %d keys in the source: the scanner is broken", len(used))
	}
	if len(dynamic) > 0 {
		t.Errorf("K must be given a string literal: %v", dynamic)
	}
	msgs := map[string]map[string]any{}
	for _, code := range []string{LangSpanish, LangEnglish} {
		m, err := languageMessages(code)
		if err != nil {
			t.Fatal(err)
		}
		msgs[code] = m
		if missing := missingKeys(used, m); len(missing) > 0 {
			t.Errorf("%s: %d keys used in the code have no translation:\n%s", code, len(missing), strings.Join(missing, "\n"))
		}
	}
	for _, pair := range [][2]string{{LangSpanish, LangEnglish}, {LangEnglish, LangSpanish}} {
		for k := range msgs[pair[0]] {
			if _, ok := msgs[pair[1]][k]; !ok {
				t.Errorf("key %q is in %s but not in %s", k, pair[0], pair[1])
			}
		}
	}
}

// The scanner finds a key that no file defines: the test above can fail.
func TestMissingKeyIsReported(t *testing.T) {
	dir := t.TempDir()
	src := "package ui\n\nfunc f() string { return T(\"no.existe.esta.clave\") + T(\"tab.inicio\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "f.go"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	used, _ := usedKeys(t, dir)
	es, err := languageMessages(LangSpanish)
	if err != nil {
		t.Fatal(err)
	}
	missing := missingKeys(used, es)
	if len(missing) != 1 || !strings.HasPrefix(missing[0], "no.existe.esta.clave") {
		t.Fatalf("missing = %v, want only no.existe.esta.clave", missing)
	}
}

// Spanish holds every text of Fyne's own (dialog buttons, entry menus,
// calendar), so no English word shows through on an English system.
func TestSpanishHasEveryFyneKey(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Skipf("go list: %v", err) // no go tool: nothing to compare with
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fyneKeys map[string]any
	if err := json.Unmarshal(data, &fyneKeys); err != nil {
		t.Fatal(err)
	}
	es, err := languageMessages(LangSpanish)
	if err != nil {
		t.Fatal(err)
	}
	for k := range fyneKeys {
		if _, ok := es[k]; !ok {
			t.Errorf("Fyne's key %q has no Spanish text", k)
		}
	}
}

// Spanish is used whatever the system's locale says, Fyne's own texts included,
// and English can be chosen and left again.
func TestLanguageOverridesTheSystemLocale(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	for _, tt := range []struct {
		code                 string
		tab, quit, yes, wday string
	}{
		{LangSpanish, "Inicio", "Salir", "Sí", "Miércoles"},
		{LangEnglish, "Home", "Quit", "Yes", "Wednesday"},
		{LangSpanish, "Inicio", "Salir", "Sí", "Miércoles"},
	} {
		if err := UseLanguage(tt.code); err != nil {
			t.Fatal(err)
		}
		got := [4]string{T("tab.inicio"), lang.L("Quit"), lang.L("Yes"), lang.X("wednesday", "Wednesday")}
		want := [4]string{tt.tab, tt.quit, tt.yes, tt.wday}
		if got != want {
			t.Errorf("UseLanguage(%q) on system locale %q: texts %q, want %q", tt.code, lang.SystemLocale(), got, want)
		}
	}
}
