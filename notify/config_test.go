package notify_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"vigia/app"
	"vigia/notify"
)

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestConfigFromEnvDefaultsAndModes(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		want       notify.Config
		wantOutbox bool
	}{
		{
			name:       "nothing set: outbox",
			env:        map[string]string{},
			wantOutbox: true,
		},
		{
			name:       "only SMTP_FROM: outbox with that sender",
			env:        map[string]string{"SMTP_FROM": "vigia@estudio.co"},
			want:       notify.Config{From: "vigia@estudio.co"},
			wantOutbox: true,
		},
		{
			name: "seed's Gmail example: host, port, TLS and sender by default",
			env:  map[string]string{"SMTP_USER": "tu_email@gmail.com", "SMTP_PASSWORD": "tu_app_password"},
			want: notify.Config{Host: "smtp.gmail.com", Port: 587, User: "tu_email@gmail.com",
				Password: "tu_app_password", From: "tu_email@gmail.com", TLS: notify.TLSStartTLS},
		},
		{
			name: "port 465 means implicit TLS",
			env:  map[string]string{"SMTP_HOST": "smtp.zoho.com", "SMTP_PORT": "465", "SMTP_USER": "a@b.co", "SMTP_PASSWORD": "x"},
			want: notify.Config{Host: "smtp.zoho.com", Port: 465, User: "a@b.co", Password: "x", From: "a@b.co", TLS: notify.TLSImplicit},
		},
		{
			name: "ssl means port 465",
			env:  map[string]string{"SMTP_HOST": "smtp.zoho.com", "SMTP_TLS": "SSL", "SMTP_USER": "a@b.co"},
			want: notify.Config{Host: "smtp.zoho.com", Port: 465, User: "a@b.co", From: "a@b.co", TLS: notify.TLSImplicit},
		},
		{
			name: "explicit starttls on another port",
			env:  map[string]string{"SMTP_HOST": "mail.x.co", "SMTP_PORT": "2525", "SMTP_TLS": "starttls", "SMTP_USER": "apikey", "SMTP_FROM": "avisos@x.co"},
			want: notify.Config{Host: "mail.x.co", Port: 2525, User: "apikey", From: "avisos@x.co", TLS: notify.TLSStartTLS},
		},
		{
			name: "local relay without TLS nor AUTH",
			env:  map[string]string{"SMTP_HOST": "localhost", "SMTP_PORT": "1025", "SMTP_TLS": "none", "SMTP_FROM": "vigia@localhost"},
			want: notify.Config{Host: "localhost", Port: 1025, From: "vigia@localhost", TLS: notify.TLSNone},
		},
		{
			name: "none on 127.0.0.0/8",
			env:  map[string]string{"SMTP_HOST": "127.0.0.2", "SMTP_TLS": "none", "SMTP_FROM": "v@x.co"},
			want: notify.Config{Host: "127.0.0.2", Port: 587, From: "v@x.co", TLS: notify.TLSNone},
		},
		{
			name: "none on ::1, brackets accepted",
			env:  map[string]string{"SMTP_HOST": "[::1]", "SMTP_PORT": "25", "SMTP_TLS": "none", "SMTP_FROM": "v@x.co"},
			want: notify.Config{Host: "::1", Port: 25, From: "v@x.co", TLS: notify.TLSNone},
		},
		{
			name: "blanks around values are ignored, not in the password",
			env:  map[string]string{"SMTP_HOST": " smtp.x.co ", "SMTP_PORT": " 587 ", "SMTP_USER": " u@x.co ", "SMTP_PASSWORD": " p w "},
			want: notify.Config{Host: "smtp.x.co", Port: 587, User: "u@x.co", Password: " p w ", From: "u@x.co", TLS: notify.TLSStartTLS},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// when
			cfg, outbox, err := notify.ConfigFromEnv(envOf(tt.env))

			// then
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if outbox != tt.wantOutbox {
				t.Errorf("outbox = %v, want %v", outbox, tt.wantOutbox)
			}
			if cfg != tt.want {
				t.Errorf("config = %#v\nwant     %#v", cfg, tt.want)
			}
			if cfg.Password.Reveal() != tt.want.Password.Reveal() {
				t.Errorf("password differs")
			}
		})
	}
}

