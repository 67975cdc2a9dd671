package notify_test

import (
	"context"
	"errors"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"vigia/notify"
	"vigia/notify/smtptest"
)

// sentAt is the mailers' clock in these tests: the Date header.
var sentAt = time.Date(2025, 12, 8, 13, 0, 5, 0, time.UTC)

// mailerFor points an SMTPMailer at srv, trusting its certificate. It makes
// a single attempt unless extra options set retry waits.
func mailerFor(srv *smtptest.Server, mode notify.TLSMode, user, password string, extra ...notify.Option) *notify.SMTPMailer {
	cfg := notify.Config{Host: srv.Host(), Port: srv.Port(), User: user, Password: notify.Secret(password),
		From: "avisos@estudio.co", TLS: mode}
	opts := []notify.Option{notify.WithClock(fixedClock{sentAt}), notify.WithTimeout(10 * time.Second), notify.WithRetryWaits(nil)}
	if tc := srv.ClientTLSConfig(); tc != nil {
		opts = append(opts, notify.WithTLSConfig(tc))
	}
	return notify.NewSMTP(cfg, append(opts, extra...)...)
}

func onlyMessage(t *testing.T, srv *smtptest.Server) (smtptest.Message, *smtptest.Parsed) {
	t.Helper()
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("server received %d messages, want 1", len(msgs))
	}
	p, err := msgs[0].Parse()
	if err != nil {
		t.Fatalf("parse received message: %v", err)
	}
	return msgs[0], p
}

func TestSMTPSendsOneMessageToAllRecipientsWithBothParts(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{})
	mailer := mailerFor(srv, notify.TLSNone, "", "")
	d := sampleDigest(t)

	// when
	attempts, err := mailer.SendDigest(context.Background(), d)

	// then
	if err != nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1, nil", attempts, err)
	}
	msg, p := onlyMessage(t, srv)
	if msg.From != "avisos@estudio.co" {
		t.Errorf("MAIL FROM %q", msg.From)
	}
	if !slices.Equal(msg.To, d.Recipients) {
		t.Errorf("RCPT TO %v, want %v", msg.To, d.Recipients)
	}
	if p.Subject != d.Subject() {
		t.Errorf("subject %q, want %q", p.Subject, d.Subject())
	}
	if raw := p.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
		t.Errorf("raw subject %q is not RFC 2047 encoded", raw)
	}
	from, err := mail.ParseAddress(p.Header.Get("From"))
	if err != nil || from.Name != "Vigía" || from.Address != "avisos@estudio.co" {
		t.Errorf("From header %q (%v)", p.Header.Get("From"), err)
	}
	to, err := p.Header.AddressList("To")
	if err != nil || len(to) != 2 || to[0].Address != "admin@ejemplo.com" || to[1].Address != "gerente@ejemplo.com" {
		t.Errorf("To header %q (%v)", p.Header.Get("To"), err)
	}
	if got := p.Header.Get("X-Vigia-Trigger"); got != "7" {
		t.Errorf("X-Vigia-Trigger %q, want 7", got)
	}
	if date, err := p.Header.Date(); err != nil || !date.Equal(sentAt) {
		t.Errorf("Date header %q (%v), want %v", p.Header.Get("Date"), err, sentAt)
	}
	if id := p.Header.Get("Message-ID"); !regexp.MustCompile(`^<vigia\.[0-9a-f]{24}@estudio\.co>$`).MatchString(id) {
		t.Errorf("Message-ID %q", id)
	}
	if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative") {
		t.Errorf("Content-Type %q, want multipart/alternative", ct)
	}
	assertInOrder(t, "text", p.Text, "Comercial Andina S.A.S. (NIT 900.123.456-7) — 2 alertas",
		"[CRÍTICA] Declaración de IVA", "[ALTA] Retención en la fuente",
		"Panadería El Trigal — 1 alerta", "[ALTA] Renovar matrícula mercantil")
	assertContains(t, "HTML", p.HTML, "<!DOCTYPE html>", "Declaración de IVA", "lunes 8 de diciembre de 2025, 08:00")
}

func TestSMTPAuthenticatesWithTheConfiguredCredentials(t *testing.T) {
	// given: a local relay without TLS that requires AUTH
	srv := smtptest.Start(t, smtptest.Options{User: "avisos@estudio.co", Password: "clave app"})
	mailer := mailerFor(srv, notify.TLSNone, "avisos@estudio.co", "clave app")

	// when
	_, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err != nil {
		t.Fatalf("SendDigest: %v", err)
	}
	logins := srv.Logins()
	if len(logins) != 1 || !logins[0].OK || logins[0].User != "avisos@estudio.co" || logins[0].Password != "clave app" {
		t.Errorf("logins %+v", logins)
	}
	if msg, _ := onlyMessage(t, srv); msg.User != "avisos@estudio.co" {
		t.Errorf("message sent as %q", msg.User)
	}
}

