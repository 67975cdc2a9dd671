package notify

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
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
		return nil, errors.New("el resumen no tiene destinatarios")
	}
	r, err := Render(d, nil)
	if err != nil {
		return nil, err
	}
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.FromFormat(SenderName, from); err != nil {
		return nil, fmt.Errorf("remitente %q inválido: %w", from, err)
	}
	if err := m.To(d.Recipients...); err != nil {
		return nil, fmt.Errorf("destinatarios inválidos (%s): %w", strings.Join(d.Recipients, ", "), err)
	}
	m.Subject(r.Subject)
	m.SetDateWithValue(now)
	m.SetMessageIDWithValue(messageID(from))
	m.SetGenHeader(HeaderTrigger, strconv.FormatInt(d.TriggerID, 10))
	// RFC 3834: vacation responders and the like must not answer a digest.
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetGenHeader(mail.HeaderXMailer, "Vigia")
	m.SetBodyString(mail.TypeTextPlain, r.Text)
	m.AddAlternativeString(mail.TypeTextHTML, r.HTML)
	return m, nil
}

// messageID is "<random>@<domain of from>": unlike go-mail's default it does
// not publish the machine's host name.
func messageID(from string) string {
	domain := "vigia.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 && at < len(from)-1 {
		domain = from[at+1:]
	}
	return "vigia." + randomHex(12) + "@" + domain
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
