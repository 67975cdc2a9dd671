package smtptest

import (
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"testing"
	"time"

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
