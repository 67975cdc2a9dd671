package notify

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"vigia/app"
)

// SenderName is the display name of every digest's From.
const SenderName = "Vigía"

// HeaderTrigger names the trigger a digest came from, for filters and support.
const HeaderTrigger = "X-Vigia-Trigger"

// DefaultOutboxFrom is the From of outbox files when no SMTP_FROM is known.
const DefaultOutboxFrom = "vigia@localhost"

// newMessage renders d and builds one message to all its recipients:
// multipart/alternative with the plain text first and the HTML preferred.
func newMessage(d app.Digest, from string, now time.Time) (*mail.Msg, error) {
	if len(d.Recipients) == 0 {
		return nil, &problemError{app.Msg(app.CodeMailNoRecipients, nil), nil}
	}
	r, err := Render(d, nil)
	if err != nil {
		return nil, err
	}
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.FromFormat(SenderName, from); err != nil {
		return nil, &problemError{app.Msg(app.CodeMailSenderInvalid, app.Args{"Value": from, "Detail": err.Error()}), err}
	}
	if err := m.To(d.Recipients...); err != nil {
		return nil, &problemError{app.Msg(app.CodeMailRecipientsInvalid,
			app.Args{"Value": strings.Join(d.Recipients, ", "), "Detail": err.Error()}), err}
	}
	m.Subject(r.Subject)
	m.SetDateWithValue(now)
	m.SetMessageIDWithValue(MessageID(d, from))
	m.SetGenHeader(HeaderTrigger, strconv.FormatInt(d.TriggerID, 10))
	// RFC 3834: vacation responders and the like must not answer a digest.
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetGenHeader(mail.HeaderXMailer, "Vigia")
	m.SetBodyString(mail.TypeTextPlain, r.Text)
	m.AddAlternativeString(mail.TypeTextHTML, r.HTML)
	return m, nil
}

// MessageID is the Message-ID of d's e-mail, without the angle brackets.
// A digest of a slot gets "vigia.t<trigger ID>.<slot in Unix seconds>@<domain
// of from>": every attempt of a run, and a recovery run of the same slot,
// carry the same id, so a retried send can be recognised (and mail clients
// that deduplicate by Message-ID show it once). A digest without a slot gets
// "vigia.<random>@<domain>". Unlike go-mail's default, neither publishes the
// machine's host name.
func MessageID(d app.Digest, from string) string {
	domain := domainOf(from)
	switch {
	case !d.Slot.IsZero():
		return fmt.Sprintf("vigia.t%d.%d@%s", d.TriggerID, d.Slot.Unix(), domain)
	case d.ExecutionID > 0:
		// A manual run is not a slot: two clicks in one second are two digests.
		return fmt.Sprintf("vigia.e%d@%s", d.ExecutionID, domain)
	}
	return "vigia." + randomHex(12) + "@" + domain
}

// domainOf is the domain of an address, for Message-IDs.
func domainOf(addr string) string {
	if at := strings.LastIndexByte(addr, '@'); at >= 0 && at < len(addr)-1 {
		return addr[at+1:]
	}
	return "vigia.invalid"
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
