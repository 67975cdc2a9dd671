package settings

import (
	"context"
	"errors"
	"slices"
	"testing"

	"vigia/app"
	"vigia/messages"
	"vigia/notify/smtptest"
)

// Every refusal of the Configuración form is a code with its arguments, so
// the English desktop reads it in English and the API in Spanish.
func TestEveryRefusalOfTheFormIsACodeWordedInBothLanguages(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(*app.Settings)
		field  string
		code   app.Code
		es, en string
	}{
		{"unknown zone", func(s *app.Settings) { s.Zone = "America/Medellin" }, "VIGIA_TZ", app.CodeZoneUnknown,
			`VIGIA_TZ inválido: zona horaria desconocida "America/Medellin"; use un nombre IANA como America/Bogota o America/Mexico_City`,
			`Invalid VIGIA_TZ: unknown time zone "America/Medellin"; use an IANA name such as America/Bogota or America/Mexico_City`},
		{"Local zone", func(s *app.Settings) { s.Zone = "Local" }, "VIGIA_TZ", app.CodeZoneNotIANA,
			`VIGIA_TZ inválido: "Local" no es una zona IANA; use por ejemplo America/Bogota`,
			`Invalid VIGIA_TZ: "Local" is not an IANA zone; use for example America/Bogota`},
		{"bad recipient", func(s *app.Settings) { s.DefaultRecipients = []string{"ok@ejemplo.com", "ana.ejemplo.com"} }, "EMAIL_DESTINATARIOS", app.CodeDefaultRecipientsInvalid,
			`EMAIL_DESTINATARIOS inválido: Dirección de correo inválida "ana.ejemplo.com": falta la @ (por ejemplo admin@ejemplo.com).`,
			`Invalid EMAIL_DESTINATARIOS: Invalid e-mail address "ana.ejemplo.com": the @ is missing (for example admin@example.com).`},
		{"unknown language", func(s *app.Settings) { s.Language = "fr" }, app.FieldLanguage, app.CodeLanguageUnknown,
			`Idioma desconocido "fr": elija español (es), inglés (en) o automático.`,
			`Unknown language "fr": choose Spanish (es), English (en) or automatic.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// given a form with one bad field
			p := newSettingsProcess(t, nil)
			s := p.read(t)
			tc.edit(&s)

			// when it is saved
			_, err := p.settings.SaveSettings(context.Background(), s)

			// then the field's problem is its code, worded in Spanish and English
			var ve *app.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("SaveSettings error %v, want a ValidationError", err)
			}
			m := ve.Problems[tc.field]
			if m.Code != tc.code {
				t.Errorf("%s problem %v, want code %s", tc.field, m, tc.code)
			}
			if got := messages.Text("es", m); got != tc.es {
				t.Errorf("es: %q\nwant %q", got, tc.es)
			}
			if got := messages.Text("en", m); got != tc.en {
				t.Errorf("en: %q\nwant %q", got, tc.en)
			}
		})
	}
}

func TestTestMailNamesABadOrMissingAddressWithTheCoresCodes(t *testing.T) {
	// given a form with a server
	srv := smtptest.Start(t, smtptest.Options{})
	p := newSettingsProcess(t, nil)
	form := smtpSettings(p.read(t), srv)

	for to, want := range map[string]app.Message{
		"  ":                    app.Msg(app.CodeTestAddressRequired, nil),
		"Ana <ana@ejemplo.com>": app.Msg(app.CodeAddressNotBare, app.Args{"Value": "Ana <ana@ejemplo.com>"}),
		"ana@":                  app.Msg(app.CodeAddressBadDomain, app.Args{"Value": "ana@"}),
	} {
		// when a test message is sent to a bad or missing address
		_, err := p.settings.TestMail(context.Background(), form, to)

		// then "destinatario" is the core's code for it, and nothing is sent
		var ve *app.ValidationError
		if !errors.As(err, &ve) || ve.Problems["destinatario"].String() != want.String() {
			t.Errorf("TestMail(%q) error %v, want destinatario %v", to, err, want)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages sent", n)
	}
}

func TestDefaultRecipientsTypedWithSemicolonsAndNewLinesAreSavedAsOneList(t *testing.T) {
	// given recipients as a user pastes them, with a repeat in another case
	p := newSettingsProcess(t, nil)
	s := p.read(t)
	s.DefaultRecipients = []string{"conta@ejemplo.com; gerente@ejemplo.com", "CONTA@ejemplo.com\nsocia@ejemplo.com"}

	// when they are saved
	saved, err := p.settings.SaveSettings(context.Background(), s)

	// then they read back once each, in order, and are the Service's defaults
	want := []string{"conta@ejemplo.com", "gerente@ejemplo.com", "socia@ejemplo.com"}
	if err != nil || !slices.Equal(saved.DefaultRecipients, want) || !slices.Equal(p.svc.DefaultRecipients(), want) {
		t.Errorf("saved %v (err %v), service %v; want %v", saved.DefaultRecipients, err, p.svc.DefaultRecipients(), want)
	}
}
