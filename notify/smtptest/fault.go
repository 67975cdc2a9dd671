package smtptest

import (
	"fmt"
	"net"
	"strings"

	"github.com/emersion/go-smtp"
)

// The fault injection: refusals and silences armed on a stage of the SMTP
// conversation, from the connection itself to the DATA.

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

// Inject arms a refusal from now on.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
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