func TestConfigFromEnvRejectsBadValuesWithSpanishMessages(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"port not a number", map[string]string{"SMTP_USER": "u@x.co", "SMTP_PORT": "abc"},
			`SMTP_PORT inválido: "abc" no es un número de puerto`},
		{"port zero", map[string]string{"SMTP_USER": "u@x.co", "SMTP_PORT": "0"},
			`SMTP_PORT inválido: "0" no es un número de puerto`},
		{"port too big", map[string]string{"SMTP_USER": "u@x.co", "SMTP_PORT": "65536"},
			`SMTP_PORT inválido: "65536" no es un número de puerto`},
		{"unknown TLS mode", map[string]string{"SMTP_USER": "u@x.co", "SMTP_TLS": "tls1.3"},
			`SMTP_TLS inválido: "tls1.3" (valores posibles: starttls, ssl, none)`},
		{"none on a remote host", map[string]string{"SMTP_USER": "u@x.co", "SMTP_TLS": "none"},
			`SMTP_TLS=none solo se permite con un servidor local (localhost, 127.0.0.1 o ::1) y SMTP_HOST es "smtp.gmail.com"`},
		{"none on a LAN address", map[string]string{"SMTP_HOST": "192.168.1.10", "SMTP_FROM": "v@x.co", "SMTP_TLS": "none"},
			`SMTP_TLS=none solo se permite con un servidor local`},
		{"none on a name that only starts like localhost", map[string]string{"SMTP_HOST": "localhost.evil.com", "SMTP_FROM": "v@x.co", "SMTP_TLS": "none"},
			`SMTP_TLS=none solo se permite con un servidor local`},
		{"port inside the host", map[string]string{"SMTP_HOST": "smtp.x.co:587", "SMTP_USER": "u@x.co"},
			`SMTP_HOST inválido: "smtp.x.co:587" no es un nombre de servidor (el puerto va en SMTP_PORT)`},
		{"bad sender", map[string]string{"SMTP_USER": "u@x.co", "SMTP_FROM": "no es correo"},
			`SMTP_FROM inválido: "no es correo" no es una dirección de correo válida`},
		{"sender with a display name", map[string]string{"SMTP_USER": "u@x.co", "SMTP_FROM": "Yo <yo@x.co>"},
			`SMTP_FROM inválido: "Yo <yo@x.co>" no es una dirección de correo válida`},
		{"user that is not an address and no sender", map[string]string{"SMTP_HOST": "smtp.sendgrid.net", "SMTP_USER": "apikey"},
			`SMTP_FROM inválido: "apikey" no es una dirección de correo válida (tomado de SMTP_USER; defina SMTP_FROM con la dirección remitente)`},
		{"host without user nor sender", map[string]string{"SMTP_HOST": "localhost", "SMTP_TLS": "none"},
			`SMTP_FROM es obligatorio cuando SMTP_USER está vacío`},
		{"password without user", map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_PASSWORD": "secreto"},
			`SMTP_PASSWORD está definido pero SMTP_USER está vacío`},
		{"password alone", map[string]string{"SMTP_PASSWORD": "secreto"},
			`SMTP_PASSWORD está definido pero SMTP_USER está vacío`},
		{"bad sender in outbox mode", map[string]string{"SMTP_FROM": "nadie"},
			`SMTP_FROM inválido: "nadie" no es una dirección de correo válida`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// when
			_, outbox, err := notify.ConfigFromEnv(envOf(tt.env))

			// then
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\nwant it to contain %q", err, tt.want)
			}
			if outbox {
				t.Errorf("outbox = true on an error")
			}
			if strings.Contains(err.Error(), "secreto") {
				t.Errorf("error shows the password: %q", err)
			}
		})
	}
}

