package notify_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"vigia/app"
	"vigia/notify"
	"vigia/notify/smtptest"
)

// slot is the 08:00 Bogotá slot of the sample digest.
var slot = time.Date(2025, 12, 8, 13, 0, 0, 0, time.UTC)

// slotDigest is the sample digest of a scheduled run of trigger 7.
func slotDigest(t testing.TB) app.Digest {
	d := sampleDigest(t)
	d.ExecutionID, d.Slot = 42, slot
	return d
}

// wantID is the Message-ID of every attempt of slotDigest from avisos@estudio.co.
var wantID = fmt.Sprintf("<vigia.t7.%d@estudio.co>", slot.Unix())

// waits records the retry waits a mailer asks for and ends each at once.
type waits struct {
	mu  sync.Mutex
	got []time.Duration
}

func (w *waits) after(d time.Duration) <-chan time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, d)
	ch := make(chan time.Time, 1)
	ch <- time.Time{}
	return ch
}

func (w *waits) asked() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.got)
}

// within runs send and fails the test if it has not returned after limit: a
// guard against a hang, far above what the test configures.
func within(t *testing.T, limit time.Duration, send func() (int, error)) (int, error) {
	t.Helper()
	type result struct {
		attempts int
		err      error
	}
	done := make(chan result, 1)
	go func() {
		n, err := send()
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		return r.attempts, r.err
	case <-time.After(limit):
		t.Fatalf("SendDigest still running after %v", limit)
		return 0, nil
	}
}

func replies(msgs []smtptest.Message) []int {
	var codes []int
	for _, m := range msgs {
		codes = append(codes, m.Reply)
	}
	return codes
}

func messageIDs(t *testing.T, msgs []smtptest.Message) []string {
	t.Helper()
	var ids []string
	for _, m := range msgs {
		p, err := m.Parse()
		if err != nil {
			t.Fatalf("parse received message: %v", err)
		}
		ids = append(ids, p.Header.Get("Message-ID"))
	}
	return ids
}

func TestSMTPTransientRefusalIsRetriedAfterTheWaitsUntilAccepted(t *testing.T) {
	// given: a server that answers the first two DATA with 451
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{
		{Stage: smtptest.StageData, Code: 451, Message: "try later", Times: 2},
	}})
	w := &waits{}
	mailer := mailerFor(srv, notify.TLSNone, "", "",
		notify.WithRetryWaits(notify.DefaultRetryWaits()), notify.WithAfter(w.after))

	// when
	attempts, err := mailer.SendDigest(context.Background(), slotDigest(t))

	// then
	if err != nil || attempts != 3 {
		t.Fatalf("SendDigest = %d, %v; want 3 attempts, nil", attempts, err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server accepted %d messages, want 1", n)
	}
	if got, want := w.asked(), []time.Duration{10 * time.Second, time.Minute}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	received := srv.Received()
	if got := replies(received); !slices.Equal(got, []int{451, 451, 250}) {
		t.Errorf("server replies %v, want 451, 451, 250", got)
	}
	if ids := messageIDs(t, received); len(ids) != 3 || ids[0] != wantID || ids[1] != wantID || ids[2] != wantID {
		t.Errorf("Message-IDs per attempt %q, want %q each time", ids, wantID)
	}
}

func TestSMTPRetriesStopAfterTheLastWait(t *testing.T) {
	// given: a server that always answers 451, and two retries
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageMail, Code: 451, Message: "busy"}}})
	w := &waits{}
	mailer := mailerFor(srv, notify.TLSNone, "", "",
		notify.WithRetryWaits([]time.Duration{time.Second, 2 * time.Second}), notify.WithAfter(w.after))

	// when
	attempts, err := mailer.SendDigest(context.Background(), slotDigest(t))

	// then
	if err == nil || attempts != 3 {
		t.Fatalf("SendDigest = %d, %v; want 3 failed attempts", attempts, err)
	}
	if !strings.HasPrefix(err.Error(), "3 intentos fallidos; último error: envío SMTP a "+srv.Addr()+
		": el servidor no puede aceptar el correo ahora (451): ") {
		t.Errorf("error %q", err)
	}
	if n := srv.Connections(); n != 3 {
		t.Errorf("server saw %d connections, want 3", n)
	}
	if got := w.asked(); !slices.Equal(got, []time.Duration{time.Second, 2 * time.Second}) {
		t.Errorf("waits %v", got)
	}
}

