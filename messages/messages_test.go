package messages

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"vigia/app"
)

// codeConsts are the constants of type app.Code declared in ../app, by name:
// the test walks the source, so no hand list can drift from it.
func codeConsts(t *testing.T) map[string]app.Code {
	t.Helper()
	fset := token.NewFileSet()
	out := map[string]app.Code{}
	for _, f := range parseDir(t, fset, "../app") {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				typ, _ := vs.Type.(*ast.Ident)
				for i, name := range vs.Names {
					isCode := typ != nil && typ.Name == "Code"
					if strings.HasPrefix(name.Name, "Code") && !isCode {
						t.Errorf("app.%s: declare it with the type Code, or the catalogs cannot be checked", name.Name)
					}
					if !isCode {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("app.%s: a code is a string literal", name.Name)
					}
					v, _ := strconv.Unquote(lit.Value)
					out[name.Name] = app.Code(v)
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no app.Code constant found in ../app")
	}
	return out
}

func parseDir(t *testing.T, fset *token.FileSet, dir string) []*ast.File {
	t.Helper()
	var files []*ast.File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || dir == "../app") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// producers are, for each code name, the argument sets its producers pass,
// found in every non-test file of the module: a call naming the code
// constant with an Args literal (or nil) among its arguments, or a Message
// literal. A sample value stands for each argument, of the type its
// expression shows (the words' functions need a list, an integer).
func producers(t *testing.T) map[string][]app.Args {
	t.Helper()
	out := map[string][]app.Args{}
	fset := token.NewFileSet()
	for _, f := range parseDir(t, fset, "..") {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				code, args, ok := codeAndArgs(n.Args)
				if ok {
					out[code] = append(out[code], args)
				}
			case *ast.CompositeLit:
				if typeName(n.Type) == "Message" {
					var elems []ast.Expr
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							elems = append(elems, kv.Value)
						}
					}
					if code, args, ok := codeAndArgs(elems); ok {
						out[code] = append(out[code], args)
					}
				}
			}
			return true
		})
	}
	return out
}

func codeAndArgs(exprs []ast.Expr) (code string, args app.Args, ok bool) {
	found := false
	for _, e := range exprs {
		if name := typeName(e); strings.HasPrefix(name, "Code") && name != "Code" {
			code = name
		}
		if id, isIdent := e.(*ast.Ident); isIdent && id.Name == "nil" {
			found = true
		}
		if lit, isLit := e.(*ast.CompositeLit); isLit && typeName(lit.Type) == "Args" {
			found, args = true, app.Args{}
			for _, el := range lit.Elts {
				kv := el.(*ast.KeyValueExpr)
				key, _ := strconv.Unquote(kv.Key.(*ast.BasicLit).Value)
				args[key] = sample(kv.Value)
			}
		}
	}
	return code, args, code != "" && found
}

// typeName is the name an identifier or a qualified one (app.Args) ends with.
func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

func sample(e ast.Expr) any {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.INT {
			n, _ := strconv.Atoi(e.Value)
			return n
		}
		s, _ := strconv.Unquote(e.Value)
		return s
	case *ast.CompositeLit:
		if _, isSlice := e.Type.(*ast.ArrayType); isSlice {
			return []string{"Diario", "Semanal"}
		}
	case *ast.CallExpr:
		switch typeName(e.Fun) {
		case "len", "int":
			return 2
		}
	case *ast.BinaryExpr:
		return sample(e.X)
	case *ast.SliceExpr:
		return []string{"Diario", "Semanal"}
	}
	return "valor"
}

func TestEveryCodeIsWordedInBothLanguagesWithItsProducersArguments(t *testing.T) {
	codes := codeConsts(t)
	made := producers(t)
	declared := map[app.Code]bool{}
	for name, code := range codes {
		declared[code] = true
		sets := made[name]
		if len(sets) == 0 {
			t.Errorf("app.%s (%s): no producer passes it with an Args literal or nil; its words cannot be checked", name, code)
		}
		for _, lang := range Languages {
			if _, ok := catalogs[lang][code]; !ok {
				t.Errorf("app.%s (%s) has no %s words in messages/catalog", name, code, lang)
				continue
			}
			for _, args := range sets {
				checkRenders(t, lang, name, app.Msg(code, args))
			}
		}
	}
	for _, lang := range Languages {
		for code := range catalogs[lang] {
			if !declared[code] {
				t.Errorf("%s words for %s, which no app.Code constant declares", lang, code)
			}
		}
	}
}