func TestConfigStringDescribesTheServerWithoutThePassword(t *testing.T) {
	tests := []struct {
		cfg  notify.Config
		want string
	}{
		{notify.Config{Host: "smtp.gmail.com", Port: 587, User: "tu_email@gmail.com", Password: "pw", From: "tu_email@gmail.com", TLS: notify.TLSStartTLS},
			"smtp.gmail.com:587 (STARTTLS) como tu_email@gmail.com"},
		{notify.Config{Host: "smtp.zoho.com", Port: 465, User: "apikey", Password: "pw", From: "avisos@x.co", TLS: notify.TLSImplicit},
			"smtp.zoho.com:465 (SSL/TLS) como apikey, remitente avisos@x.co"},
		{notify.Config{Host: "::1", Port: 25, From: "v@x.co", TLS: notify.TLSNone},
			"[::1]:25 (sin TLS) sin autenticación, remitente v@x.co"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.cfg.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPasswordNeverAppearsInPrintedOrLoggedConfig(t *testing.T) {
	// given
	const password = "Sup3rS3cret-pass"
	cfg := notify.Config{Host: "smtp.gmail.com", Port: 587, User: "u@gmail.com", Password: password, From: "u@gmail.com", TLS: notify.TLSStartTLS}

	var textLog, jsonLog bytes.Buffer
	slog.New(slog.NewTextHandler(&textLog, nil)).Info("smtp", "config", cfg, "password", cfg.Password)
	slog.New(slog.NewJSONHandler(&jsonLog, nil)).Info("smtp", "config", cfg, "password", cfg.Password)
	jsonCfg, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}

	// when
	outputs := map[string]string{
		"String":            cfg.String(),
		"%v":                fmt.Sprintf("%v", cfg),
		"%+v":               fmt.Sprintf("%+v", cfg),
		"%#v":               fmt.Sprintf("%#v", cfg),
		"%s":                fmt.Sprintf("%s", cfg),
		"%v of a pointer":   fmt.Sprintf("%v", &cfg),
		"%+v of a struct":   fmt.Sprintf("%+v", struct{ C notify.Config }{cfg}),
		"%#v of a struct":   fmt.Sprintf("%#v", struct{ C notify.Config }{cfg}),
		"password %v":       fmt.Sprintf("%v", cfg.Password),
		"password %s":       fmt.Sprintf("%s", cfg.Password),
		"password %q":       fmt.Sprintf("%q", cfg.Password),
		"password %x":       fmt.Sprintf("%x", cfg.Password),
		"password %#v":      fmt.Sprintf("%#v", cfg.Password),
		"password String":   cfg.Password.String(),
		"password Sprint":   fmt.Sprint(cfg.Password),
		"slog text handler": textLog.String(),
		"slog JSON handler": jsonLog.String(),
		"JSON":              string(jsonCfg),
	}

	// then
	for name, out := range outputs {
		if strings.Contains(out, password) {
			t.Errorf("%s shows the password: %s", name, out)
		}
	}
	if !strings.Contains(textLog.String(), "config.password=[oculto]") {
		t.Errorf("text log does not mark the password as hidden: %s", textLog.String())
	}
	if !strings.Contains(textLog.String(), "config.host=smtp.gmail.com") {
		t.Errorf("text log lacks the host: %s", textLog.String())
	}
	if cfg.Password.Reveal() != password {
		t.Errorf("Reveal lost the password")
	}
}

func TestConfigFromEnvErrorsNameTheVariableToChange(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"SMTP_PASSWORD": "x"}, "SMTP_USER"},
		{map[string]string{"SMTP_HOST": "smtp.x.co:587", "SMTP_USER": "a@x.co"}, "SMTP_HOST"},
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_PORT": "70000", "SMTP_USER": "a@x.co"}, "SMTP_PORT"},
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_TLS": "tls", "SMTP_USER": "a@x.co"}, "SMTP_TLS"},
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_TLS": "none", "SMTP_USER": "a@x.co"}, "SMTP_TLS"},
		{map[string]string{"SMTP_HOST": "smtp.x.co"}, "SMTP_FROM"},
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_FROM": "no es correo"}, "SMTP_FROM"},
		{map[string]string{"SMTP_FROM": "no es correo"}, "SMTP_FROM"},
	} {
		// when
		_, _, err := notify.ConfigFromEnv(envOf(tc.env))

		// then
		var ve *notify.VarError
		if !errors.As(err, &ve) || ve.Var != tc.want || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ConfigFromEnv(%v) = %v, want a VarError about %s", tc.env, err, tc.want)
		}
	}
}