func TestSMTPPermanentRefusalIsNotRetried(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{
		{Stage: smtptest.StageData, Code: 550, Message: "message rejected as spam"},
	}})
	w := &waits{}
	mailer := mailerFor(srv, notify.TLSNone, "", "", notify.WithRetryWaits(notify.DefaultRetryWaits()), notify.WithAfter(w.after))

	// when
	attempts, err := mailer.SendDigest(context.Background(), slotDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 failed attempt", attempts, err)
	}
	if !strings.HasPrefix(err.Error(), "envío SMTP a "+srv.Addr()+": el servidor rechazó el correo (550): ") {
		t.Errorf("error %q", err)
	}
	if notify.ConfigProblem(err) {
		t.Errorf("a refused message is reported as a configuration problem: %q", err)
	}
	if n, asked := len(srv.Received()), w.asked(); n != 1 || len(asked) != 0 {
		t.Errorf("server read %d messages and the mailer waited %v; want 1 and no wait", n, asked)
	}
}

func TestSMTPRefusedCredentialsAreAConfigurationProblemAndNotRetried(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{User: "avisos@estudio.co", Password: "la buena"})
	w := &waits{}
	mailer := mailerFor(srv, notify.TLSNone, "avisos@estudio.co", "la mala",
		notify.WithRetryWaits(notify.DefaultRetryWaits()), notify.WithAfter(w.after))

	// when
	attempts, err := mailer.SendDigest(context.Background(), slotDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 failed attempt", attempts, err)
	}
	if !notify.ConfigProblem(err) {
		t.Errorf("ConfigProblem(%q) = false", err)
	}
	want := "envío SMTP a " + srv.Addr() + ": el servidor rechazó el usuario o la contraseña (535); revise SMTP_USER y SMTP_PASSWORD: "
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want prefix %q", err, want)
	}
	if n, asked := len(srv.Logins()), w.asked(); n != 1 || len(asked) != 0 {
		t.Errorf("%d AUTH attempts and waits %v; want 1 and none", n, asked)
	}
}

func TestSMTPSilentServerEndsWithinTheAttemptTimeouts(t *testing.T) {
	// given: a server that accepts connections and never greets; 50 ms per
	// attempt, one retry after 50 ms
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageConnect, Hang: true}}})
	mailer := mailerFor(srv, notify.TLSNone, "", "",
		notify.WithTimeout(50*time.Millisecond), notify.WithRetryWaits([]time.Duration{50 * time.Millisecond}))

	// when: the guard is far above 2 × 50 ms + 50 ms
	attempts, err := within(t, 10*time.Second, func() (int, error) {
		return mailer.SendDigest(context.Background(), slotDigest(t))
	})

	// then
	if err == nil || attempts != 2 {
		t.Fatalf("SendDigest = %d, %v; want 2 failed attempts", attempts, err)
	}
	if !strings.HasPrefix(err.Error(), "2 intentos fallidos; último error: envío SMTP a "+srv.Addr()+
		": el servidor no respondió en 50ms: ") {
		t.Errorf("error %q", err)
	}
	if n := srv.Connections(); n != 2 {
		t.Errorf("server saw %d connections, want 2", n)
	}
}

func TestSMTPServerSilentAfterTheMessageIsRetriedWithTheSameMessageID(t *testing.T) {
	// given: the first DATA is read and never answered, the second accepted
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageData, Hang: true, Times: 1}}})
	mailer := mailerFor(srv, notify.TLSNone, "", "",
		notify.WithTimeout(50*time.Millisecond), notify.WithRetryWaits([]time.Duration{time.Minute}), notify.WithAfter((&waits{}).after))

	// when
	attempts, err := within(t, 10*time.Second, func() (int, error) {
		return mailer.SendDigest(context.Background(), slotDigest(t))
	})

	// then: the server can tell the second copy is the same message
	if err != nil || attempts != 2 {
		t.Fatalf("SendDigest = %d, %v; want 2 attempts, nil", attempts, err)
	}
	received := srv.Received()
	if got := replies(received); !slices.Equal(got, []int{0, 250}) {
		t.Errorf("server replies %v, want none then 250", got)
	}
	if ids := messageIDs(t, received); len(ids) != 2 || ids[0] != wantID || ids[1] != wantID {
		t.Errorf("Message-IDs %q, want %q twice", ids, wantID)
	}
}

