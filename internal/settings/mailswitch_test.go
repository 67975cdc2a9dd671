package settings

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"vigia/app"
	"vigia/notify"
)

// heldMailer counts digests and, when gate is set, holds each send until
// gate is closed.
type heldMailer struct {
	mode    string
	started chan struct{}
	gate    chan struct{}

	mu   sync.Mutex
	sent int
}

func (m *heldMailer) SendDigest(ctx context.Context, _ app.Digest) (int, error) {
	if m.gate != nil {
		m.started <- struct{}{}
		<-m.gate
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent++
	return 1, nil
}

func (m *heldMailer) Mode() string { return m.mode }

func (m *heldMailer) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sent
}

func TestMailSwitchKeepsASendInProgressOnItsMailer(t *testing.T) {
	// given a send in progress through the first mailer
	old := &heldMailer{mode: "viejo", started: make(chan struct{}, 1), gate: make(chan struct{})}
	sw := NewMailSwitch(old)
	done := make(chan error, 1)
	go func() {
		_, err := sw.SendDigest(context.Background(), app.Digest{})
		done <- err
	}()
	<-old.started

	// when the mailer is swapped, then the send finishes
	next := &heldMailer{mode: "nuevo"}
	sw.Swap(next)
	close(old.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// then that send went through the old mailer and the next one through the new
	if _, err := sw.SendDigest(context.Background(), app.Digest{}); err != nil {
		t.Fatal(err)
	}
	if old.count() != 1 || next.count() != 1 || sw.Mode() != "nuevo" {
		t.Errorf("old sent %d, new %d, mode %q; want 1, 1, nuevo", old.count(), next.count(), sw.Mode())
	}
}

func TestMailSwitchSaysWhetherDigestsGoToTheOutbox(t *testing.T) {
	// given an outbox
	dir := filepath.Join(t.TempDir(), "outbox")
	sw := NewMailSwitch(notify.NewOutbox(dir, ""))
	if !sw.Outbox() || sw.Mode() != "bandeja de salida "+dir {
		t.Fatalf("outbox %v, mode %q", sw.Outbox(), sw.Mode())
	}

	// when an SMTP mailer takes its place
	sw.Swap(notify.NewSMTP(notify.Config{Host: "smtp.ejemplo.com", Port: 587, TLS: notify.TLSStartTLS}))

	// then it says so
	if sw.Outbox() || sw.Mode() != "SMTP smtp.ejemplo.com:587 (STARTTLS)" {
		t.Errorf("outbox %v, mode %q", sw.Outbox(), sw.Mode())
	}
}

func TestMailSwitchIsSafeToSwapWhileSending(t *testing.T) {
	// given a switch
	a, b := &heldMailer{mode: "a"}, &heldMailer{mode: "b"}
	sw := NewMailSwitch(a)

	// when sends and swaps overlap
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 50 {
				if i%2 == 0 {
					sw.Swap(a)
				} else {
					sw.Swap(b)
				}
				_, _ = sw.SendDigest(context.Background(), app.Digest{})
				_ = sw.Mode()
			}
		})
	}
	wg.Wait()

	// then every send went through one of them (the race detector checks the rest)
	if n := a.count() + b.count(); n != 400 {
		t.Errorf("%d sends, want 400", n)
	}
}
