package smtptest

import (
	"crypto/tls"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options shape a server. The zero value accepts every message without AUTH or TLS.
type Options struct {
	// User and Password, when User is set, make AUTH PLAIN mandatory before
	// MAIL FROM; other credentials are refused with 535.
	User, Password string
	// StartTLS offers STARTTLS; ImplicitTLS speaks TLS from the first byte.
	// Both use a self-signed certificate that ClientTLSConfig trusts.
	StartTLS    bool
	ImplicitTLS bool
	// Faults are refusals armed from the start (see Inject).
	Faults []Fault
}

// Stage is the SMTP command a Fault answers.
type Stage string

const (
	StageAuth Stage = "AUTH"
	StageMail Stage = "MAIL"
	StageRcpt Stage = "RCPT"
	StageData Stage = "DATA"
)

// Fault makes the server answer a command with an error reply, e.g.
// {Stage: StageRcpt, Code: 550, Message: "no such user"} or a transient
// {Stage: StageData, Code: 451, Times: 2}.
type Fault struct {
	Stage   Stage
	Code    int
	Message string
	Rcpt    string // StageRcpt: only this recipient ("" = any)
	Times   int    // only the first Times matching commands; 0 = every one
}

// Message is one accepted message.
type Message struct {
	From string
	To   []string
	Data []byte
	User string // who authenticated the session, "" without AUTH
	TLS  bool   // whether the session was encrypted
}

// Login is one AUTH attempt.
type Login struct {
	User, Password string
	OK             bool
}

// Server is a running test server. Its methods are safe for concurrent use.
type Server struct {
	opts      Options
	srv       *smtp.Server
	ln        net.Listener
	clientTLS *tls.Config

	mu       sync.Mutex
	faults   []*Fault
	messages []Message
	logins   []Login
	arrived  chan struct{} // closed and replaced on every accepted message
}

// Start listens on 127.0.0.1:0 and serves until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: opts, arrived: make(chan struct{})}
	for _, f := range opts.Faults {
		s.Inject(f)
	}

	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "localhost"
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.MaxMessageBytes = 64 << 20
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.AllowInsecureAuth = !opts.StartTLS && !opts.ImplicitTLS

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listen: %v", err)
	}
	if opts.StartTLS || opts.ImplicitTLS {
		cert, pool, err := selfSigned()
		if err != nil {
			t.Fatalf("smtptest: certificate: %v", err)
		}
		serverTLS := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.clientTLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
		if opts.StartTLS {
			srv.TLSConfig = serverTLS
		}
		if opts.ImplicitTLS {
			ln = tls.NewListener(ln, serverTLS)
		}
	}
	s.srv, s.ln = srv, ln

	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		// Close misses a listener that Serve has not registered yet.
		_ = ln.Close()
		<-done
	})
	return s
}

// Addr is host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Host is the address the server listens on, "127.0.0.1".
func (s *Server) Host() string { return s.ln.Addr().(*net.TCPAddr).IP.String() }

// Port is the port the server listens on.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// ClientTLSConfig trusts the server's certificate; nil on a server without TLS.
func (s *Server) ClientTLSConfig() *tls.Config {
	if s.clientTLS == nil {
		return nil
	}
	return s.clientTLS.Clone()
}

// Inject arms a refusal from now on.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// Messages are the accepted messages, in order of arrival.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Logins are the AUTH attempts, in order.
func (s *Server) Logins() []Login {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Login(nil), s.logins...)
}

// WaitMessages waits until n messages have arrived or the timeout ends, for
// tests where delivery happens in the background; it fails the test on timeout.
func (s *Server) WaitMessages(t testing.TB, n int, timeout time.Duration) []Message {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got, arrived := len(s.messages), s.arrived
		s.mu.Unlock()
		if got >= n {
			return s.Messages()
		}
		select {
		case <-arrived:
		case <-deadline.C:
			t.Fatalf("smtptest: %d of %d messages arrived within %v", got, n, timeout)
			return nil
		}
	}
}

// fault returns the reply armed for a command, using one of its Times.
func (s *Server) fault(stage Stage, rcpt string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.Stage != stage || (f.Rcpt != "" && !strings.EqualFold(f.Rcpt, rcpt)) || f.Times < 0 {
			continue
		}
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				f.Times = -1 // spent
			}
		}
		msg := f.Message
		if msg == "" {
			msg = "refused by smtptest"
		}
		return &smtp.SMTPError{Code: f.Code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: msg}
	}
	return nil
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	base := &session{server: s, tls: isTLS, needAuth: s.opts.User != ""}
	if s.opts.User == "" {
		return base, nil
	}
	return &authSession{session: base}, nil
}

type session struct {
	server   *Server
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
	if err := s.server.fault(StageMail, ""); err != nil {
		return err
	}
	s.from, s.to = from, nil
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := s.server.fault(StageRcpt, to); err != nil {
		return err
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.server.fault(StageData, ""); err != nil {
		return err
	}
	srv := s.server
	srv.mu.Lock()
	srv.messages = append(srv.messages, Message{From: s.from, To: s.to, Data: data, User: s.user, TLS: s.tls})
	close(srv.arrived)
	srv.arrived = make(chan struct{})
	srv.mu.Unlock()
	s.from, s.to = "", nil
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
		if err := srv.fault(StageAuth, ""); err != nil {
			return err
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
