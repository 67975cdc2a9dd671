package notify_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/messages"
	"vigia/notify"
	"vigia/notify/smtptest"
)

// testOptions are the options of mailerFor: fixed clock, short timeout, the
// server's certificate trusted.
func testOptions(srv *smtptest.Server) []notify.Option {
	opts := []notify.Option{notify.WithClock(fixedClock{sentAt}), notify.WithTimeout(10 * time.Second)}
	if tc := srv.ClientTLSConfig(); tc != nil {
		opts = append(opts, notify.WithTLSConfig(tc))
	}
	return opts
}

func TestSendTestMessageDeliversASpanishMessageAndReturnsTheServersAnswer(t *testing.T) {
	// given a STARTTLS server that wants a login
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true, User: "u@estudio.co", Password: "clave"})
	cfg := notify.Config{Host: srv.Host(), Port: srv.Port(), User: "u@estudio.co", Password: "clave",
		From: "avisos@estudio.co", TLS: notify.TLSStartTLS}

	// when a test message is sent
	answer, err := notify.SendTestMessage(context.Background(), cfg, "contadora@ejemplo.com", testOptions(srv)...)

	// then it arrived, in Spanish, and the answer is the server's final reply
	if err != nil {
		t.Fatalf("SendTestMessage: %v", err)
	}
	if answer.Code != app.CodeTestMailAccepted || answer.Args["Addr"] != srv.Addr() {
		t.Errorf("answer %v, want %s from %s", answer, app.CodeTestMailAccepted, srv.Addr())
	}
	for lang, want := range map[string]string{"es": "El servidor " + srv.Addr() + " aceptó el mensaje: 250 ", "en": "The server " + srv.Addr() + " accepted the message: 250 "} {
		if text := messages.Text(lang, answer); !strings.HasPrefix(text, want) || len(text) == len(want) {
			t.Errorf("answer in %s %q, want %q followed by the reply text", lang, text, want)
		}
	}
	msg, p := onlyMessage(t, srv)
	if len(msg.To) != 1 || msg.To[0] != "contadora@ejemplo.com" || msg.From != "avisos@estudio.co" || !msg.TLS {
		t.Errorf("message %+v", msg)
	}
	if p.Subject != "[Vigía] Mensaje de prueba" {
		t.Errorf("subject %q", p.Subject)
	}
	if !strings.Contains(p.Text, "Este es un mensaje de prueba de Vigía") || !strings.Contains(p.Text, "8 de diciembre de 2025") {
		t.Errorf("text:\n%s", p.Text)
	}
	if got := p.Header.Get("Message-Id"); !strings.HasSuffix(got, "@estudio.co>") {
		t.Errorf("Message-ID %q", got)
	}
}

func TestSendTestMessageMakesOneAttemptAndReturnsTheExactError(t *testing.T) {
	// given a server that refuses the message for now
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageData, Code: 451, Message: "intente luego"}}})
	cfg := notify.Config{Host: srv.Host(), Port: srv.Port(), From: "avisos@estudio.co", TLS: notify.TLSNone}

	// when a test message is sent
	answer, err := notify.SendTestMessage(context.Background(), cfg, "contadora@ejemplo.com", testOptions(srv)...)

	// then the error is the server's, explained, after a single attempt
	if err == nil || answer.Code != "" {
		t.Fatalf("SendTestMessage = %v, %v; want the refusal", answer, err)
	}
	for _, want := range []string{"envío SMTP a " + srv.Addr(), "(451)", "intente luego"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if n := len(srv.Received()); n != 1 {
		t.Errorf("%d attempts reached the server, want 1", n)
	}
}

func TestSendTestMessageWithWrongPasswordIsAConfigProblemWithoutThePassword(t *testing.T) {
	// given a server that refuses the credentials
	const wrong = "clave-equivocada"
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true, User: "u@estudio.co", Password: "la buena"})
	cfg := notify.Config{Host: srv.Host(), Port: srv.Port(), User: "u@estudio.co", Password: wrong,
		From: "u@estudio.co", TLS: notify.TLSStartTLS}

	// when
	_, err := notify.SendTestMessage(context.Background(), cfg, "contadora@ejemplo.com", testOptions(srv)...)

	// then
	if err == nil || !notify.ConfigProblem(err) || !strings.Contains(err.Error(), "535") {
		t.Fatalf("error %v, want a 535 configuration problem", err)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("error shows the password: %q", err)
	}
}

func TestSendTestMessageRefusesABadAddressWithoutConnecting(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{})
	cfg := notify.Config{Host: srv.Host(), Port: srv.Port(), From: "avisos@estudio.co", TLS: notify.TLSNone}

	// when
	_, err := notify.SendTestMessage(context.Background(), cfg, "no es correo", testOptions(srv)...)

	// then
	var ve *notify.VarError
	if !errors.As(err, &ve) || ve.Problem.Code != app.CodeAddressNotBare || !strings.Contains(err.Error(), "Dirección de correo inválida") {
		t.Fatalf("error %v, want an invalid address", err)
	}
	if n := srv.Connections(); n != 0 {
		t.Errorf("%d connections", n)
	}
}

func TestOutboxTestMessageIsSavedAndSaysWhere(t *testing.T) {
	// given an outbox
	dir := filepath.Join(t.TempDir(), "outbox")
	o := notify.NewOutbox(dir, "avisos@estudio.co", notify.WithClock(fixedClock{writtenAt}))

	// when a test message is "sent"
	answer, err := o.SendTestMessage(context.Background(), "contadora@ejemplo.com")

	// then it is a file in the outbox, named in the answer
	if err != nil {
		t.Fatalf("SendTestMessage: %v", err)
	}
	path, _ := answer.Args["Path"].(string)
	if answer.Code != app.CodeTestMailSaved || filepath.Dir(path) != dir || !strings.Contains(filepath.Base(path), "-prueba-") {
		t.Fatalf("answer %v", answer)
	}
	if es, en := messages.Text("es", answer), messages.Text("en", answer); es != "guardado en "+path || en != "saved in "+path {
		t.Errorf("answer reads %q and %q", es, en)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := smtptest.ParseMessage(data)
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != notify.TestSubject || !strings.Contains(p.Text, "la bandeja de salida "+dir) {
		t.Errorf("subject %q, text:\n%s", p.Subject, p.Text)
	}
}
