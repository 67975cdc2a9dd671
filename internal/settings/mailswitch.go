package settings

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync/atomic"

	"vigia/app"
	"vigia/internal/config"
	"vigia/notify"
)

// Mailer is an app.Mailer that can describe itself for the banner.
type Mailer interface {
	app.Mailer
	Mode() string
}

// NewMailer is the mailer of cfg: the outbox of cfg.DataDir when no SMTP
// server is configured, otherwise SMTP with cfg's retry waits.
func NewMailer(cfg config.Config, log *slog.Logger) Mailer {
	if cfg.Outbox {
		return notify.NewOutbox(filepath.Join(cfg.DataDir, "outbox"), cfg.SMTP.From)
	}
	return notify.NewSMTP(cfg.SMTP, notify.WithRetryWaits(cfg.SMTPRetryWaits), notify.WithLogger(log))
}

// MailSwitch is the mailer the Service holds: it hands each digest to the
// mailer of the mail settings in effect, which the Manager replaces when
// they change. A digest being sent stays with the mailer it started with,
// retries included; the next one takes the new mailer.
type MailSwitch struct {
	cur atomic.Pointer[mailerRef]
}

// mailerRef boxes the interface: atomic.Pointer needs a concrete type.
type mailerRef struct{ m Mailer }

var _ Mailer = (*MailSwitch)(nil)

// NewMailSwitch sends with m until Swap.
func NewMailSwitch(m Mailer) *MailSwitch {
	s := &MailSwitch{}
	s.Swap(m)
	return s
}

// SendDigest sends d with the mailer in effect now.
func (s *MailSwitch) SendDigest(ctx context.Context, d app.Digest) (int, error) {
	return s.current().SendDigest(ctx, d)
}

// Mode describes the mailer in effect.
func (s *MailSwitch) Mode() string { return s.current().Mode() }

// Outbox reports whether digests go to the outbox rather than a server.
func (s *MailSwitch) Outbox() bool {
	_, ok := s.current().(*notify.Outbox)
	return ok
}

func (s *MailSwitch) current() Mailer { return s.cur.Load().m }

// Swap makes m the mailer of the digests sent from now on.
func (s *MailSwitch) Swap(m Mailer) { s.cur.Store(&mailerRef{m: m}) }
