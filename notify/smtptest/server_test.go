package smtptest_test

import (
	"errors"
	"net"
	"net/smtp"
	"net/textproto"
	"testing"
	"time"

	"vigia/notify/smtptest"
)

const body = "From: a@example.com\r\nTo: b@example.com\r\nSubject: =?UTF-8?q?Vig=C3=ADa?=\r\n" +
	"Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nd=C3=ADa\r\n"

func send(srv *smtptest.Server, auth smtp.Auth) error {
	return smtp.SendMail(srv.Addr(), auth, "a@example.com", []string{"b@example.com"}, []byte(body))
}

func code(err error) int {
	var tp *textproto.Error
	if errors.As(err, &tp) {
		return tp.Code
	}
	return 0
}

func TestServerRecordsAndParsesAcceptedMessage(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{})

	// when
	err := send(srv, nil)

	// then
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].From != "a@example.com" || len(msgs[0].To) != 1 || msgs[0].To[0] != "b@example.com" {
		t.Fatalf("messages = %+v", msgs)
	}
	p, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "Vigía" || p.Text != "día\r\n" {
		t.Errorf("parsed subject %q text %q", p.Subject, p.Text)
	}
}

func TestFaultWithTimesRefusesOnlyTheFirstCommands(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{
		Faults: []smtptest.Fault{{Stage: smtptest.StageData, Code: 451, Message: "try later", Times: 1}},
	})

	// when
	first, second := send(srv, nil), send(srv, nil)

	// then
	if code(first) != 451 {
		t.Errorf("first send: %v, want 451", first)
	}
	if second != nil {
		t.Errorf("second send: %v, want success", second)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages stored, want 1", n)
	}
}

func TestRequiredAuthRefusesWrongPasswordAndRecordsLogins(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{User: "u", Password: "right"})

	// when
	wrong := send(srv, smtp.PlainAuth("", "u", "wrong", srv.Host()))
	none := send(srv, nil)
	right := send(srv, smtp.PlainAuth("", "u", "right", srv.Host()))

	// then
	if code(wrong) != 535 {
		t.Errorf("wrong password: %v, want 535", wrong)
	}
	if code(none) != 530 {
		t.Errorf("no AUTH: %v, want 530", none)
	}
	if right != nil {
		t.Errorf("right password: %v", right)
	}
	logins := srv.Logins()
	if len(logins) != 2 || logins[0].OK || !logins[1].OK || logins[1].Password != "right" {
		t.Errorf("logins = %+v", logins)
	}
	if msgs := srv.Messages(); len(msgs) != 1 || msgs[0].User != "u" {
		t.Errorf("messages = %+v", msgs)
	}
}

func TestConnectFaultRepliesBeforeTheGreetingAndHangsUp(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{
		Faults: []smtptest.Fault{{Stage: smtptest.StageConnect, Code: 421, Message: "busy", Times: 1}},
	})

	// when
	first, second := send(srv, nil), send(srv, nil)

	// then
	if code(first) != 421 {
		t.Errorf("first send: %v, want 421", first)
	}
	if second != nil {
		t.Errorf("second send: %v, want success", second)
	}
	if n := srv.Connections(); n != 2 {
		t.Errorf("%d connections counted, want 2", n)
	}
}

func TestHangingConnectNeverGreets(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageConnect, Hang: true}}})
	conn, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv.WaitConnections(t, 1, 10*time.Second)

	// when
	if err := conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	n, err := conn.Read(make([]byte, 64))

	// then
	var netErr net.Error
	if !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Errorf("read %d bytes, %v; want silence until the deadline", n, err)
	}
}

func TestReceivedKeepsRefusedMessagesWithTheirReply(t *testing.T) {
	// given
	srv := smtptest.Start(t, smtptest.Options{
		Faults: []smtptest.Fault{{Stage: smtptest.StageData, Code: 451, Message: "try later", Times: 1}},
	})

	// when
	_, _ = send(srv, nil), send(srv, nil)

	// then
	received := srv.Received()
	if len(received) != 2 || received[0].Reply != 451 || received[1].Reply != 250 {
		t.Fatalf("received %+v, want a 451 then a 250", received)
	}
	if string(received[0].Data) != string(received[1].Data) {
		t.Error("the refused copy differs from the accepted one")
	}
	if msgs := srv.Messages(); len(msgs) != 1 || msgs[0].Reply != 250 {
		t.Errorf("messages %+v, want only the accepted one", msgs)
	}
}
