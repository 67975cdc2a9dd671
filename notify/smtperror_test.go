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
	"os"
	"syscall"
	"testing"
	"time"

	mail "github.com/wneessen/go-mail"

	"vigia/notify/smtptest"
)

// dialFailed and sendFailed wrap an error as go-mail's DialAndSendWithContext does.
func dialFailed(err error) error { return fmt.Errorf("dial failed: %w", err) }
func sendFailed(err error) error { return fmt.Errorf("send failed: %w", errors.Join(err)) }

func opErr(op string, err error) error {
	return &net.OpError{Op: op, Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 587}, Err: err}
}

func TestDiagnoseClassifiesErrorsAsGoMailReturnsThem(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want class
	}{
		// server replies before the message: *textproto.Error
		{"greeting 421", dialFailed(&textproto.Error{Code: 421, Msg: "4.3.2 busy"}), transient},
		{"greeting 554", dialFailed(&textproto.Error{Code: 554, Msg: "no SMTP service here"}), permanent},
		{"AUTH 454", dialFailed(fmt.Errorf("SMTP AUTH failed: %w", &textproto.Error{Code: 454, Msg: "4.7.0 try later"})), transient},
		{"AUTH 535", dialFailed(fmt.Errorf("SMTP AUTH failed: %w", &textproto.Error{Code: 535, Msg: "5.7.8 bad credentials"})), configuration},
		{"AUTH 534", dialFailed(fmt.Errorf("SMTP AUTH failed: %w", &textproto.Error{Code: 534, Msg: "5.7.9 app password required"})), configuration},
		{"AUTH 530", dialFailed(fmt.Errorf("SMTP AUTH failed: %w", &textproto.Error{Code: 530, Msg: "5.7.0 auth required"})), configuration},
		// a *mail.SendError without reply code: the session broke mid-command
		{"DATA without reply", sendFailed(&mail.SendError{Reason: mail.ErrSMTPDataClose}), transient},
		{"NOOP check failed", sendFailed(&mail.SendError{Reason: mail.ErrConnCheck}), transient},
		{"bad sender, nothing sent", sendFailed(&mail.SendError{Reason: mail.ErrGetSender}), permanent},
		// dial failures
		{"connection refused", dialFailed(opErr("dial", os.NewSyscallError("connect", syscall.ECONNREFUSED))), transient},
		{"no route to host", dialFailed(opErr("dial", os.NewSyscallError("connect", syscall.EHOSTUNREACH))), transient},
		{"network unreachable", dialFailed(opErr("dial", os.NewSyscallError("connect", syscall.ENETUNREACH))), transient},
		{"DNS: no such host", dialFailed(opErr("dial", &net.DNSError{Err: "no such host", Name: "smtp.gmial.com", IsNotFound: true})), transient},
		{"DNS: temporary", dialFailed(opErr("dial", &net.DNSError{Err: "server misbehaving", Name: "smtp.gmail.com", IsTemporary: true})), transient},
		// timeouts
		{"read deadline", dialFailed(opErr("read", os.ErrDeadlineExceeded)), transient},
		{"dial timeout", dialFailed(opErr("dial", context.DeadlineExceeded)), transient},
		{"attempt timeout", &attemptTimeout{after: time.Second, err: dialFailed(opErr("read", net.ErrClosed))}, transient},
		// dropped connections
		{"connection reset", dialFailed(opErr("read", os.NewSyscallError("read", syscall.ECONNRESET))), transient},
		{"broken pipe", dialFailed(opErr("write", os.NewSyscallError("write", syscall.EPIPE))), transient},
		{"EOF", dialFailed(io.EOF), transient},
		{"unexpected EOF", dialFailed(io.ErrUnexpectedEOF), transient},
		// TLS and settings
		{"untrusted certificate", dialFailed(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), configuration},
		{"no TLS on the port", dialFailed(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), configuration},
		{"no STARTTLS", dialFailed(errors.New(`STARTTLS mode set to: "TLSMandatory", but target host does not support STARTTLS`)), configuration},
		{"no AUTH", dialFailed(errors.New("server does not support SMTP AUTH")), configuration},
		// anything else
		{"unknown", errors.New("something nobody expected"), permanent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diagnose(tt.err).class; got != tt.want {
				t.Errorf("diagnose(%q) = %s, want %s", tt.err, got, tt.want)
			}
		})
	}
}

