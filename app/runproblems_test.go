package app_test

import (
	"context"
	"errors"
	"testing"

	"vigia/app"
	"vigia/messages"
)

// hasCode reports whether run e's problem is code.
func hasCode(e app.Execution, code app.Code) bool { return e.Problem != nil && e.Problem.Code == code }

// mailerFunc is a mailer that does what its function does.
type mailerFunc func() (int, error)

func (f mailerFunc) SendDigest(context.Context, app.Digest) (int, error) { return f() }

func TestARunThatPanicsFailsWithTheInternalErrorCode(t *testing.T) {
	// given a mailer that panics
	w := newWorld(t, withMailer(mailerFunc(func() (int, error) { panic("boom") })))
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")

	// when it runs
	if _, err := w.svc.RunNow(context.Background(), tr.ID); err != nil {
		t.Fatal(err)
	}
	ev := w.waitRun(t)

	// then the run failed with the internal error's code, stored with its Spanish words
	stored, err := w.svc.Execution(context.Background(), ev.Execution.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Execution.State != app.StateFailed || !hasCode(ev.Execution, app.CodeRunInternal) ||
		!hasCode(stored, app.CodeRunInternal) || stored.Error != "Error interno de Vigía durante la ejecución." {
		t.Fatalf("run = %+v, stored %+v; want fallido, internal error", ev.Execution, stored)
	}
}

func TestAMailerErrorWithoutACodeIsKeptAsItsDetail(t *testing.T) {
	// given a mailer whose error gives no code
	w := newWorld(t, withMailer(mailerFunc(func() (int, error) { return 1, errors.New("disk on fire") })))
	w.alert(t, w.company(t, "Acme"), "IVA", "CRITICA")
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")

	// when it runs
	if _, err := w.svc.RunNow(context.Background(), tr.ID); err != nil {
		t.Fatal(err)
	}
	ev := w.waitRun(t)

	// then its text is the problem's detail, the same in every language
	if !hasCode(ev.Execution, app.CodeRunFailed) || ev.Execution.Problem.Args["Detail"] != "disk on fire" ||
		messages.RunReason("en", ev.Execution) != "disk on fire" || messages.RunReason("es", ev.Execution) != "disk on fire" {
		t.Fatalf("run = %+v, want the mailer's words as the detail", ev.Execution)
	}
}

func TestAnErrorWithAProblemGivesItsMessage(t *testing.T) {
	// given an error of an adapter that carries a message, wrapped twice
	want := app.Msg(app.CodeSMTPMailRefused, app.Args{"Reply": 554})
	err := errorsJoinWrap(problemErr{want})

	// when the core reads it
	got := app.ProblemOf(err)

	// then it is the adapter's message, not the error's text
	if got.Code != want.Code || got.Args["Reply"] != 554 {
		t.Fatalf("ProblemOf = %v, want %v", got, want)
	}
	if plain := app.ProblemOf(errors.New("x")); plain.Code != app.CodeRunFailed || plain.Args["Detail"] != "x" {
		t.Fatalf("ProblemOf(plain) = %v, want the failure code with the text as detail", plain)
	}
}

type problemErr struct{ m app.Message }

func (e problemErr) Error() string        { return "refused" }
func (e problemErr) Problem() app.Message { return e.m }
func errorsJoinWrap(err error) error      { return errors.Join(errors.New("other"), wrapped{err}) }

type wrapped struct{ err error }

func (w wrapped) Error() string { return "send: " + w.err.Error() }
func (w wrapped) Unwrap() error { return w.err }
