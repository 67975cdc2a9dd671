package app_test

import (
	"bytes"
	netmail "net/mail"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wneessen/go-mail"

	"vigia/app"
)

// FuzzParseRecipients checks the one reading of a recipients list against
// what sends the mail: every address it accepts holds no line break,
// separator or anything unprintable (a bidi override shows an address
// backwards), is taken by go-mail as the To of a message (as notify builds
// digests), and comes back unchanged from the message go-mail writes; the
// list is bounded and without case-insensitive duplicates; and reading the
// list joined again, by any separator, gives the same list.
func FuzzParseRecipients(f *testing.F) {
	for _, s := range []string{
		"ana@ejemplo.com", "ana@ejemplo.com, luis@ejemplo.co", "a@x.co;b@x.co\nc@x.co\r\nd@x.co",
		"Ana <ana@ejemplo.com>", "ana@ejemplo.com\r\nBcc: intruso@malo.com", "ANA@ejemplo.com, ana@EJEMPLO.com",
		"\"ana lopez\"@ejemplo.com", "ana@[127.0.0.1]", "josé@ejemplo.com", "ana@ejemplo", "@ejemplo.com",
		"ana@@ejemplo.com", "ana@ejemplo.com.", "a.b+c@sub.ejemplo.com.co", "ana(comentario)@ejemplo.com",
		" ,; \n", "", "ana@ejemplo.com\x00", "ana@eje\u202emplo.com", "ana\t@ejemplo.com",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		list, problem := app.ParseRecipients(text)
		if problem != nil {
			if list != nil || problem.Code == "" {
				t.Fatalf("ParseRecipients(%q) = %q with problem %v", text, list, problem.Code)
			}
			return
		}
		if len(list) > app.MaxRecipients {
			t.Fatalf("ParseRecipients(%q) gave %d addresses, more than %d", text, len(list), app.MaxRecipients)
		}
		seen := map[string]bool{}
		for _, a := range list {
			if a == "" || strings.ContainsAny(a, "\r\n,;") || a != strings.TrimSpace(a) || !printable(a) {
				t.Fatalf("ParseRecipients(%q) accepted %q", text, a)
			}
			if key := strings.ToLower(a); seen[key] {
				t.Fatalf("ParseRecipients(%q) gave %q twice", text, a)
			} else {
				seen[key] = true
			}
		}
		if len(list) > 0 {
			checkGoMailTakes(t, list)
		}
		for _, sep := range []string{", ", ";", "\n", "\r\n"} {
			again, problem := app.ParseRecipients(strings.Join(list, sep))
			if problem != nil || !slices.Equal(again, list) {
				t.Fatalf("ParseRecipients(%q) = %q, but joined by %q it reads %q, %v", text, list, sep, again, problem)
			}
		}
	})
}

// checkGoMailTakes builds a message to list as notify does and reads its To
// header back.
func checkGoMailTakes(t *testing.T, list []string) {
	t.Helper()
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.From("vigia@ejemplo.com"); err != nil {
		t.Fatal(err)
	}
	if err := m.To(list...); err != nil {
		t.Fatalf("go-mail refuses %q: %v", list, err)
	}
	rcpts, err := m.GetRecipients()
	for i := range rcpts {
		rcpts[i] = strings.TrimSuffix(strings.TrimPrefix(rcpts[i], "<"), ">")
	}
	if err != nil || !slices.Equal(rcpts, list) {
		t.Fatalf("go-mail's envelope recipients are %q, %v; want %q", rcpts, err, list)
	}
	m.Subject("prueba")
	m.SetBodyString(mail.TypeTextPlain, "cuerpo")
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatalf("go-mail cannot write a message to %q: %v", list, err)
	}
	msg, err := netmail.ReadMessage(&buf)
	if err != nil {
		t.Fatalf("the message to %q does not parse: %v\n%s", list, err, buf.String())
	}
	if len(msg.Header["Bcc"]) > 0 || len(msg.Header["To"]) != 1 {
		t.Fatalf("the message to %q has headers To %q, Bcc %q", list, msg.Header["To"], msg.Header["Bcc"])
	}
	to, err := msg.Header.AddressList("To")
	if err != nil {
		t.Fatalf("the To of the message to %q does not parse: %v (%q)", list, err, msg.Header.Get("To"))
	}
	var got []string
	for _, a := range to {
		got = append(got, a.Address)
	}
	if !slices.Equal(got, list) {
		t.Fatalf("the message to %q is addressed to %q", list, got)
	}
}

// printable says s is valid UTF-8 of visible characters: no control,
// format (bidi) or blank character.
func printable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsGraphic(r) || unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
