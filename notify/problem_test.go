package notify_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/messages"
	"vigia/notify"
	"vigia/notify/smtptest"
)

func TestFailedAttemptsTellTheirProblemAsCodes(t *testing.T) {
	// given: a server that always answers 451, and two retries
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageMail, Code: 451, Message: "busy"}}})
	w := &waits{}
	mailer := mailerFor(srv, notify.TLSNone, "", "",
		notify.WithRetryWaits([]time.Duration{time.Second, time.Second}), notify.WithAfter(w.after))

	// when
	_, err := mailer.SendDigest(context.Background(), slotDigest(t))

	// then: the attempts (an integer N), the server, the reason and the
	// server's reply are the message's arguments
	p := app.ProblemOf(err)
	last, _ := p.Args["Last"].(app.Message)
	if p.Code != app.CodeSMTPAttemptsFailed || p.Args["N"] != 3 || last.Code != app.CodeSMTPFailedBecause ||
		last.Args["Addr"] != srv.Addr() || !strings.Contains(last.Args["Detail"].(string), "451") ||
		!reflect.DeepEqual(last.Args["Reason"], app.Msg(app.CodeSMTPMailLater, app.Args{"Reply": 451})) {
		t.Fatalf("problem = %v", p)
	}
	// and the error's text is its Spanish words; the English ones are English
	if err.Error() != messages.Text("es", p) {
		t.Errorf("error %q, want the problem's Spanish words %q", err, messages.Text("es", p))
	}
	wantEN := "3 failed attempts; last error: SMTP send to " + srv.Addr() + ": the server cannot accept the e-mail right now (451): "
	if en := messages.Text("en", p); !strings.HasPrefix(en, wantEN) {
		t.Errorf("English %q, want prefix %q", en, wantEN)
	}
}

func TestTheProblemOfARefusalNeverCarriesThePassword(t *testing.T) {
	// given: a server whose reply happens to contain the password
	const password = "eco-del-servidor"
	srv := smtptest.Start(t, smtptest.Options{User: "u", Password: "x", Faults: []smtptest.Fault{
		{Stage: smtptest.StageAuth, Code: 535, Message: "bad credentials " + password},
	}})
	mailer := mailerFor(srv, notify.TLSNone, "u", password)

	// when
	_, err := mailer.SendDigest(context.Background(), sampleDigest(t))

	// then: the reason is the 535 code, and the reply kept has the password hidden
	p := app.ProblemOf(err)
	if p.Code != app.CodeSMTPFailedBecause || !reflect.DeepEqual(p.Args["Reason"], app.Msg(app.CodeSMTPCredentials, nil)) {
		t.Fatalf("problem = %v", p)
	}
	for _, lang := range messages.Languages {
		if s := messages.Text(lang, p); strings.Contains(s, password) || !strings.Contains(s, "[oculto]") {
			t.Errorf("%s words %q", lang, s)
		}
	}
}

func TestASendStoppedBeforeItsFirstAttemptSaysSo(t *testing.T) {
	// given: a run already cancelled
	srv := smtptest.Start(t, smtptest.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	// when
	attempts, err := mailerFor(srv, notify.TLSNone, "", "").SendDigest(ctx, sampleDigest(t))

	// then
	p := app.ProblemOf(err)
	if attempts != 0 || p.Code != app.CodeSMTPStoppedBeforeFirst ||
		!reflect.DeepEqual(p.Args["What"], app.Msg(app.CodeSMTPCancelled, nil)) {
		t.Fatalf("attempts %d, problem %v", attempts, p)
	}
	if en, want := messages.Text("en", p), "sending cancelled before the first SMTP attempt to "+srv.Addr(); en != want {
		t.Errorf("English %q, want %q", en, want)
	}
}

func TestAnOutboxThatCannotBeCreatedTellsItsProblem(t *testing.T) {
	// given: an outbox whose place is taken by a file
	file := filepath.Join(t.TempDir(), "ocupado")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "bandeja")

	// when
	_, err := notify.NewOutbox(dir, "").SendDigest(context.Background(), sampleDigest(t))

	// then
	p := app.ProblemOf(err)
	if p.Code != app.CodeOutboxCreate || p.Args["Dir"] != dir || !strings.HasPrefix(err.Error(), "crear la bandeja de salida "+dir+": ") {
		t.Fatalf("problem %v, error %q", p, err)
	}
	if en := messages.Text("en", p); !strings.HasPrefix(en, "could not create the outbox "+dir+": ") {
		t.Errorf("English %q", en)
	}
}
