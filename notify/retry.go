package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"vigia/app"
)

// EnvRetryWaits names the variable with the waits between SMTP attempts.
const EnvRetryWaits = "VIGIA_SMTP_REINTENTOS"

// Bounds of VIGIA_SMTP_REINTENTOS.
const (
	MaxRetries   = 10
	MaxRetryWait = time.Hour
)

// RunTimeoutMargin is what RunTimeoutFor adds for the rest of a run
// (reading the trigger and the alerts, recording the outcome).
const RunTimeoutMargin = time.Minute

// DefaultRetryWaits are the waits after the first, second and third failed
// attempt: 10 s, 60 s, 5 min, so four attempts over about six minutes.
func DefaultRetryWaits() []time.Duration {
	return []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}
}

// ParseRetryWaits reads VIGIA_SMTP_REINTENTOS: durations separated by commas,
// each in Go's notation with a unit ("10s", "1m30s", "5m"), greater than 0
// and at most MaxRetryWait, at most MaxRetries of them. "" gives
// DefaultRetryWaits; "0", "ninguno" or "none" give an empty list: a single
// attempt, no retry. Errors are Spanish and name the variable.
func ParseRetryWaits(s string) ([]time.Duration, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "":
		return DefaultRetryWaits(), nil
	case "0", "ninguno", "none":
		return []time.Duration{}, nil
	}
	items := strings.Split(s, ",")
	if len(items) > MaxRetries {
		return nil, fmt.Errorf("%s inválido: como mucho %d reintentos y hay %d", EnvRetryWaits, MaxRetries, len(items))
	}
	waits := make([]time.Duration, 0, len(items))
	for _, item := range items {
		item = strings.TrimSpace(item)
		d, err := time.ParseDuration(item)
		if err != nil {
			return nil, fmt.Errorf("%s inválido: %q no es una espera; use duraciones separadas por comas "+
				"con unidad (s, m, h), p. ej. 10s,60s,5m, o \"ninguno\" para no reintentar", EnvRetryWaits, item)
		}
		if d <= 0 || d > MaxRetryWait {
			return nil, fmt.Errorf("%s inválido: la espera %q debe ser mayor que 0 y como mucho %s",
				EnvRetryWaits, item, formatWait(MaxRetryWait))
		}
		waits = append(waits, d)
	}
	return waits, nil
}

// RunTimeoutFor is the per-run deadline that lets every attempt run out its
// own timeout and every wait pass: sum(waits) + (len(waits)+1) ×
// attemptTimeout + RunTimeoutMargin. With the defaults (10 s, 60 s, 5 min;
// 30 s per attempt) it is 9 min 10 s. An attemptTimeout ≤ 0 means DefaultTimeout.
func RunTimeoutFor(waits []time.Duration, attemptTimeout time.Duration) time.Duration {
	if attemptTimeout <= 0 {
		attemptTimeout = DefaultTimeout
	}
	total := time.Duration(len(waits)+1)*attemptTimeout + RunTimeoutMargin
	for _, w := range waits {
		total += w
	}
	return total
}

// retry makes attempts until one succeeds, one fails for good, the waits run
// out or ctx ends, and returns how many attempts it made. attempt returns nil
// or a *sendError; only transient failures are retried. ctx interrupts both
// an attempt and a wait.
func (o options) retry(ctx context.Context, addr string, attempt func(context.Context) error, logAttrs ...any) (int, error) {
	var last error
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return n - 1, &stoppedError{attempts: n - 1, cause: ctx.Err(), last: last, addr: addr}
		}
		err := attempt(ctx)
		if err == nil {
			return n, nil
		}
		if ctx.Err() != nil {
			// The caller's deadline or cancellation cut this attempt short:
			// its error tells only that, the previous one says more.
			return n, &stoppedError{attempts: n, cause: ctx.Err(), last: last, addr: addr, during: true}
		}
		last = err
		var se *sendError
		if !errors.As(err, &se) || se.class != transient {
			return n, err
		}
		if n > len(o.waits) {
			if n == 1 {
				return n, err
			}
			return n, &problemError{app.Msg(app.CodeSMTPAttemptsFailed, app.Args{"N": n, "Last": se.Problem()}), err}
		}
		wait := o.waits[n-1]
		o.log.Warn("envío SMTP fallido; se reintentará",
			append(logAttrs, slog.Int("intento", n), slog.Int("intentos_max", len(o.waits)+1),
				slog.String("espera", formatWait(wait)), slog.String("error", err.Error()))...)
		select {
		case <-ctx.Done():
			return n, &stoppedError{attempts: n, cause: ctx.Err(), last: last, addr: addr}
		case <-o.after(wait):
		}
	}
}

// stoppedError is a send that ctx ended, between attempts or during one:
// "tiempo agotado tras 2 intentos; último error: envío SMTP a ...". It wraps
// both the context's error and the last attempt's.
type stoppedError struct {
	attempts int
	cause    error // context.DeadlineExceeded or context.Canceled
	last     error // the last attempt that failed on its own; nil if none
	addr     string
	during   bool // ctx ended during attempt number attempts
}

func (e *stoppedError) Error() string { return spanish(e.Problem()) }

// Problem is the stop as a code: what ended the sending, and the attempts
// made or the last failure.
func (e *stoppedError) Problem() app.Message {
	what := app.Msg(app.CodeSMTPCancelled, nil)
	if errors.Is(e.cause, context.DeadlineExceeded) {
		what = app.Msg(app.CodeSMTPTimedOut, nil)
	}
	switch {
	case e.attempts == 0:
		return app.Msg(app.CodeSMTPStoppedBeforeFirst, app.Args{"What": what, "Addr": e.addr})
	case e.during && e.last == nil:
		return app.Msg(app.CodeSMTPStoppedDuringFirst, app.Args{"What": what, "Addr": e.addr})
	case e.during:
		return app.Msg(app.CodeSMTPStoppedDuring, app.Args{"What": what, "Attempt": e.attempts, "Last": detail(e.last)})
	}
	return app.Msg(app.CodeSMTPStoppedAfter, app.Args{"What": what, "N": e.attempts, "Last": detail(e.last)})
}

func (e *stoppedError) Unwrap() []error {
	if e.last == nil {
		return []error{e.cause}
	}
	return []error{e.cause, e.last}
}

// formatWait writes a wait as people write it: "10s", "5m", "1h", "1m30s".
func formatWait(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
