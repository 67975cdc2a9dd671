package ui

import (
	"fmt"
	"strings"
	"testing"

	"vigia/app"
)

// diskError is what storage returns when the database cannot be written.
type diskError struct {
	kind    error
	problem app.Message
}

func (e diskError) Error() string        { return e.kind.Error() + ": database or disk is full (13)" }
func (e diskError) Unwrap() error        { return e.kind }
func (e diskError) Problem() app.Message { return e.problem }

func TestAChangeTheDiskRefusedSaysWhatToDoInTheChosenLanguage(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	path := "/datos/vigia.db"
	full := fmt.Errorf("crear empresa: %w", diskError{app.ErrStorageFull, app.Msg(app.CodeStorageFull, app.Args{"Path": path})})
	readOnly := diskError{app.ErrStorageReadOnly, app.Msg(app.CodeStorageReadOnly, app.Args{"Path": path})}
	server := "oficina-srv:5432/vigia"
	unreachable := diskError{app.ErrStorageUnavailable, app.Msg(app.CodeStorageUnavailable, app.Args{"Server": server})}
	cases := []struct {
		lang  string
		err   error
		words []string
	}{
		{LangSpanish, full, []string{"está lleno", "Libere espacio", "no hace falta reiniciar", path}},
		{LangEnglish, full, []string{"is full", "Free some space", "no need to restart", path}},
		{LangSpanish, readOnly, []string{"solo lectura", "permiso de escritura", path}},
		{LangEnglish, readOnly, []string{"read-only", "write permission", path}},
		{LangSpanish, unreachable, []string{"No se puede conectar con el servidor", server, "encendido", "por sí solo"}},
		{LangEnglish, unreachable, []string{"cannot reach the database server", server, "is on", "by itself"}},
	}
	for _, c := range cases {
		if err := UseLanguage(c.lang); err != nil {
			t.Fatal(err)
		}
		got := errorText(c.err)
		for _, w := range c.words {
			if !strings.Contains(got, w) {
				t.Errorf("%s: errorText(%v) = %q, want it to say %q", c.lang, c.err, got, w)
			}
		}
	}
}
