package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"vigia/app"
)

// storageProblem is what storage returns when the database cannot be used.
type storageProblem struct {
	kind    error
	problem app.Message
}

func (e storageProblem) Error() string        { return e.kind.Error() + ": detalle del controlador" }
func (e storageProblem) Unwrap() error        { return e.kind }
func (e storageProblem) Problem() app.Message { return e.problem }

func TestADatabaseThatCannotBeUsedAnswersWithItsStatusAndSaysWhatToDo(t *testing.T) {
	path, server := "/datos/vigia.db", "oficina-srv:5432/vigia"
	cases := []struct {
		name   string
		err    error
		status int
		es, en []string
	}{
		{"lleno", storageProblem{app.ErrStorageFull, app.Msg(app.CodeStorageFull, app.Args{"Path": path})},
			http.StatusInsufficientStorage, []string{"lleno", path}, []string{"full", path}},
		{"solo lectura", storageProblem{app.ErrStorageReadOnly, app.Msg(app.CodeStorageReadOnly, app.Args{"Path": path})},
			http.StatusServiceUnavailable, []string{"solo lectura", path}, []string{"read-only", path}},
		{"servidor", storageProblem{app.ErrStorageUnavailable, app.Msg(app.CodeStorageUnavailable, app.Args{"Server": server})},
			http.StatusServiceUnavailable, []string{"No se puede conectar con el servidor", server},
			[]string{"cannot reach the database server", server}},
	}
	for _, c := range cases {
		err := fmt.Errorf("guardar la alerta: %w", c.err)
		if got := problemStatus(err); got != c.status {
			t.Errorf("%s: status %d, want %d", c.name, got, c.status)
		}
		for lang, words := range map[string][]string{"es": c.es, "en": c.en} {
			text := ProblemText(lang, err)
			for _, w := range words {
				if !strings.Contains(text, w) {
					t.Errorf("%s (%s): %q does not say %q", c.name, lang, text, w)
				}
			}
			if strings.Contains(text, "controlador") {
				t.Errorf("%s (%s): %q shows the driver's words", c.name, lang, text)
			}
		}
	}
}
