package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"vigia/app"
)

// storageFailure is what storage returns when the database cannot be
// written: app's sentinel, SQLite's words, and the Message saying what to do.
type storageFailure struct {
	kind    error
	problem app.Message
}

func (e storageFailure) Error() string        { return e.kind.Error() + ": database or disk is full (13)" }
func (e storageFailure) Unwrap() error        { return e.kind }
func (e storageFailure) Problem() app.Message { return e.problem }

func TestAWriteTheDiskRefusesAnswersWhatToDoNot500(t *testing.T) {
	path := "/datos/vigia.db"
	cases := []struct {
		name   string
		err    error
		status int
		words  []string
	}{
		{"full disk", storageFailure{app.ErrStorageFull, app.Msg(app.CodeStorageFull, app.Args{"Path": path})},
			http.StatusInsufficientStorage, []string{"lleno", "Libere espacio", path}},
		{"read-only", storageFailure{app.ErrStorageReadOnly, app.Msg(app.CodeStorageReadOnly, app.Args{"Path": path})},
			http.StatusServiceUnavailable, []string{"solo lectura", "permiso de escritura", path}},
		{"I/O error", storageFailure{app.ErrStorageIO, app.Msg(app.CodeStorageIO, app.Args{"Path": path, "Detail": "disk I/O error (10)"})},
			http.StatusServiceUnavailable, []string{"Revise el disco", "disk I/O error (10)", path}},
		{"server unreachable", storageFailure{app.ErrStorageUnavailable, app.Msg(app.CodeStorageUnavailable, app.Args{"Server": "db.oficina:5432/vigia"})},
			http.StatusServiceUnavailable, []string{"No se puede conectar", "PostgreSQL", "db.oficina:5432/vigia", "por sí solo"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// given a write that failed deep down, wrapped by the layers above
			err := fmt.Errorf("create company: %w", c.err)

			// when the API answers it
			status, body := problem(err)

			// then with the status and Spanish words that say what happened and what to do
			if status != c.status {
				t.Errorf("status = %d, want %d", status, c.status)
			}
			for _, w := range c.words {
				if !strings.Contains(body.Error, w) {
					t.Errorf("error = %q, want it to contain %q", body.Error, w)
				}
			}
		})
	}
	// and an error that is not the storage's stays a 500
	if status, _ := problem(errors.New("boom")); status != http.StatusInternalServerError {
		t.Errorf("plain error = %d, want 500", status)
	}
}

func TestStatusSaysWhyTheLeaseCannotBeWritten(t *testing.T) {
	// given a process that cannot write the lease on a full disk
	m := app.Msg(app.CodeLeaseNotWritten, app.Args{"Cause": app.Msg(app.CodeStorageFull, app.Args{"Path": "/datos/vigia.db"})})
	st := app.SchedulerStatus{Running: true, Role: app.RoleNone, Problem: &m}

	// when its status is rendered
	v := statusOf(st, nil)

	// then no leader is named, and the problem is in Spanish with its code
	if v.Role != app.RoleNone || v.Leader != nil || v.ProblemCode != app.CodeLeaseNotWritten ||
		!strings.Contains(v.Problem, "no ejecuta triggers") || !strings.Contains(v.Problem, "lleno") {
		t.Fatalf("status = %+v", v)
	}
	// and a rendered body is not reused once the problem changes
	if sameStatus(st, app.SchedulerStatus{Running: true, Role: app.RoleNone}) {
		t.Fatal("a status with a problem reads the same as one without")
	}
}
