package notify

import (
	"errors"

	"vigia/app"
	"vigia/messages"
)

// A digest that could not leave is an error with a Problem (app.ProblemOf):
// the run keeps the code, each reader words it in its language. The error's
// own text is the Spanish words, as the console and the logs show it.

// problemError is an error of this package told as a code; err, when not
// nil, is the error it wraps (errors.Is and As see through it).
type problemError struct {
	problem app.Message
	err     error
}

func (e *problemError) Error() string        { return spanish(e.problem) }
func (e *problemError) Unwrap() error        { return e.err }
func (e *problemError) Problem() app.Message { return e.problem }

// spanish is m in Spanish, the language of the console, the logs and the API.
func spanish(m app.Message) string { return messages.Text("es", m) }

// detail is what err says, for a Detail argument: its Message when it has
// one (so a nested failure is worded in the reader's language), else its
// text verbatim (the system's or go-mail's words).
func detail(err error) any {
	var p interface{ Problem() app.Message }
	if errors.As(err, &p) {
		return p.Problem()
	}
	return err.Error()
}

// notBuilt is the failure to make digest d into an e-mail.
func notBuilt(d app.Digest, err error) error {
	return &problemError{app.Msg(app.CodeMailNotBuilt, app.Args{"Trigger": d.TriggerID, "Detail": detail(err)}), err}
}
