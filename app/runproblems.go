package app

import "errors"

// What went wrong with a run, kept in its history row (Execution.Problem) and
// worded by package messages (catalog runs.*.json): the API and the console
// in Spanish, the desktop in the user's language. Detail is an error's text
// that is not ours (the database's, the system's), shown as it is; Cause is
// a nested Message.
const (
	CodeRunPaused          Code = "ejecucion.en_pausa"          // a slot passed while the scheduler was paused
	CodeRunMissed          Code = "ejecucion.perdida"           // a slot passed while Vigía was not running
	CodeRunCrashed         Code = "ejecucion.cierre_inesperado" // left en_curso by a Vigía that stopped
	CodeRunTriggerGone     Code = "ejecucion.trigger_borrado"
	CodeRunTriggerInactive Code = "ejecucion.trigger_inactivo"
	CodeRunNoRecipients    Code = "ejecucion.sin_destinatarios"
	CodeRunInternal        Code = "ejecucion.error_interno"  // a panic in the run
	CodeRunTriggerUnread   Code = "ejecucion.leer_trigger"   // Detail
	CodeRunAlertsUnread    Code = "ejecucion.leer_alertas"   // Detail
	CodeRunTimedOut        Code = "ejecucion.tiempo_agotado" // Timeout (Go's notation, "15m0s"), Cause
	CodeRunInterrupted     Code = "ejecucion.interrumpida"   // Cause: the run was cut by Vigía's stop
	CodeRunFailed          Code = "ejecucion.fallo"          // Detail: an error that gives no code
)

// ProblemOf is what err tells the user: the Message of the outermost error
// in its chain that has one (a mailer's failure: the server, its reply, the
// attempts), else err's text as the Detail of CodeRunFailed.
func ProblemOf(err error) Message {
	var p interface{ Problem() Message }
	if errors.As(err, &p) {
		return p.Problem()
	}
	return Msg(CodeRunFailed, Args{"Detail": err.Error()})
}

// problemError is an error of the core that carries its Message.
type problemError struct {
	problem Message
	err     error
}

func (e problemError) Error() string    { return e.problem.String() + ": " + e.err.Error() }
func (e problemError) Unwrap() error    { return e.err }
func (e problemError) Problem() Message { return e.problem }
