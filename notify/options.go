package notify

import (
	"crypto/tls"
	"time"

	"vigia/app"
)

// Option tunes a mailer. Options that do not apply to a mailer are ignored
// (an outbox has no TLS).
type Option func(*options)

type options struct {
	clock     app.Clock
	timeout   time.Duration
	tlsConfig *tls.Config
}

// DefaultTimeout bounds one SMTP session: connecting, TLS, AUTH and the message.
const DefaultTimeout = 30 * time.Second

func newOptions(opts []Option) options {
	o := options{clock: systemClock{}, timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithClock sets the clock behind the Date header and outbox file names.
func WithClock(c app.Clock) Option { return func(o *options) { o.clock = c } }

// WithTimeout bounds one SMTP session (DefaultTimeout otherwise).
func WithTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.timeout = d
		}
	}
}

// WithTLSConfig replaces the TLS settings (tests trust a self-signed certificate
// with it). ServerName defaults to the configured host.
func WithTLSConfig(c *tls.Config) Option { return func(o *options) { o.tlsConfig = c } }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
