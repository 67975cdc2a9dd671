package smtptest

import (
	"crypto/tls"
	"fmt"
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
	// StageConnect answers the connection itself, before the greeting: with
	// a Code the server replies it and hangs up; with Hang it stays silent.
	StageConnect Stage = "CONNECT"
	StageAuth    Stage = "AUTH"
	StageMail    Stage = "MAIL"
	StageRcpt    Stage = "RCPT"
	StageData    Stage = "DATA"
)

// Fault makes the server answer a command with an error reply, e.g.
// {Stage: StageRcpt, Code: 550, Message: "no such user"} or a transient
// {Stage: StageData, Code: 451, Times: 2}, or not answer at all:
// {Stage: StageConnect, Hang: true} never greets.
type Fault struct {
	Stage   Stage
	Code    int
	Message string
	Rcpt    string // StageRcpt: only this recipient ("" = any)
	Times   int    // only the first Times matching commands; 0 = every one
	// Hang makes the server go silent instead of replying, until the client
	// hangs up or the server stops. At StageData the message is read first
	// (and shows in Received).
	Hang bool
}

// Message is one accepted message.
type Message struct {
	From string
	To   []string
	Data []byte
	User string // who authenticated the session, "" without AUTH
	TLS  bool   // whether the session was encrypted
	// Reply is the server's answer to the DATA: 250 for an accepted message,
	// the Fault's code for a refused one, 0 when it hung (see Received).
	Reply int
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

	mu          sync.Mutex
	faults      []*Fault
	messages    []Message
	received    []Message
	logins      []Login
	connections int
	changed     chan struct{} // closed and replaced on every connection and message

	stop chan struct{} // closed when the test ends: hung sessions give up
	held sync.WaitGroup
}

// Start listens on 127.0.0.1:0 and serves until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: opts, changed: make(chan struct{}), stop: make(chan struct{})}
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

	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listen: %v", err)
	}
	var ln net.Listener = &listener{Listener: tcp, server: s}
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
		close(s.stop)
		_ = srv.Close()
		// Close misses a listener that Serve has not registered yet.
		_ = ln.Close()
		<-done
		s.held.Wait()
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

// Received are the messages the server read in a DATA, accepted or not, in
// order of arrival: a client's retries show here with their Reply.
func (s *Server) Received() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.received...)
}

// Connections counts the TCP connections accepted so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connections
}

// WaitConnections waits until n connections have been accepted or the
// timeout ends; it fails the test on timeout.
func (s *Server) WaitConnections(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	s.wait(t, timeout, func() (bool, string) {
		return s.connections >= n, fmt.Sprintf("%d of %d connections", s.connections, n)
	})
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
	s.wait(t, timeout, func() (bool, string) {
		return len(s.messages) >= n, fmt.Sprintf("%d of %d messages", len(s.messages), n)
	})
	return s.Messages()
}

// wait waits until done (called under s.mu) holds, waking on every change.
func (s *Server) wait(t testing.TB, timeout time.Duration, done func() (bool, string)) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok, status := done()
		changed := s.changed
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("smtptest: %s within %v", status, timeout)
			return
		}
	}
}

// notify wakes the waiters; call it with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// fault returns the fault armed for a command, using one of its Times; nil
// when the command is to succeed.
func (s *Server) fault(stage Stage, rcpt string) *Fault {
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
		got := *f
		if got.Message == "" {
			got.Message = "refused by smtptest"
		}
		return &got
	}
	return nil
}

// reply is the error a session returns for f: its reply, or after hanging
// on conn, a 421 that nobody reads.
func (s *Server) reply(f *Fault, conn net.Conn) error {
	if f.Hang {
		s.hang(conn)
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCodeNotSet, Message: "smtptest stopped hanging"}
	}
	return &smtp.SMTPError{Code: f.Code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: f.Message}
}

// hang stays silent until the client closes conn (or sends anything) or the
// server stops. Nothing else reads conn meanwhile: go-smtp waits for the
// session's answer.
func (s *Server) hang(conn net.Conn) {
	gone := make(chan struct{})
	go func() {
		defer close(gone)
		var b [1]byte
		_, _ = conn.Read(b[:])
	}()
	select {
	case <-gone:
	case <-s.stop:
		_ = conn.Close()
		<-gone
	}
}

// listener counts connections and answers those a StageConnect fault takes.
type listener struct {
	net.Listener
	server *Server
}

func (l *listener) Accept() (net.Conn, error) {
	s := l.server
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		s.connections++
		s.notify()
		s.mu.Unlock()
		f := s.fault(StageConnect, "")
		if f == nil {
			return conn, nil
		}
		s.held.Add(1)
		go func() {
			defer s.held.Done()
			defer conn.Close()
			if f.Hang {
				s.hang(conn)
				return
			}
			_, _ = fmt.Fprintf(conn, "%d %s\r\n", f.Code, f.Message)
		}()
	}
}

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
