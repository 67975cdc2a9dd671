package notify

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"time"

	mail "github.com/wneessen/go-mail"

	"vigia/app"
	"vigia/messages"
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

// Mode describes the delivery for the banner, in Spanish as the console
// speaks: "SMTP smtp.gmail.com:587 (STARTTLS)".
func (m *SMTPMailer) Mode() string {
	return messages.Text("es", app.Msg(app.CodeMailModeSMTP, app.Args{"Addr": m.cfg.Addr(), "TLS": string(m.cfg.TLS)}))
}

// SendDigest sends d as one message to all its recipients and returns how
// many attempts it made (a message that cannot be built costs none). Each
// attempt is bounded by WithTimeout; a transient failure (4xx, timeout,
// dropped connection, failed dial) is retried after the next of the retry
// waits, a permanent one (5xx, credentials, TLS) is not. Every attempt sends
// the same message: same Message-ID (see MessageID) and Date. ctx (the run's
// deadline) interrupts an attempt or a wait; the error then says how many
// attempts were made and what the last one met.
func (m *SMTPMailer) SendDigest(ctx context.Context, d app.Digest) (attempts int, err error) {
	msg, err := newMessage(d, m.cfg.From, m.opts.clock.Now())
	if err != nil {
		return 0, notBuilt(d, err)
	}
	return m.opts.retry(ctx, m.cfg.Addr(), func(ctx context.Context) error {
		return m.attempt(ctx, msg)
	}, slog.Int64("trigger_id", d.TriggerID), slog.String("servidor", m.cfg.Addr()))
}

// attempt is one SMTP session under its own timeout. It returns nil or a
// *sendError.
func (m *SMTPMailer) attempt(ctx context.Context, msg *mail.Msg) error {
	attemptCtx, cancel := context.WithTimeout(ctx, m.opts.timeout)
	defer cancel()
	err := m.sendOnce(attemptCtx, msg)
	switch {
	case err == nil:
		return nil
	case msg.IsDelivered():
		// The server took the message; only RSET or QUIT failed after it.
		// Sending it again would deliver it twice.
		m.opts.log.Info("correo entregado; el cierre de la sesión SMTP falló", "servidor", m.cfg.Addr(), "error", err.Error())
		return nil
	case ctx.Err() == nil && expired(attemptCtx):
		err = &attemptTimeout{after: m.opts.timeout, err: err}
	}
	return newSendError(m.cfg.Addr(), err, m.cfg.Password.Reveal())
}

// expired tells whether ctx's deadline has passed, even if its timer has not
// fired yet (go-mail's own deadline on the connection may have come first).
func expired(ctx context.Context) bool {
	deadline, ok := ctx.Deadline()
	return ctx.Err() != nil || ok && !time.Now().Before(deadline)
}

// sendOnce is one SMTP session: connect, TLS, AUTH, the message, QUIT. A
// fresh go-mail client per session keeps concurrent sends from sharing its
// state. go-mail bounds each command by its timeout but looks at ctx only
// while dialing; the connection is closed when ctx ends, so that neither a
// silent server nor the caller's deadline waits for go-mail's own timeouts.
func (m *SMTPMailer) sendOnce(ctx context.Context, msg *mail.Msg) error {
	client, err := mail.NewClient(m.cfg.Host, m.clientOptions(ctx)...)
	if err != nil {
		return err
	}
	return client.DialAndSendWithContext(ctx, msg)
}

// dialer connects to the server and arms the closing of the connection when
// session ends. It speaks implicit TLS itself: go-mail does so only with its
// own dialer. The returned *tls.Conn tells go-mail's AUTH that the session is
// encrypted.
func (m *SMTPMailer) dialer(session context.Context, tlsConfig *tls.Config) mail.DialContextFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		raw, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		context.AfterFunc(session, func() { _ = raw.Close() })
		if m.cfg.TLS != TLSImplicit {
			return raw, nil
		}
		conn := tls.Client(raw, tlsConfig)
		if err := conn.HandshakeContext(ctx); err != nil {
			_ = raw.Close()
			return nil, err
		}
		return conn, nil
	}
}

func (m *SMTPMailer) clientOptions(session context.Context) []mail.Option {
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
		mail.WithDialContextFunc(m.dialer(session, tlsConfig)),
	}
	switch m.cfg.TLS {
	case TLSImplicit:
		// TLS from the first byte, done by dialer; no STARTTLS on top.
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
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
