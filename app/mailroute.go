package app

import (
	"context"
	"sync/atomic"
)

// MailRoute says how a run's digest left Vigía: the history keeps it, so
// that "sent" is never said of a digest that was only saved to a file.
type MailRoute string

const (
	// MailRouteNone: no digest left (no alerts, a failure, a skipped slot).
	MailRouteNone MailRoute = ""
	// MailRouteSMTP: the SMTP server accepted the digest.
	MailRouteSMTP MailRoute = "smtp"
	// MailRouteOutbox: the digest was saved as a file in the outbox, because
	// no SMTP server is configured; nobody received it.
	MailRouteOutbox MailRoute = "bandeja_salida"
)

// routeNoteKey keys the run's note of its route in the context SendDigest gets.
type routeNoteKey struct{}

// SavedToOutbox is how a Mailer that saves digests as files, instead of
// sending them, tells the run it is delivering: ctx is the one SendDigest was
// given. The run then records MailRouteOutbox rather than MailRouteSMTP. The
// note travels in the context, not in SendDigest's results, so mailers that
// wrap others (one that switches mailers when the settings change) pass it
// on untouched.
func SavedToOutbox(ctx context.Context) {
	if note, ok := ctx.Value(routeNoteKey{}).(*atomic.Bool); ok {
		note.Store(true)
	}
}

// withRouteNote returns a context in which SavedToOutbox can be noted, and
// the route the digest took once SendDigest returned without error.
func withRouteNote(ctx context.Context) (context.Context, func() MailRoute) {
	outbox := new(atomic.Bool)
	return context.WithValue(ctx, routeNoteKey{}, outbox), func() MailRoute {
		if outbox.Load() {
			return MailRouteOutbox
		}
		return MailRouteSMTP
	}
}