// checkRenders words m, with N both 1 and 2 when its words are a plural.
func checkRenders(t *testing.T, lang, name string, m app.Message) {
	t.Helper()
	ns := []any{nil}
	if catalogs[lang][m.Code].text == nil {
		if _, ok := m.Args["N"]; !ok {
			t.Errorf("app.%s: its %s words are a plural but a producer passes no N", name, lang)
			return
		}
		ns = []any{1, 2}
	}
	for _, n := range ns {
		args := app.Args{}
		for k, v := range m.Args {
			args[k] = v
		}
		if n != nil {
			args["N"] = n
		}
		s, err := render(lang, app.Msg(m.Code, args))
		switch {
		case err != nil:
			t.Errorf("app.%s in %s with %v: %v", name, lang, args, err)
		case strings.TrimSpace(s) == "" || strings.Contains(s, "<no value>") || strings.Contains(s, "%!"):
			t.Errorf("app.%s in %s with %v reads %q", name, lang, args, s)
		}
	}
}

func TestAPluralNeedsBothForms(t *testing.T) {
	fsys := fsWith(map[string]string{"catalog/x.es.json": `{"a.b": {"one": "1 destinatario"}}`})
	if _, err := load(fsys); err == nil || !strings.Contains(err.Error(), `"other"`) {
		t.Fatalf("load = %v, want the missing other form named", err)
	}
}

func TestACodeWordedTwiceInALanguageIsRefused(t *testing.T) {
	fsys := fsWith(map[string]string{
		"catalog/x.es.json": `{"a.b": "uno"}`,
		"catalog/y.es.json": `{"a.b": "otro"}`,
	})
	if _, err := load(fsys); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("load = %v, want a refusal", err)
	}
}

func TestPluralsReadRightInBothLanguages(t *testing.T) {
	fsys := fsWith(map[string]string{
		"catalog/x.es.json": `{"x.n": {"one": "{{.N}} destinatario", "other": "{{.N}} destinatarios"}}`,
		"catalog/x.en.json": `{"x.n": {"one": "{{.N}} recipient", "other": "{{.N}} recipients"}}`,
	})
	cats, err := load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	saved := catalogs
	catalogs = cats
	defer func() { catalogs = saved }()
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{{"es", 1, "1 destinatario"}, {"es", 2, "2 destinatarios"}, {"es", 0, "0 destinatarios"}, {"en", 1, "1 recipient"}, {"en", 2, "2 recipients"}, {"fr", 1, "1 destinatario"}} {
		if got := Text(tc.lang, app.Msg("x.n", app.Args{"N": tc.n})); got != tc.want {
			t.Errorf("Text(%s, N=%d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestAnUnknownCodeReadsAsItself(t *testing.T) {
	if got := Text("en", app.Msg("no.such.code", nil)); got != "no.such.code" {
		t.Fatalf("Text = %q, want the code itself", got)
	}
}

func TestListNamesAFewThingsInEachLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		names []string
		more  int
		want  string
	}{
		{"es", []string{"A"}, 0, "«A»"},
		{"es", []string{"A", "B", "C"}, 0, "«A», «B» y «C»"},
		{"es", []string{"A", "B"}, 3, "«A», «B» y 3 más"},
		{"en", []string{"A", "B", "C"}, 0, "“A”, “B” and “C”"},
		{"en", []string{"A", "B"}, 3, "“A”, “B” and 3 more"},
	} {
		list := funcs(tc.lang)["list"].(func([]string, int) string)
		if got := list(tc.names, tc.more); got != tc.want {
			t.Errorf("list(%s, %v, %d) = %q, want %q", tc.lang, tc.names, tc.more, got, tc.want)
		}
	}
}

func TestEveryCatalogFileHasItsPairInTheOtherLanguage(t *testing.T) {
	files, err := fs.Glob(catalogFiles, "catalog/*.json")
	if err != nil {
		t.Fatal(err)
	}
	areas := map[string][]string{}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		ext := filepath.Ext(base)
		areas[strings.TrimSuffix(base, ext)] = append(areas[strings.TrimSuffix(base, ext)], ext[1:])
	}
	for area, langs := range areas {
		slices.Sort(langs)
		if !slices.Equal(langs, []string{"en", "es"}) {
			t.Errorf("catalog area %s has %v, want en and es", area, langs)
		}
	}
}