func TestSMTPWithoutUserDoesNotAuthenticate(t *testing.T) {
	// given: a server that requires AUTH and a mailer without user
	srv := smtptest.Start(t, smtptest.Options{User: "u", Password: "p"})
	mailer := mailerFor(srv, notify.TLSNone, "", "")

	// when
	attempts, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 attempt refused", attempts, err)
	}
	if !strings.Contains(err.Error(), "530") {
		t.Errorf("error %q, want the server's 530", err)
	}
	if n := len(srv.Logins()); n != 0 {
		t.Errorf("%d AUTH attempts, want none", n)
	}
}

func TestSMTPStartTLSEncryptsBeforeAuthenticating(t *testing.T) {
	// given: a server with a self-signed certificate that offers AUTH only after STARTTLS
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true, User: "u@estudio.co", Password: "pw"})
	mailer := mailerFor(srv, notify.TLSStartTLS, "u@estudio.co", "pw")

	// when
	_, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err != nil {
		t.Fatalf("SendDigest: %v", err)
	}
	if msg, _ := onlyMessage(t, srv); !msg.TLS || msg.User != "u@estudio.co" {
		t.Errorf("message TLS=%v user=%q, want TLS and authenticated", msg.TLS, msg.User)
	}
}

func TestSMTPStartTLSIsMandatory(t *testing.T) {
	// given: a server that does not offer STARTTLS
	srv := smtptest.Start(t, smtptest.Options{})
	mailer := mailerFor(srv, notify.TLSStartTLS, "", "")

	// when
	attempts, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 failed attempt", attempts, err)
	}
	if !strings.Contains(err.Error(), "el servidor no ofrece STARTTLS") {
		t.Errorf("error %q does not say STARTTLS is missing", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages went out in clear text", n)
	}
}

func TestSMTPRefusesAnUntrustedCertificate(t *testing.T) {
	// given: the system roots do not trust the test certificate
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true})
	cfg := notify.Config{Host: srv.Host(), Port: srv.Port(), From: "avisos@estudio.co", TLS: notify.TLSStartTLS}
	mailer := notify.NewSMTP(cfg, notify.WithTimeout(10*time.Second), notify.WithAfter((&waits{}).after))

	// when
	attempts, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then: a configuration problem, not retried
	if err == nil || !strings.Contains(err.Error(), "el certificado TLS del servidor no es válido") {
		t.Fatalf("SendDigest error %v, want a certificate error", err)
	}
	if attempts != 1 || !notify.ConfigProblem(err) {
		t.Errorf("%d attempts, ConfigProblem %v; want 1 attempt and a configuration problem", attempts, notify.ConfigProblem(err))
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

func TestSMTPImplicitTLS(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{ImplicitTLS: true, User: "u@estudio.co", Password: "pw"})
	mailer := mailerFor(srv, notify.TLSImplicit, "u@estudio.co", "pw")

	// when
	_, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err != nil {
		t.Fatalf("SendDigest: %v", err)
	}
	if msg, _ := onlyMessage(t, srv); !msg.TLS || msg.User != "u@estudio.co" {
		t.Errorf("message TLS=%v user=%q", msg.TLS, msg.User)
	}
}

func TestSMTPRejectedRecipientFailsTheDelivery(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{
		{Stage: smtptest.StageRcpt, Rcpt: "gerente@ejemplo.com", Code: 550, Message: "mailbox unavailable"},
	}})
	mailer := mailerFor(srv, notify.TLSNone, "", "")

	// when
	attempts, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 failed attempt", attempts, err)
	}
	wantPrefix := "envío SMTP a " + srv.Addr() + ": "
	if !strings.HasPrefix(err.Error(), wantPrefix+"el servidor rechazó destinatarios (550): ") {
		t.Errorf("error %q, want %q... with the 550", err, wantPrefix)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages accepted", n)
	}
}

func TestSMTPAuthFailureIsAnErrorThatHidesThePassword(t *testing.T) {
	// given
	const wrong = "clave-equivocada"
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true, User: "u@estudio.co", Password: "la buena"})
	mailer := mailerFor(srv, notify.TLSStartTLS, "u@estudio.co", wrong)

	// when
	attempts, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 failed attempt", attempts, err)
	}
	if !strings.Contains(err.Error(), "el servidor rechazó el usuario o la contraseña") || !strings.Contains(err.Error(), "535") {
		t.Errorf("error %q, want the server's 535 explained", err)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("error shows the password: %q", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages accepted", n)
	}
}