func TestSMTPUnreachableServerIsRetried(t *testing.T) {
	// given: nothing listens on port 1
	w := &waits{}
	mailer := notify.NewSMTP(notify.Config{Host: "127.0.0.1", Port: 1, From: "a@b.co", TLS: notify.TLSNone},
		notify.WithRetryWaits([]time.Duration{time.Second, time.Second}), notify.WithAfter(w.after))

	// when
	attempts, err := mailer.SendDigest(context.Background(), slotDigest(t))

	// then
	if err == nil || attempts != 3 {
		t.Fatalf("SendDigest = %d, %v; want 3 failed attempts", attempts, err)
	}
	if !strings.HasPrefix(err.Error(), "3 intentos fallidos; último error: envío SMTP a 127.0.0.1:1: el servidor rechazó la conexión") {
		t.Errorf("error %q", err)
	}
}

func TestSMTPCancelDuringAWaitReturnsAtOnceWithTheAttemptsMade(t *testing.T) {
	// given: a server that always answers 451 and a wait that never ends by itself
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageData, Code: 451, Message: "try later"}}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	waiting := make(chan time.Duration, 1)
	never := func(d time.Duration) <-chan time.Time {
		waiting <- d
		return nil
	}
	mailer := mailerFor(srv, notify.TLSNone, "", "", notify.WithRetryWaits(notify.DefaultRetryWaits()), notify.WithAfter(never))
	go func() {
		<-waiting
		cancel()
	}()

	// when
	attempts, err := within(t, 10*time.Second, func() (int, error) { return mailer.SendDigest(ctx, slotDigest(t)) })

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 attempt", attempts, err)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", err)
	}
	if !strings.HasPrefix(err.Error(), "envío cancelado tras 1 intento; último error: envío SMTP a "+srv.Addr()+
		": el servidor no puede aceptar el correo ahora (451): ") {
		t.Errorf("error %q", err)
	}
	if n := srv.Connections(); n != 1 {
		t.Errorf("server saw %d connections, want 1", n)
	}
}

func TestSMTPRunDeadlineDuringAnAttemptStopsIt(t *testing.T) {
	// given: a silent server, an attempt timeout of a minute and a run
	// deadline that ends during the first attempt
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageConnect, Hang: true}}})
	mailer := mailerFor(srv, notify.TLSNone, "", "", notify.WithTimeout(time.Minute), notify.WithRetryWaits(notify.DefaultRetryWaits()))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		srv.WaitConnections(t, 1, 10*time.Second)
		cancel()
	}()

	// when
	attempts, err := within(t, 10*time.Second, func() (int, error) { return mailer.SendDigest(ctx, slotDigest(t)) })

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 interrupted attempt", attempts, err)
	}
	if !errors.Is(err, context.Canceled) || err.Error() != "envío cancelado durante el intento 1 de envío SMTP a "+srv.Addr() {
		t.Errorf("error %q", err)
	}
}

// runDeadline is a run's context whose deadline the test ends by hand.
type runDeadline struct {
	context.Context
	done chan struct{}
}

func newRunDeadline() *runDeadline {
	return &runDeadline{Context: context.Background(), done: make(chan struct{})}
}

func (c *runDeadline) Done() <-chan struct{} { return c.done }

func (c *runDeadline) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func (c *runDeadline) expire() { close(c.done) }

func TestSMTPRunDeadlineDuringAWaitNamesTheLastError(t *testing.T) {
	// given: 451 on every attempt, and the run's deadline passing during the first wait
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageRcpt, Code: 452, Message: "too many recipients"}}})
	ctx := newRunDeadline()
	never := func(time.Duration) <-chan time.Time {
		ctx.expire()
		return nil
	}
	mailer := mailerFor(srv, notify.TLSNone, "", "", notify.WithRetryWaits(notify.DefaultRetryWaits()), notify.WithAfter(never))

	// when
	attempts, err := within(t, 10*time.Second, func() (int, error) { return mailer.SendDigest(ctx, slotDigest(t)) })

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 attempt", attempts, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if !strings.HasPrefix(err.Error(), "tiempo agotado tras 1 intento; último error: envío SMTP a "+srv.Addr()+
		": el servidor no puede aceptar destinatarios ahora (452): ") {
		t.Errorf("error %q", err)
	}
}

func TestSMTPExpiredRunDeadlineMakesNoAttempt(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{})
	mailer := mailerFor(srv, notify.TLSNone, "", "")
	ctx := newRunDeadline()
	ctx.expire()

	// when
	attempts, err := mailer.SendDigest(ctx, slotDigest(t))

	// then
	if attempts != 0 || !errors.Is(err, context.DeadlineExceeded) ||
		err == nil || err.Error() != "tiempo agotado antes del primer intento de envío SMTP a "+srv.Addr() {
		t.Errorf("SendDigest = %d, %v", attempts, err)
	}
	if n := srv.Connections(); n != 0 {
		t.Errorf("server saw %d connections", n)
	}
}
