package notify

import (
	"crypto/tls"
	"io"
	"log/slog"
	"slices"
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
	waits     []time.Duration
	after     func(time.Duration) <-chan time.Time
	log       *slog.Logger
}

// DefaultTimeout bounds one SMTP attempt: connecting, TLS, AUTH and the message.
const DefaultTimeout = 30 * time.Second

func newOptions(opts []Option) options {
	o := options{
		clock:   systemClock{},
		timeout: DefaultTimeout,
		waits:   DefaultRetryWaits(),
		after:   time.After,
		log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithClock sets the clock behind the Date header and outbox file names.
func WithClock(c app.Clock) Option { return func(o *options) { o.clock = c } }

// WithTimeout bounds each SMTP attempt, from dialing to QUIT (DefaultTimeout
// otherwise). A server that stops answering costs at most this per attempt.
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

// WithRetryWaits sets the waits between SMTP attempts after a transient
// failure: len(waits)+1 attempts at most (DefaultRetryWaits otherwise; nil or
// empty means a single attempt). See ParseRetryWaits for VIGIA_SMTP_REINTENTOS.
func WithRetryWaits(waits []time.Duration) Option {
	return func(o *options) { o.waits = slices.Clone(waits) }
}

// WithAfter replaces time.After for the waits between attempts, so tests can
// end a wait at will (clockwork's Clock.After fits). The context still
// interrupts a wait.
func WithAfter(after func(time.Duration) <-chan time.Time) Option {
	return func(o *options) {
		if after != nil {
			o.after = after
		}
	}
}

// WithLogger logs each failed attempt that will be retried (nothing is
// logged otherwise; the final outcome is the caller's to log).
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.log = l
		}
	}
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