func TestSMTPErrorNeverEchoesThePassword(t *testing.T) {
	// given: a server whose reply happens to contain the password
	const password = "eco-del-servidor"
	srv := smtptest.Start(t, smtptest.Options{User: "u", Password: "x", Faults: []smtptest.Fault{
		{Stage: smtptest.StageAuth, Code: 535, Message: "bad credentials " + password},
	}})
	mailer := mailerFor(srv, notify.TLSNone, "u", password)

	// when
	_, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil {
		t.Fatal("SendDigest succeeded, want the AUTH refusal")
	}
	if strings.Contains(err.Error(), password) || !strings.Contains(err.Error(), "[oculto]") {
		t.Errorf("error %q", err)
	}
}

func TestSMTPUnreachableServerIsAnError(t *testing.T) {
	// given: nothing listens on port 1
	mailer := notify.NewSMTP(notify.Config{Host: "127.0.0.1", Port: 1, From: "a@b.co", TLS: notify.TLSNone},
		notify.WithTimeout(5*time.Second), notify.WithRetryWaits(nil))

	// when
	attempts, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 failed attempt", attempts, err)
	}
	if !strings.HasPrefix(err.Error(), "envío SMTP a 127.0.0.1:1: el servidor rechazó la conexión") {
		t.Errorf("error %q", err)
	}
}

func TestSMTPTransientRefusalIsExplained(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageData, Code: 451, Message: "try later"}}})
	mailer := mailerFor(srv, notify.TLSNone, "", "")

	// when
	_, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || !strings.Contains(err.Error(), "el servidor no puede aceptar el correo ahora") || !strings.Contains(err.Error(), "451") {
		t.Errorf("error %v, want the 451 explained", err)
	}
}

func TestSMTPImplicitTLSAgainstAPlainServerIsExplained(t *testing.T) {
	// given: SMTP_TLS=ssl pointed at a port that speaks plain SMTP
	srv := smtptest.Start(t, smtptest.Options{})
	mailer := mailerFor(srv, notify.TLSImplicit, "", "")

	// when
	_, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || !strings.Contains(err.Error(), "el servidor no habla TLS en este puerto") {
		t.Errorf("error %v, want the port/TLS mismatch explained", err)
	}
}

func TestSMTPDigestWithoutRecipientsMakesNoAttempt(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{})
	mailer := mailerFor(srv, notify.TLSNone, "", "")
	d := sampleDigest(t)
	d.Recipients = nil

	// when
	attempts, err := mailer.SendDigest(context.Background(), d)

	// then
	if err == nil || attempts != 0 {
		t.Fatalf("SendDigest = %d, %v; want 0 attempts and an error", attempts, err)
	}
	if !strings.Contains(err.Error(), "no tiene destinatarios") {
		t.Errorf("error %q", err)
	}
}

func TestSMTPCancelledContextStopsTheAttempt(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{})
	mailer := mailerFor(srv, notify.TLSNone, "", "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	// when
	_, err := mailer.SendDigest(ctx, sampleDigest(t))

	// then
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

func TestSMTPModeNamesServerAndTLS(t *testing.T) {
	cfg := notify.Config{Host: "smtp.gmail.com", Port: 587, User: "u@gmail.com", Password: "pw", From: "u@gmail.com", TLS: notify.TLSStartTLS}
	if got := notify.NewSMTP(cfg).Mode(); got != "SMTP smtp.gmail.com:587 (STARTTLS)" {
		t.Errorf("Mode() = %q", got)
	}
}

func TestMessageIDIsStablePerTriggerAndSlot(t *testing.T) {
	d := slotDigest(t)
	other := d
	other.TriggerID = 8
	later := d
	later.Slot = d.Slot.Add(24 * time.Hour)
	noSlot := d
	noSlot.Slot, noSlot.ExecutionID = time.Time{}, 0
	manual, manual2 := d, d
	manual.Slot, manual.ExecutionID = time.Time{}, 41
	manual2.Slot, manual2.ExecutionID = time.Time{}, 42

	if got := notify.MessageID(d, "avisos@estudio.co"); "<"+got+">" != wantID {
		t.Errorf("MessageID = %q, want %q", got, wantID)
	}
	if a, b := notify.MessageID(d, "x@estudio.co"), notify.MessageID(d, "y@estudio.co"); a != b {
		t.Errorf("the same slot got %q and %q", a, b)
	}
	if notify.MessageID(other, "a@b.co") == notify.MessageID(d, "a@b.co") || notify.MessageID(later, "a@b.co") == notify.MessageID(d, "a@b.co") {
		t.Error("another trigger or slot got the same Message-ID")
	}
	if a, b := notify.MessageID(manual, "a@b.co"), notify.MessageID(manual2, "a@b.co"); a == b || a != notify.MessageID(manual, "a@b.co") {
		t.Errorf("manual runs got %q and %q, want one stable id per execution", a, b)
	}
	if a, b := notify.MessageID(noSlot, "a@b.co"), notify.MessageID(noSlot, "a@b.co"); a == b || !strings.HasSuffix(a, "@b.co") {
		t.Errorf("digests without slot got %q and %q, want distinct random ids", a, b)
	}
}
