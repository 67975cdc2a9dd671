package storage_test

import (
	"reflect"
	"testing"

	"vigia/app"
	"vigia/messages"
)

// failedSMTP is a run's problem as notify and the core nest it: a stop by
// Vigía's close, after 3 attempts (a plural), the last refused by the server.
func failedSMTP() app.Message {
	refused := app.Msg(app.CodeSMTPFailedBecause, app.Args{
		"Addr": "smtp.ejemplo.com:587", "Detail": "send failed: 550 5.1.1 no existe",
		"Reason": app.Msg(app.CodeSMTPRecipientsRefused, app.Args{"Reply": 550}),
	})
	return app.Msg(app.CodeRunInterrupted, app.Args{
		"Cause": app.Msg(app.CodeSMTPAttemptsFailed, app.Args{"N": 3, "Last": refused}),
	})
}

func TestARunsProblemReadsBackAsItWasWritten(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a claimed run
		s := db.Open(t)
		e, err := s.ClaimExecution(t.Context(), scheduledRun(7, at(2, 8, 0)))
		if err != nil {
			t.Fatal(err)
		}

		// when it finishes with nested messages, an integer N, a list of names and of messages
		problem := failedSMTP()
		problem.Args["Names"] = []string{"Diario", "Semanal"}
		problem.Args["Lines"] = []app.Message{app.Msg(app.CodeRunPaused, nil), app.Msg(app.CodeRunTriggerGone, nil)}
		e.State, e.FinishedAt, e.Problem = app.StateInterrupted, at(2, 8, 1), &problem
		if err := s.FinishExecution(t.Context(), e); err != nil {
			t.Fatal(err)
		}
		got, err := s.Execution(t.Context(), e.ID)

		// then the message is the same, integers as int, and error holds its Spanish words
		if err != nil {
			t.Fatal(err)
		}
		if got.Problem == nil || !reflect.DeepEqual(*got.Problem, problem) {
			t.Fatalf("problem read back as\n %#v\nwant\n %#v", got.Problem, problem)
		}
		want := "Envío interrumpido por el cierre de Vigía: 3 intentos fallidos; último error: envío SMTP a smtp.ejemplo.com:587: " +
			"el servidor rechazó destinatarios (550): send failed: 550 5.1.1 no existe"
		if got.Error != want {
			t.Fatalf("error = %q, want %q", got.Error, want)
		}
		if en := messages.RunReason("en", got); en != "Sending interrupted because Vigía was closing: 3 failed attempts; last error: "+
			"SMTP send to smtp.ejemplo.com:587: the server refused recipients (550): send failed: 550 5.1.1 no existe" {
			t.Fatalf("English reason = %q", en)
		}
	})
}

func TestSlotRowsKeepTheirProblem(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a missed slot and a skipped one, as catch-up records them
		s := db.Open(t)
		missed, skipped := scheduledRun(1, at(2, 8, 0)), scheduledRun(2, at(2, 8, 0))
		missed.State, missed.Problem = app.StateMissed, &app.Message{Code: app.CodeRunMissed}
		skipped.State, skipped.Problem = app.StateSkipped, &app.Message{Code: app.CodeRunPaused}

		// when they are recorded
		if n, err := s.RecordExecutions(t.Context(), []app.Execution{missed, skipped}); n != 2 || err != nil {
			t.Fatalf("recorded %d, %v", n, err)
		}

		// then each reads back with its code, and its Spanish words as error
		page, err := s.Executions(t.Context(), app.ExecutionFilter{})
		if err != nil || len(page.Executions) != 2 {
			t.Fatalf("history = %+v, %v", page, err)
		}
		for _, e := range page.Executions {
			want := map[int64]app.Code{1: app.CodeRunMissed, 2: app.CodeRunPaused}[e.TriggerID]
			if e.Problem == nil || e.Problem.Code != want || e.Problem.Args != nil || e.Error != messages.Text("es", *e.Problem) {
				t.Errorf("row %+v, want %s with its Spanish words", e, want)
			}
		}
	})
}

func TestARowWrittenBeforeCodesKeepsItsText(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a row as the schema before codes wrote it (or migrar-datos
		// copied from such a database): the text, no code
		s := db.Open(t)
		e, err := s.ClaimExecution(t.Context(), scheduledRun(3, at(2, 8, 0)))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ExecSQL(t.Context(), `UPDATE executions SET estado = 'fallido', error = 'texto de antes',
			error_codigo = NULL, error_args = NULL WHERE id = ?`, e.ID); err != nil {
			t.Fatal(err)
		}

		// when it is read
		got, err := s.Execution(t.Context(), e.ID)

		// then it has no problem, only its text, in every language
		if err != nil || got.Problem != nil || got.Error != "texto de antes" || messages.RunReason("en", got) != "texto de antes" {
			t.Fatalf("old row = %+v, %v", got, err)
		}
	})
}
