package smtptest

import (
	"io"
	"net"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The SMTP sessions: what the server does with each command, faults aside.

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	base := &session{server: s, conn: c.Conn(), tls: isTLS, needAuth: s.opts.User != ""}
	if s.opts.User == "" {
		return base, nil
	}
	return &authSession{session: base}, nil
}

type session struct {
	server   *Server
	conn     net.Conn
	tls      bool
	needAuth bool
	user     string
	from     string
	to       []string
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.needAuth && s.user == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	}
	if f := s.server.fault(StageMail, ""); f != nil {
		return s.server.reply(f, s.conn)
	}
	s.from, s.to = from, nil
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if f := s.server.fault(StageRcpt, to); f != nil {
		return s.server.reply(f, s.conn)
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	srv := s.server
	msg := Message{From: s.from, To: s.to, Data: data, User: s.user, TLS: s.tls, Reply: 250}
	f := srv.fault(StageData, "")
	switch {
	case f == nil:
	case f.Hang:
		msg.Reply = 0
	default:
		msg.Reply = f.Code
	}
	srv.mu.Lock()
	srv.received = append(srv.received, msg)
	if f == nil {
		srv.messages = append(srv.messages, msg)
	}
	srv.notify()
	srv.mu.Unlock()
	s.from, s.to = "", nil
	if f != nil {
		return srv.reply(f, s.conn)
	}
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// authSession adds AUTH PLAIN, required before MAIL FROM.
type authSession struct{ *session }

func (a *authSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (a *authSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		srv := a.server
		if f := srv.fault(StageAuth, ""); f != nil {
			return srv.reply(f, a.conn)
		}
		ok := user == srv.opts.User && password == srv.opts.Password
		srv.mu.Lock()
		srv.logins = append(srv.logins, Login{User: user, Password: password, OK: ok})
		srv.mu.Unlock()
		if !ok {
			return smtp.ErrAuthFailed
		}
		a.user = user
		return nil
	}), nil
}
