package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/textproto"
	"strings"
	"syscall"
	"time"

	mail "github.com/wneessen/go-mail"

	"vigia/app"
)

// class is what a failed SMTP attempt means for the next one.
type class int

const (
	// permanent: the same message would fail again (5xx, a bad certificate,
	// anything not known to be transient). No retry.
	permanent class = iota
	// transient: the server or the network may accept it later (4xx,
	// timeouts, a dropped connection, a failed dial). Retried.
	transient
	// configuration: permanent, and the cause is Vigía's SMTP settings
	// (credentials refused, TLS mode or port wrong). No retry; the user must act.
	configuration
)

func (c class) String() string {
	switch c {
	case transient:
		return "transitorio"
	case configuration:
		return "configuración"
	}
	return "permanente"
}

// diagnosis is a failed attempt told for the retry loop and for the user.
type diagnosis struct {
	class class
	hint  *app.Message // what a user can act on; nil when unsure
}

// because is a diagnosis with its hint.
func because(c class, hint app.Message) diagnosis { return diagnosis{c, &hint} }

// diagnose classifies the error of one SMTP session as go-mail returns it:
//
//   - a server reply: *textproto.Error from the greeting, EHLO, STARTTLS or
//     AUTH (wrapped in "dial failed: ..."), or a *mail.SendError from MAIL,
//     RCPT or DATA (wrapped in "send failed: ..." and errors.Join) whose
//     ErrorCode is the reply code. 4xx is transient, 5xx permanent, and 530,
//     534, 535 and 538 (authentication) a configuration problem.
//   - a *mail.SendError without reply code: the connection failed in the
//     middle of a command (go-mail keeps the cause in an unexported list, and
//     its IsTemp only looks for a leading "4", so a timeout says false):
//     transient, unless go-mail failed before talking to the server.
//   - a network error: dial failures (refused, no route, DNS), timeouts,
//     reset, EOF and broken pipe are transient.
//   - TLS: an untrusted certificate, a server without STARTTLS or without TLS
//     on an implicit-TLS port is a configuration problem.
//
// Anything else is permanent: an unknown failure is not retried. The
// interruption of an attempt by its own timeout or by the caller is told by
// the retry loop, which knows which context ended (see attemptTimeout).
func diagnose(err error) diagnosis {
	var (
		timeout   *attemptTimeout
		certErr   *tls.CertificateVerificationError
		unknownCA x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		recordErr tls.RecordHeaderError
		dnsErr    *net.DNSError
		opErr     *net.OpError
		netErr    net.Error
	)
	switch {
	case errors.As(err, &timeout):
		return because(transient, app.Msg(app.CodeSMTPNoAnswerWithin, app.Args{"After": timeout.after.String()}))
	case errors.Is(err, context.Canceled):
		return because(transient, app.Msg(app.CodeSMTPCancelled, nil))
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr):
		return because(configuration, app.Msg(app.CodeSMTPBadCertificate, nil))
	case errors.As(err, &recordErr):
		return because(configuration, app.Msg(app.CodeSMTPNoTLS, nil))
	case strings.Contains(err.Error(), "does not support STARTTLS"):
		return because(configuration, app.Msg(app.CodeSMTPNoSTARTTLS, nil))
	case strings.Contains(err.Error(), "server does not support SMTP AUTH"),
		errors.Is(err, mail.ErrPlainAuthNotSupported), errors.Is(err, mail.ErrLoginAuthNotSupported):
		return because(configuration, app.Msg(app.CodeSMTPNoAuth, nil))
	}
	if d, ok := diagnoseReply(err); ok {
		return d
	}
	switch {
	case errors.As(err, &dnsErr):
		return because(transient, app.Msg(app.CodeSMTPHostNotFound, nil))
	case errors.Is(err, syscall.ECONNREFUSED):
		return because(transient, app.Msg(app.CodeSMTPConnectionRefused, nil))
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return because(transient, app.Msg(app.CodeSMTPNoAnswer, nil))
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return because(transient, app.Msg(app.CodeSMTPConnectionCut, nil))
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return because(transient, app.Msg(app.CodeSMTPNoConnection, nil))
	}
	return diagnosis{permanent, nil}
}