// TestDiagnoseClassifiesWhatGoMailReturnsFromARealServer drives go-mail
// itself (not SMTPMailer, whose attempt timeout would speak first) against
// the in-process server, so the errors are exactly go-mail's.
func TestDiagnoseClassifiesWhatGoMailReturnsFromARealServer(t *testing.T) {
	tests := []struct {
		name     string
		opts     smtptest.Options
		password string
		want     class
		// goMailTemp is SendError.IsTemp() where go-mail returns a SendError:
		// its own verdict, wrong for the timeout.
		goMailTemp *bool
	}{
		{name: "MAIL 451", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageMail, Code: 451}}}, want: transient, goMailTemp: ptr(true)},
		{name: "RCPT 452", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageRcpt, Code: 452}}}, want: transient, goMailTemp: ptr(true)},
		{name: "DATA 451", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageData, Code: 451}}}, want: transient, goMailTemp: ptr(true)},
		{name: "RCPT 550", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageRcpt, Code: 550}}}, want: permanent, goMailTemp: ptr(false)},
		{name: "DATA 554", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageData, Code: 554}}}, want: permanent, goMailTemp: ptr(false)},
		{name: "MAIL without AUTH 530", opts: smtptest.Options{User: "u", Password: "p"}, want: configuration, goMailTemp: ptr(false)},
		{name: "AUTH 535", opts: smtptest.Options{User: "u", Password: "p"}, password: "wrong", want: configuration},
		{name: "AUTH 454", opts: smtptest.Options{User: "u", Password: "p", Faults: []smtptest.Fault{{Stage: smtptest.StageAuth, Code: 454}}}, password: "p", want: transient},
		{name: "greeting 421", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageConnect, Code: 421, Message: "busy"}}}, want: transient},
		{name: "no greeting: timeout", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageConnect, Hang: true}}}, want: transient},
		{name: "no reply to DATA: timeout", opts: smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageData, Hang: true}}}, want: transient, goMailTemp: ptr(false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given
			srv := smtptest.Start(t, tt.opts)
			opts := []mail.Option{mail.WithPort(srv.Port()), mail.WithTimeout(100 * time.Millisecond), mail.WithTLSPolicy(mail.NoTLS)}
			if tt.password != "" {
				opts = append(opts, mail.WithUsername("u"), mail.WithPassword(tt.password), mail.WithSMTPAuth(mail.SMTPAuthPlainNoEnc))
			}
			client, err := mail.NewClient(srv.Host(), opts...)
			if err != nil {
				t.Fatal(err)
			}
			msg := mail.NewMsg()
			if err := msg.From("a@estudio.co"); err != nil {
				t.Fatal(err)
			}
			if err := msg.To("b@estudio.co"); err != nil {
				t.Fatal(err)
			}
			msg.SetBodyString(mail.TypeTextPlain, "hola")

			// when
			err = client.DialAndSendWithContext(context.Background(), msg)

			// then
			if err == nil {
				t.Fatal("go-mail sent the message")
			}
			if got := diagnose(err).class; got != tt.want {
				t.Errorf("diagnose(%q) = %s, want %s", err, got, tt.want)
			}
			var sendErr *mail.SendError
			if tt.goMailTemp != nil && (!errors.As(err, &sendErr) || sendErr.IsTemp() != *tt.goMailTemp) {
				t.Errorf("go-mail error %q: want a SendError with IsTemp() = %v", err, *tt.goMailTemp)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
