package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"

	"vigia/app"
	"vigia/messages"
)

// Languages the interface speaks. Spanish is the default, whatever the system says.
const (
	LangSpanish = "es"
	LangEnglish = "en"
)

//go:embed translations
var translations embed.FS

// Fyne 2.7 cannot be told which language to use: it matches the system's
// locales against the languages it has texts for, falling back to English.
// So the chosen language's texts (Fyne's own keys included) are loaded under
// the names Fyne's matcher will pick: the system's first locale, its
// language, and English. Loading them under the first locale makes it an
// exact match, which no other language can beat.
func localeNames() []string {
	sys := lang.SystemLocale()
	names := []string{string(sys), sys.LanguageString(), LangEnglish}
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.ReplaceAll(n, "-", "_")
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// T returns the text of key in the chosen language. data fills the
// placeholders ({{.N}}) of the text. key must be a string literal (or come
// from K), so the translation test can find it.
func T(key string, data ...any) string {
	return lang.X(key, key, data...)
}

// TM words a message of the core (a refusal, a warning) in the chosen
// language: the core gives codes, package messages holds their words.
func TM(m app.Message) string { return messages.Text(currentLanguage(), m) }

// fieldTexts words every field error of v in the chosen language, by field.
func fieldTexts(v *app.ValidationError) map[string]string {
	out := make(map[string]string, len(v.Problems))
	for field, m := range v.Problems {
		out[field] = TM(m)
	}
	return out
}

// language is the code UseLanguage chose last, read by TM from any goroutine.
var language atomic.Value

func currentLanguage() string {
	if code, ok := language.Load().(string); ok {
		return code
	}
	return LangSpanish
}

// K marks a key kept in a table to be passed to T later; it returns key.
func K(key string) string { return key }

// UseLanguage makes code ("es" or "en"; anything else means Spanish) the
// language of every text created from now on, Fyne's own included (dialog
// buttons, entry menus, calendar). Widgets already built keep their text: the
// caller rebuilds them.
func UseLanguage(code string) error {
	if code != LangEnglish {
		code = LangSpanish
	}
	data, err := languageFile(code)
	if err != nil {
		return err
	}
	for _, name := range localeNames() {
		if err := lang.AddTranslationsForLocale(data, fyneLocale(name)); err != nil {
			return fmt.Errorf("load %s translation as %s: %w", code, name, err)
		}
	}
	language.Store(code)
	return nil
}

// SystemLanguage is the language the automatic setting picks: English on an
// English system, Spanish everywhere else, a C or unset locale included
// (Fyne itself reads those as English).
func SystemLanguage() string {
	loc, err := locale.GetLocale()
	if err == nil && strings.HasPrefix(strings.ToLower(loc), "en") {
		return LangEnglish
	}
	return LangSpanish
}

// languageFile merges every translations/*.<code>.json into one JSON object.
func languageFile(code string) ([]byte, error) {
	msgs, err := languageMessages(code)
	if err != nil {
		return nil, err
	}
	return marshalMessages(msgs)
}

// languageMessages reads every translations/*.<code>.json file: one per area
// of the interface, plus Fyne's own keys.
func languageMessages(code string) (map[string]any, error) {
	files, err := fs.Glob(translations, "translations/*."+code+".json")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no translation files for %q", code)
	}
	all := map[string]any{}
	for _, f := range files {
		part, err := readMessages(f)
		if err != nil {
			return nil, err
		}
		for k, v := range part {
			if _, dup := all[k]; dup {
				return nil, fmt.Errorf("translation key %q is defined twice (again in %s)", k, path.Base(f))
			}
			all[k] = v
		}
	}
	return all, nil
}

func readMessages(name string) (map[string]any, error) {
	data, err := translations.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return m, nil
}

func marshalMessages(m map[string]any) ([]byte, error) { return json.Marshal(m) }

func fyneLocale(name string) fyne.Locale { return fyne.Locale(name) }
