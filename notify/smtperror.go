package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"syscall"

	mail "github.com/wneessen/go-mail"
)

// sendError is a failed SMTP session, told for the history and the user:
// "envío SMTP a smtp.gmail.com:587: usuario o contraseña rechazados: <go-mail error>".
// It never carries the password, even if a server echoes it.
type sendError struct {
	addr     string
	err      error
	password string
}

func (e *sendError) Error() string {
	msg := fmt.Sprintf("envío SMTP a %s: ", e.addr)
	if h := hint(e.err); h != "" {
		msg += h + ": "
	}
	msg += e.err.Error()
	if e.password != "" {
		msg = strings.ReplaceAll(msg, e.password, redacted)
	}
	return msg
}

func (e *sendError) Unwrap() error { return e.err }

// hint names the usual causes in words a user can act on; "" when unsure.
func hint(err error) string {
	var (
		certErr    *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostErr    x509.HostnameError
		netErr     net.Error
		dnsErr     *net.DNSError
		sendErr    *mail.SendError
		protoErr   *textproto.Error
		recordErr  tls.RecordHeaderError
		refusedErr = syscall.ECONNREFUSED
	)
	switch {
	case errors.Is(err, context.Canceled):
		return "envío cancelado"
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr):
		return "el certificado TLS del servidor no es válido"
	case errors.As(err, &recordErr):
		return "el servidor no habla TLS en este puerto (revise SMTP_PORT y SMTP_TLS)"
	case errors.As(err, &dnsErr):
		return "no se encontró el servidor (revise SMTP_HOST)"
	case errors.Is(err, refusedErr):
		return "el servidor rechazó la conexión (revise SMTP_HOST y SMTP_PORT)"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "el servidor no respondió a tiempo"
	case strings.Contains(err.Error(), "does not support STARTTLS"):
		return "el servidor no ofrece STARTTLS"
	case errors.As(err, &sendErr) && sendErr.Reason == mail.ErrSMTPRcptTo:
		return "el servidor rechazó destinatarios"
	case errors.As(err, &protoErr) && protoErr.Code == 535:
		return "el servidor rechazó el usuario o la contraseña"
	case errors.As(err, &protoErr) && protoErr.Code/100 == 4, errors.As(err, &sendErr) && sendErr.IsTemp():
		return "el servidor no puede aceptar el correo ahora"
	}
	return ""
}
