package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"vigia/app"
	"vigia/messages"
)

func TestCoreMessagesReadInTheChosenLanguage(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	cases := []struct {
		lang                          string
		badRecipient, noName, tooMany string
	}{
		{LangSpanish,
			`Dirección de correo inválida "luis.ejemplo.com": falta la @ (por ejemplo admin@ejemplo.com).`,
			"El nombre es obligatorio.",
			"Demasiados destinatarios (51): el máximo es 50."},
		{LangEnglish,
			`Invalid e-mail address "luis.ejemplo.com": the @ is missing (for example admin@example.com).`,
			"The name is required.",
			"Too many recipients (51): the maximum is 50."},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			// given the interface in the chosen language
			env := newTestEnv(t)
			if err := UseLanguage(c.lang); err != nil {
				t.Fatal(err)
			}

			// when the trigger editor gets a bad recipient and no name
			tab := trgShow(env)
			test.Tap(tab.newBtn)
			e := tab.editor
			test.Type(e.name, "Resumen")
			trgTypeLines(e.recipients, "ana@ejemplo.com", "luis.ejemplo.com")
			e.name.SetText("")

			// then the core's refusals read in that language
			if got := trgErr(e, "destinatarios"); got != c.badRecipient {
				t.Errorf("editor destinatarios = %q, want %q", got, c.badRecipient)
			}
			if got := trgErr(e, "nombre"); got != c.noName {
				t.Errorf("editor nombre = %q, want %q", got, c.noName)
			}
			test.Tap(e.cancel)

			// when Configuración gets a bad recipient as typed
			st := env.u.settings
			st.recipients.SetText("conta@ejemplo.com\nluis.ejemplo.com")

			// then it reads in that language too
			if l := st.errs[app.SettingDefaultRecipients.EnvVar()]; !l.Visible() || l.Text != c.badRecipient {
				t.Errorf("Configuración recipients = %q (visible %v), want %q", l.Text, l.Visible(), c.badRecipient)
			}

			// when saving is refused by the core with a code
			st.recipients.SetText("conta@ejemplo.com")
			env.settings.mu.Lock()
			env.settings.err = &app.ValidationError{Problems: map[string]app.Message{
				app.SettingDefaultRecipients.EnvVar(): app.Msg(app.CodeTooManyRecipients, app.Args{"N": 51, "Max": app.MaxRecipients}),
			}}
			env.settings.mu.Unlock()
			settingsRetype(st.port, "2525")
			test.Tap(st.save)

			// then the refusal under the field reads in that language
			if l := st.errs[app.SettingDefaultRecipients.EnvVar()]; !l.Visible() || l.Text != c.tooMany {
				t.Errorf("Configuración refusal = %q (visible %v), want %q", l.Text, l.Visible(), c.tooMany)
			}
		})
	}
}

func TestTheTestMailAnswerAndRefusalReadInTheChosenLanguage(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	cases := []struct {
		lang, answer, refusal, failure string
	}{
		{LangSpanish,
			"El servidor smtp.ejemplo.com:587 aceptó el mensaje: 250 2.0.0 Ok: queued",
			"Revise los datos:\n• Dirección de correo inválida \"yo.ejemplo.com\": falta la @ (por ejemplo admin@ejemplo.com).",
			"envío SMTP a smtp.ejemplo.com:587: el servidor rechazó el usuario o la contraseña (535); revise SMTP_USER y SMTP_PASSWORD: 535 5.7.8 Username and Password not accepted"},
		{LangEnglish,
			"The server smtp.ejemplo.com:587 accepted the message: 250 2.0.0 Ok: queued",
			"Please check the data:\n• Invalid e-mail address \"yo.ejemplo.com\": the @ is missing (for example admin@example.com).",
			"SMTP send to smtp.ejemplo.com:587: the server refused the user or the password (535); check SMTP_USER and SMTP_PASSWORD: 535 5.7.8 Username and Password not accepted"},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			// given the interface in the chosen language and a typed server
			env := newTestEnv(t)
			if err := UseLanguage(c.lang); err != nil {
				t.Fatal(err)
			}
			tab := env.u.settings
			rec := env.settingsRecorder()
			settingsRetype(tab.host, "smtp.ejemplo.com")

			// when a test message is accepted by the server
			settingsRetype(tab.mail.to, "yo@ejemplo.com")
			test.Tap(tab.mail.send)
			env.settingsUntil(func() bool { return !tab.mail.send.Disabled() })

			// then the server's answer reads in that language
			if got := tab.mail.result.Text; got != c.answer {
				t.Errorf("answer = %q, want %q", got, c.answer)
			}

			// when the core refuses the address with a code
			rec.mu.Lock()
			rec.mailErr = app.Invalid("destinatario", app.CodeAddressNoAt, app.Args{"Value": "yo.ejemplo.com"})
			rec.mu.Unlock()
			settingsRetype(tab.mail.to, "yo.ejemplo.com")
			test.Tap(tab.mail.send)
			env.settingsUntil(func() bool { return !tab.mail.send.Disabled() })

			// then the refusal reads in that language too, not as codes
			if got := tab.mail.result.Text; got != c.refusal {
				t.Errorf("refusal = %q, want %q", got, c.refusal)
			}

			// when the server refuses the login, as notify tells it (a Problem under a wrapper)
			rec.mu.Lock()
			rec.mailErr = fmt.Errorf("correo de prueba: %w", sendFailure{app.Msg(app.CodeSMTPFailedBecause, app.Args{"Addr": "smtp.ejemplo.com:587",
				"Reason": app.Msg(app.CodeSMTPCredentials, nil), "Detail": "535 5.7.8 Username and Password not accepted"})})
			rec.mu.Unlock()
			test.Tap(tab.mail.send)
			env.settingsUntil(func() bool { return !tab.mail.send.Disabled() })

			// then the failure reads in that language, the server's reply verbatim
			if got := tab.mail.result.Text; got != c.failure {
				t.Errorf("failure = %q, want %q", got, c.failure)
			}
		})
	}
}

func TestTheCoresSentinelsReadInTheChosenLanguage(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	// given the interface in English
	if err := UseLanguage(LangEnglish); err != nil {
		t.Fatal(err)
	}
	// then every sentinel the core returns to the ui reads in English, wrapped or not
	for _, err := range []error{app.ErrNotFound, app.ErrRunInProgress, app.ErrShuttingDown, app.ErrConflict,
		fmt.Errorf("company %q (line %d): %w", "Uno", 4, app.ErrConflict)} {
		if got := errorText(err); got == err.Error() || strings.Contains(got, app.ErrConflict.Error()) || got == "" {
			t.Errorf("errorText(%v) = %q: the core's Spanish", err, got)
		}
	}
	if got, want := errorText(app.ErrConflict), "Another user or process has just saved data with that name: try again."; got != want {
		t.Errorf("errorText(ErrConflict) = %q, want %q", got, want)
	}
}

// sendFailure is an error that tells its problem, as notify's send failures
// do; its text is the Spanish words.
type sendFailure struct{ problem app.Message }

func (e sendFailure) Error() string        { return messages.Text("es", e.problem) }
func (e sendFailure) Problem() app.Message { return e.problem }
