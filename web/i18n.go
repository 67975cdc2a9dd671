package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"text/template"

	"golang.org/x/text/language"

	"vigia/app"
	"vigia/messages"
)

// Languages of the pages. Spanish is the default.
const (
	langSpanish = "es"
	langEnglish = "en"
)

//go:embed translations
var translationFiles embed.FS

// texts are the words of every key, per language, each a text/template
// ({{.N}} placeholders, {{if eq .N 1}} plurals), parsed once.
var texts = sync.OnceValues(func() (map[string]map[string]*template.Template, error) {
	out := map[string]map[string]*template.Template{}
	for _, code := range []string{langSpanish, langEnglish} {
		msgs, err := languageMessages(code)
		if err != nil {
			return nil, err
		}
		parsed := make(map[string]*template.Template, len(msgs))
		for k, v := range msgs {
			t, err := template.New(k).Option("missingkey=zero").Parse(v)
			if err != nil {
				return nil, fmt.Errorf("translation %s of %q: %w", code, k, err)
			}
			parsed[k] = t
		}
		out[code] = parsed
	}
	return out, nil
})

// T returns the words of key in lang ("en", else Spanish). args are pairs of
// a placeholder's name and its value: T(lang, "inicio.estado.activo", "N", 3).
// key must be a string literal (or come from K) so the translation test finds
// it; an unknown key shows as itself.
func T(lang, key string, args ...any) string {
	all, err := texts()
	if err != nil {
		return key
	}
	t, ok := all[langOf(lang)][key]
	if !ok {
		return key
	}
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		if name, ok := args[i].(string); ok {
			data[name] = args[i+1]
		}
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return key
	}
	return b.String()
}

// K marks a key kept in a table to be passed to T later; it returns key.
func K(key string) string { return key }

// TM words a message of the core in lang.
func TM(lang string, m app.Message) string { return messages.Text(langOf(lang), m) }

// FieldTexts words every field error of v in lang, by field.
func FieldTexts(lang string, v *app.ValidationError) map[string]string {
	out := make(map[string]string, len(v.Problems))
	for field, m := range v.Problems {
		out[field] = TM(lang, m)
	}
	return out
}

func langOf(code string) string {
	if code == langEnglish {
		return langEnglish
	}
	return langSpanish
}

// languageMessages merges every translations/*.<code>.json; a key defined
// twice is an error.
func languageMessages(code string) (map[string]string, error) {
	files, err := fs.Glob(translationFiles, "translations/*."+code+".json")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no translation files for %q", code)
	}
	all := map[string]string{}
	for _, f := range files {
		data, err := translationFiles.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var part map[string]string
		if err := json.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
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

// requestState is what a request works out once: the stored settings, and
// its language.
type requestState struct {
	lang     string
	settings *app.Settings
	err      error
}

type stateKey struct{}

func withRequestState(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), stateKey{}, &requestState{}))
}

// lang is the language of r's pages: the stored Configuración language;
// "auto" (or none readable) is Spanish unless the browser prefers English.
func (s *Server) lang(r *http.Request) string {
	st, _ := r.Context().Value(stateKey{}).(*requestState)
	if st != nil && st.lang != "" {
		return st.lang
	}
	code := ""
	if set, err := s.settings(r); err == nil {
		code = set.Language
	} else {
		s.log.Warn("interfaz web: no se pudo leer el idioma guardado", "error", err)
	}
	code = pageLanguage(r, code)
	if st != nil {
		st.lang = code
	}
	return code
}

// pageLanguage is the pages' language for a stored Configuración language
// code: Spanish or English as stored; "auto" (or anything else) is Spanish
// unless r's browser prefers English.
func pageLanguage(r *http.Request, code string) string {
	if code == langSpanish || code == langEnglish {
		return code
	}
	return browserLanguage(r.Header.Get("Accept-Language"))
}

// settings are the stored settings (Options.Settings), read once per request.
func (s *Server) settings(r *http.Request) (app.Settings, error) {
	st, _ := r.Context().Value(stateKey{}).(*requestState)
	if st != nil && (st.settings != nil || st.err != nil) {
		if st.err != nil {
			return app.Settings{}, st.err
		}
		return *st.settings, nil
	}
	set, err := s.opts.Settings.Settings(r.Context())
	if st != nil {
		st.settings, st.err = &set, err
	}
	return set, err
}

// browserLanguage is English when the browser puts English before Spanish
// among its languages, Spanish otherwise.
func browserLanguage(accept string) string {
	tags, _, err := language.ParseAcceptLanguage(accept)
	if err != nil {
		return langSpanish
	}
	for _, t := range tags {
		base, _ := t.Base()
		switch strings.ToLower(base.String()) {
		case langEnglish:
			return langEnglish
		case langSpanish:
			return langSpanish
		}
	}
	return langSpanish
}
