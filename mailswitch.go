package main

import (
	"context"
	"sync/atomic"

	"vigia/app"
	"vigia/notify"
)

// mailSwitch is the mailer the Service holds: it hands each digest to the
// mailer of the mail settings in effect, which settingsManager replaces when
// they change. A digest being sent stays with the mailer it started with,
// retries included; the next one takes the new mailer.
type mailSwitch struct {
	cur atomic.Pointer[mailerRef]
}

// mailerRef boxes the interface: atomic.Pointer needs a concrete type.
type mailerRef struct{ m mailer }

var _ mailer = (*mailSwitch)(nil)

func newMailSwitch(m mailer) *mailSwitch {
	s := &mailSwitch{}
	s.swap(m)
	return s
}

// SendDigest sends d with the mailer in effect now.
func (s *mailSwitch) SendDigest(ctx context.Context, d app.Digest) (int, error) {
	return s.current().SendDigest(ctx, d)
}

// Mode describes the mailer in effect.
func (s *mailSwitch) Mode() string { return s.current().Mode() }

// Outbox reports whether digests go to the outbox rather than a server.
func (s *mailSwitch) Outbox() bool {
	_, ok := s.current().(*notify.Outbox)
	return ok
}

func (s *mailSwitch) current() mailer { return s.cur.Load().m }

// swap makes m the mailer of the digests sent from now on.
func (s *mailSwitch) swap(m mailer) { s.cur.Store(&mailerRef{m: m}) }
