package messages

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"text/template"

	"vigia/app"
)

// Languages are the languages the catalogs hold, Spanish first: any other
// language asked for reads Spanish.
var Languages = []string{"es", "en"}

//go:embed catalog/*.json
var catalogFiles embed.FS

// entry is one code's words: a template, or one per plural form chosen by
// the argument N.
type entry struct {
	text       *template.Template
	one, other *template.Template
}

// catalogs are the entries by language and code, read once.
var catalogs = mustLoad(catalogFiles)

// Text words m in lang ("es" or "en"; anything else is Spanish). A code
// without words, or arguments its words cannot use, reads as the code
// itself: visible, and made impossible by this package's tests.
func Text(lang string, m app.Message) string {
	s, err := render(lang, m)
	if err != nil {
		return string(m.Code)
	}
	return s
}

func render(lang string, m app.Message) (string, error) {
	if lang != "en" {
		lang = "es"
	}
	e, ok := catalogs[lang][m.Code]
	if !ok {
		return "", fmt.Errorf("%s: no %s words", m.Code, lang)
	}
	t := e.text
	if t == nil {
		n, ok := integer(m.Args["N"])
		if !ok {
			return "", fmt.Errorf("%s: a plural needs an integer N, got %v", m.Code, m.Args["N"])
		}
		t = e.other
		if n == 1 {
			t = e.one
		}
	}
	var b strings.Builder
	if err := t.Execute(&b, worded(lang, m.Args)); err != nil {
		return "", fmt.Errorf("%s (%s): %w", m.Code, lang, err)
	}
	return b.String(), nil
}

// worded is args with every message among them worded in lang, so a
// message can name others ("Línea 4: {{.Problems}}"): a Message reads as its
// text, a []Message as their texts one after another, as sentences.
func worded(lang string, args app.Args) map[string]any {
	out := make(map[string]any, len(args))
	for k, v := range args {
		switch v := v.(type) {
		case app.Message:
			out[k] = Text(lang, v)
		case []app.Message:
			texts := make([]string, len(v))
			for i, m := range v {
				texts[i] = Text(lang, m)
			}
			out[k] = strings.Join(texts, " ")
		default:
			out[k] = v
		}
	}
	return out
}

func integer(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case int32:
		return int64(n), true
	}
	return 0, false
}

// mustLoad reads every catalog file; a malformed catalog or a code worded
// twice in one language stops the program at start (and its tests).
func mustLoad(fsys fs.FS) map[string]map[app.Code]entry {
	out, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return out
}

func load(fsys fs.FS) (map[string]map[app.Code]entry, error) {
	out := map[string]map[app.Code]entry{}
	for _, lang := range Languages {
		out[lang] = map[app.Code]entry{}
	}
	files, err := fs.Glob(fsys, "catalog/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		base := strings.TrimSuffix(path.Base(name), ".json")
		lang := path.Ext(base)
		if lang == "" || out[lang[1:]] == nil {
			return nil, fmt.Errorf("%s: name it <area>.<lang>.json, lang one of %v", name, Languages)
		}
		if err := loadFile(fsys, name, lang[1:], out[lang[1:]]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func loadFile(fsys fs.FS, name, lang string, into map[app.Code]entry) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	var raw map[app.Code]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for code, words := range raw {
		if _, dup := into[code]; dup {
			return fmt.Errorf("%s: %s is worded twice in %s", name, code, lang)
		}
		e, err := parseEntry(lang, string(code), words)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		into[code] = e
	}
	return nil
}

func parseEntry(lang, code string, words json.RawMessage) (entry, error) {
	var text string
	if json.Unmarshal(words, &text) == nil {
		t, err := parse(lang, code, text)
		return entry{text: t}, err
	}
	var forms struct{ One, Other *string }
	if err := json.Unmarshal(words, &forms); err != nil {
		return entry{}, fmt.Errorf("%s: words are a string or {\"one\": …, \"other\": …}: %w", code, err)
	}
	if forms.One == nil || forms.Other == nil {
		return entry{}, fmt.Errorf("%s: a plural needs both \"one\" and \"other\"", code)
	}
	one, err := parse(lang, code+"/one", *forms.One)
	if err != nil {
		return entry{}, err
	}
	other, err := parse(lang, code+"/other", *forms.Other)
	return entry{one: one, other: other}, err
}

func parse(lang, name, text string) (*template.Template, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(funcs(lang)).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// funcs are what the words may call: q quotes a value as Go's %q does (the
// API's messages always have); list names a few things ("«a», «b» y «c»"),
// and how many more there are when more is not 0.
func funcs(lang string) template.FuncMap {
	open, close, and, more := "«", "»", " y ", " y %d más"
	if lang == "en" {
		open, close, and, more = "“", "”", " and ", " and %d more"
	}
	return template.FuncMap{
		"q": func(v any) string { return strconv.Quote(fmt.Sprint(v)) },
		"list": func(names []string, rest int) string {
			quoted := make([]string, len(names))
			for i, n := range names {
				quoted[i] = open + n + close
			}
			switch {
			case rest > 0:
				return strings.Join(quoted, ", ") + fmt.Sprintf(more, rest)
			case len(quoted) < 2:
				return strings.Join(quoted, "")
			}
			return strings.Join(quoted[:len(quoted)-1], ", ") + and + quoted[len(quoted)-1]
		},
	}
}
