package notify

import (
	"context"
	"crypto/tls"
	"fmt"

	mail "github.com/wneessen/go-mail"

	"vigia/app"
)

// SMTPMailer sends digests through an SMTP server with go-mail.
type SMTPMailer struct {
	cfg  Config
	opts options
}

var _ app.Mailer = (*SMTPMailer)(nil)

// NewSMTP returns a mailer for the server of cfg (see ConfigFromEnv).
func NewSMTP(cfg Config, opts ...Option) *SMTPMailer {
	return &SMTPMailer{cfg: cfg, opts: newOptions(opts)}
}

// Mode describes the delivery for the banner: "SMTP smtp.gmail.com:587 (STARTTLS)".
func (m *SMTPMailer) Mode() string {
	return fmt.Sprintf("SMTP %s (%s)", m.cfg.Addr(), m.cfg.TLS.label())
}

// SendDigest sends d as one message to all its recipients. It makes one
// attempt; a message that cannot be built costs none.
func (m *SMTPMailer) SendDigest(ctx context.Context, d app.Digest) (attempts int, err error) {
	msg, err := newMessage(d, m.cfg.From, m.opts.clock.Now())
	if err != nil {
		return 0, fmt.Errorf("preparar el correo del trigger %d: %w", d.TriggerID, err)
	}
	return 1, m.sendOnce(ctx, msg)
}

// sendOnce is one SMTP session: connect, TLS, AUTH, the message, QUIT. A retry
// policy wraps it. A fresh go-mail client per session keeps concurrent sends
// from sharing its state.
func (m *SMTPMailer) sendOnce(ctx context.Context, msg *mail.Msg) error {
	client, err := mail.NewClient(m.cfg.Host, m.clientOptions()...)
	if err == nil {
		err = client.DialAndSendWithContext(ctx, msg)
	}
	if err != nil {
		return &sendError{addr: m.cfg.Addr(), err: err, password: m.cfg.Password.Reveal()}
	}
	return nil
}

func (m *SMTPMailer) clientOptions() []mail.Option {
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
	if m.opts.tlsConfig != nil {
		tlsConfig = m.opts.tlsConfig.Clone()
	}
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = m.cfg.Host
	}
	opts := []mail.Option{
		mail.WithPort(m.cfg.Port),
		mail.WithTimeout(m.opts.timeout),
		mail.WithTLSConfig(tlsConfig),
	}
	switch m.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
	case TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if m.cfg.User != "" {
		// PLAIN or LOGIN, whichever the server offers (go-mail falls back to
		// discovering the strongest other mechanism). Without TLS, which
		// ConfigFromEnv allows only on loopback, go-mail must be told that
		// clear-text AUTH is intended.
		mechs := []mail.SMTPAuthType{mail.SMTPAuthPlain, mail.SMTPAuthLogin}
		if m.cfg.TLS == TLSNone {
			mechs = []mail.SMTPAuthType{mail.SMTPAuthPlainNoEnc, mail.SMTPAuthLoginNoEnc}
		}
		opts = append(opts,
			mail.WithUsername(m.cfg.User),
			mail.WithPassword(m.cfg.Password.Reveal()),
			mail.WithOpportunisticSMTPAuth(mechs...))
	}
	return opts
}