// diagnoseReply classifies a server's error reply; ok is false when err
// carries none. A *mail.SendError without code is a broken session.
func diagnoseReply(err error) (diagnosis, bool) {
	var (
		sendErr  *mail.SendError
		protoErr *textproto.Error
		code     int
	)
	switch {
	case errors.As(err, &sendErr) && sendErr.ErrorCode() != 0:
		code = sendErr.ErrorCode()
	case errors.As(err, &protoErr):
		code = protoErr.Code
	case errors.As(err, &sendErr):
		switch sendErr.Reason {
		case mail.ErrGetSender, mail.ErrGetRcpts, mail.ErrNoUnencoded:
			return diagnosis{permanent, nil}, true // refused before talking to the server
		}
		if sendErr.IsTemp() {
			return because(transient, app.Msg(app.CodeSMTPBusy, nil)), true
		}
		return because(transient, app.Msg(app.CodeSMTPConnectionCut, nil)), true
	default:
		return diagnosis{}, false
	}
	rcpt := sendErr != nil && sendErr.Reason == mail.ErrSMTPRcptTo
	switch {
	case code == 535:
		return because(configuration, app.Msg(app.CodeSMTPCredentials, nil)), true
	case code == 534:
		return because(configuration, app.Msg(app.CodeSMTPAccessRefused, nil)), true
	case code == 530:
		return because(configuration, app.Msg(app.CodeSMTPAuthRequired, nil)), true
	case code == 538:
		return because(configuration, app.Msg(app.CodeSMTPEncryptionRequired, nil)), true
	case code/100 == 4 && rcpt:
		return because(transient, app.Msg(app.CodeSMTPRecipientsLater, app.Args{"Reply": code})), true
	case code/100 == 4:
		return because(transient, app.Msg(app.CodeSMTPMailLater, app.Args{"Reply": code})), true
	case code/100 == 5 && rcpt:
		return because(permanent, app.Msg(app.CodeSMTPRecipientsRefused, app.Args{"Reply": code})), true
	case code/100 == 5:
		return because(permanent, app.Msg(app.CodeSMTPMailRefused, app.Args{"Reply": code})), true
	}
	return diagnosis{permanent, nil}, true
}

// attemptTimeout is an attempt cut short by its own timeout (WithTimeout),
// whatever go-mail made of the closed connection.
type attemptTimeout struct {
	after time.Duration
	err   error
}

func (e *attemptTimeout) Error() string   { return e.err.Error() }
func (e *attemptTimeout) Unwrap() error   { return e.err }
func (e *attemptTimeout) Timeout() bool   { return true }
func (e *attemptTimeout) Temporary() bool { return true }

// sendError is a failed SMTP session, told for the history and the user:
// "envío SMTP a smtp.gmail.com:587: el servidor rechazó el usuario o la
// contraseña (535); revise SMTP_USER y SMTP_PASSWORD: <go-mail error>".
// It never carries the password, even if a server echoes it.
type sendError struct {
	addr     string
	err      error
	password string
	diagnosis
}

func newSendError(addr string, err error, password string) *sendError {
	return &sendError{addr: addr, err: err, password: password, diagnosis: diagnose(err)}
}

// Problem is the failure as a code: the server, the reason when there is
// one, and go-mail's error (the server's reply) verbatim, password hidden.
func (e *sendError) Problem() app.Message {
	detail := e.err.Error()
	if e.password != "" {
		detail = strings.ReplaceAll(detail, e.password, redacted)
	}
	if e.hint == nil {
		return app.Msg(app.CodeSMTPFailed, app.Args{"Addr": e.addr, "Detail": detail})
	}
	return app.Msg(app.CodeSMTPFailedBecause, app.Args{"Addr": e.addr, "Reason": *e.hint, "Detail": detail})
}

func (e *sendError) Error() string { return spanish(e.Problem()) }
func (e *sendError) Unwrap() error { return e.err }

// ConfigProblem reports whether err (from SendDigest) means Vigía's SMTP
// settings are wrong: credentials refused (530, 534, 535, 538), an invalid
// certificate, the TLS mode not matching the port. Retrying cannot help; the
// user must change SMTP_* settings.
func ConfigProblem(err error) bool {
	var se *sendError
	return errors.As(err, &se) && se.class == configuration
}