// A refused variable carries its problem as a code with arguments, for the
// desktop to word in its language, and its Spanish words for the console:
// the same words as always (the seed's contract).
func TestConfigFromEnvRefusalsAreCodesWithTheConsoleSpanish(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		problem app.Message
		spanish string
	}{
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_PORT": "99999", "SMTP_USER": "a@x.co"},
			app.Msg(app.CodeSMTPPortInvalid, app.Args{"Value": "99999"}),
			`SMTP_PORT inválido: "99999" no es un número de puerto (1-65535)`},
		{map[string]string{"SMTP_PASSWORD": "x"},
			app.Msg(app.CodeSMTPPasswordWithoutUser, nil),
			"SMTP_PASSWORD está definido pero SMTP_USER está vacío: indique el usuario SMTP"},
		{map[string]string{"SMTP_HOST": "smtp.x.co:587", "SMTP_USER": "a@x.co"},
			app.Msg(app.CodeSMTPHostInvalid, app.Args{"Value": "smtp.x.co:587"}),
			`SMTP_HOST inválido: "smtp.x.co:587" no es un nombre de servidor (el puerto va en SMTP_PORT)`},
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_TLS": "tls", "SMTP_USER": "a@x.co"},
			app.Msg(app.CodeSMTPTLSInvalid, app.Args{"Value": "tls"}),
			`SMTP_TLS inválido: "tls" (valores posibles: starttls, ssl, none)`},
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_TLS": "none", "SMTP_USER": "a@x.co"},
			app.Msg(app.CodeSMTPTLSNoneRemote, app.Args{"Host": "smtp.x.co"}),
			`SMTP_TLS=none solo se permite con un servidor local (localhost, 127.0.0.1 o ::1) y SMTP_HOST es "smtp.x.co": use starttls o ssl`},
		{map[string]string{"SMTP_HOST": "smtp.x.co"},
			app.Msg(app.CodeSMTPFromRequired, nil),
			"SMTP_FROM es obligatorio cuando SMTP_USER está vacío: indique la dirección remitente"},
		{map[string]string{"SMTP_FROM": "no es correo"},
			app.Msg(app.CodeSMTPFromInvalid, app.Args{"Value": "no es correo"}),
			`SMTP_FROM inválido: "no es correo" no es una dirección de correo válida`},
		{map[string]string{"SMTP_HOST": "smtp.x.co", "SMTP_USER": "usuario"},
			app.Msg(app.CodeSMTPFromUserInvalid, app.Args{"Value": "usuario"}),
			`SMTP_FROM inválido: "usuario" no es una dirección de correo válida (tomado de SMTP_USER; defina SMTP_FROM con la dirección remitente)`},
	} {
		_, _, err := notify.ConfigFromEnv(envOf(tc.env))

		var ve *notify.VarError
		if !errors.As(err, &ve) {
			t.Fatalf("ConfigFromEnv(%v) = %v, want a VarError", tc.env, err)
		}
		if !reflect.DeepEqual(ve.Problem, tc.problem) {
			t.Errorf("ConfigFromEnv(%v): problem %v, want %v", tc.env, ve.Problem, tc.problem)
		}
		if err.Error() != tc.spanish {
			t.Errorf("ConfigFromEnv(%v):\n got %s\nwant %s", tc.env, err, tc.spanish)
		}
	}
}

func TestTheMailModeReadsAsTheBannerAlwaysHas(t *testing.T) {
	for cfg, want := range map[notify.Config]string{
		{Host: "smtp.gmail.com", Port: 587, TLS: notify.TLSStartTLS}: "SMTP smtp.gmail.com:587 (STARTTLS)",
		{Host: "smtp.x.co", Port: 465, TLS: notify.TLSImplicit}:      "SMTP smtp.x.co:465 (SSL/TLS)",
		{Host: "localhost", Port: 25, TLS: notify.TLSNone}:           "SMTP localhost:25 (sin TLS)",
	} {
		if got := notify.NewSMTP(cfg).Mode(); got != want {
			t.Errorf("Mode() = %q, want %q", got, want)
		}
	}
}
