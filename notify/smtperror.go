package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strings"
	"syscall"
	"time"

	mail "github.com/wneessen/go-mail"
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
	hint  string // Spanish words a user can act on; "" when unsure
}

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
		return diagnosis{transient, fmt.Sprintf("el servidor no respondió en %s", timeout.after)}
	case errors.Is(err, context.Canceled):
		return diagnosis{transient, "envío cancelado"}
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr):
		return diagnosis{configuration, "el certificado TLS del servidor no es válido (revise SMTP_HOST)"}
	case errors.As(err, &recordErr):
		return diagnosis{configuration, "el servidor no habla TLS en este puerto (revise SMTP_PORT y SMTP_TLS)"}
	case strings.Contains(err.Error(), "does not support STARTTLS"):
		return diagnosis{configuration, "el servidor no ofrece STARTTLS (revise SMTP_PORT y SMTP_TLS)"}
	case strings.Contains(err.Error(), "server does not support SMTP AUTH"),
		errors.Is(err, mail.ErrPlainAuthNotSupported), errors.Is(err, mail.ErrLoginAuthNotSupported):
		return diagnosis{configuration, "el servidor no ofrece autenticación con usuario y contraseña (revise SMTP_PORT y SMTP_TLS)"}
	}
	if d, ok := diagnoseReply(err); ok {
		return d
	}
	switch {
	case errors.As(err, &dnsErr):
		return diagnosis{transient, "no se encontró el servidor (revise SMTP_HOST)"}
	case errors.Is(err, syscall.ECONNREFUSED):
		return diagnosis{transient, "el servidor rechazó la conexión (revise SMTP_HOST y SMTP_PORT)"}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return diagnosis{transient, "el servidor no respondió a tiempo"}
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return diagnosis{transient, "se cortó la conexión con el servidor"}
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return diagnosis{transient, "no se pudo conectar con el servidor (revise SMTP_HOST y la conexión a Internet)"}
	}
	return diagnosis{permanent, ""}
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
			return diagnosis{permanent, ""}, true // refused before talking to the server
		}
		if sendErr.IsTemp() {
			return diagnosis{transient, "el servidor no puede aceptar el correo ahora"}, true
		}
		return diagnosis{transient, "se cortó la conexión con el servidor"}, true
	default:
		return diagnosis{}, false
	}
	rcpt := sendErr != nil && sendErr.Reason == mail.ErrSMTPRcptTo
	switch {
	case code == 535:
		return diagnosis{configuration, "el servidor rechazó el usuario o la contraseña (535); revise SMTP_USER y SMTP_PASSWORD"}, true
	case code == 534:
		return diagnosis{configuration, "el servidor no acepta este acceso (534); revise SMTP_USER y SMTP_PASSWORD (Gmail exige una contraseña de aplicación)"}, true
	case code == 530:
		return diagnosis{configuration, "el servidor exige autenticación (530); revise SMTP_USER y SMTP_PASSWORD"}, true
	case code == 538:
		return diagnosis{configuration, "el servidor exige cifrado para autenticarse (538); revise SMTP_TLS"}, true
	case code/100 == 4 && rcpt:
		return diagnosis{transient, fmt.Sprintf("el servidor no puede aceptar destinatarios ahora (%d)", code)}, true
	case code/100 == 4:
		return diagnosis{transient, fmt.Sprintf("el servidor no puede aceptar el correo ahora (%d)", code)}, true
	case code/100 == 5 && rcpt:
		return diagnosis{permanent, fmt.Sprintf("el servidor rechazó destinatarios (%d)", code)}, true
	case code/100 == 5:
		return diagnosis{permanent, fmt.Sprintf("el servidor rechazó el correo (%d)", code)}, true
	}
	return diagnosis{permanent, ""}, true
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

func (e *sendError) Error() string {
	msg := fmt.Sprintf("envío SMTP a %s: ", e.addr)
	if e.hint != "" {
		msg += e.hint + ": "
	}
	msg += e.err.Error()
	if e.password != "" {
		msg = strings.ReplaceAll(msg, e.password, redacted)
	}
	return msg
}

func (e *sendError) Unwrap() error { return e.err }

// ConfigProblem reports whether err (from SendDigest) means Vigía's SMTP
// settings are wrong: credentials refused (530, 534, 535, 538), an invalid
// certificate, the TLS mode not matching the port. Retrying cannot help; the
// user must change SMTP_* settings.
func ConfigProblem(err error) bool {
	var se *sendError
	return errors.As(err, &se) && se.class == configuration
}
