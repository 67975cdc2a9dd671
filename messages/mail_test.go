package messages

import (
	"testing"

	"vigia/app"
)

// A bad SMTP_PORT reads in the console's Spanish (the seed's words) and in
// English for the desktop.
func TestABadSMTPPortReadsInEachLanguage(t *testing.T) {
	m := app.Msg(app.CodeSMTPPortInvalid, app.Args{"Value": "99999"})
	for lang, want := range map[string]string{
		"es": `SMTP_PORT inválido: "99999" no es un número de puerto (1-65535)`,
		"en": `Invalid SMTP_PORT: "99999" is not a port number (1-65535)`,
	} {
		if got := Text(lang, m); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

func TestTheMailServerReadsInEachLanguage(t *testing.T) {
	for _, tc := range []struct {
		args   app.Args
		es, en string
	}{
		{app.Args{"Addr": "smtp.gmail.com:587", "TLS": "starttls", "User": "yo@gmail.com", "From": ""},
			"smtp.gmail.com:587 (STARTTLS) como yo@gmail.com", "smtp.gmail.com:587 (STARTTLS) as yo@gmail.com"},
		{app.Args{"Addr": "[::1]:25", "TLS": "none", "User": "", "From": "v@x.co"},
			"[::1]:25 (sin TLS) sin autenticación, remitente v@x.co", "[::1]:25 (no TLS) without authentication, sender v@x.co"},
		{app.Args{"Addr": "smtp.zoho.com:465", "TLS": "ssl", "User": "apikey", "From": "avisos@x.co"},
			"smtp.zoho.com:465 (SSL/TLS) como apikey, remitente avisos@x.co", "smtp.zoho.com:465 (SSL/TLS) as apikey, sender avisos@x.co"},
	} {
		m := app.Msg(app.CodeMailServer, tc.args)
		if got := Text("es", m); got != tc.es {
			t.Errorf("es: %q, want %q", got, tc.es)
		}
		if got := Text("en", m); got != tc.en {
			t.Errorf("en: %q, want %q", got, tc.en)
		}
	}
	outbox := app.Msg(app.CodeMailNoServer, app.Args{"Dir": "/datos/outbox"})
	if got := Text("en", outbox); got != "no SMTP server: digests are saved in /datos/outbox" {
		t.Errorf("en: %q", got)
	}
}
