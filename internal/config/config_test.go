package config

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/notify"
)

// envOf is a getenv over a map.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func load(t *testing.T, args []string, env, dotenv map[string]string) (Config, error) {
	t.Helper()
	return Load(args, envOf(env), dotenv, io.Discard)
}

func TestConfigPrecedenceIsFlagThenEnvironmentThenDotenvThenDefault(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name        string
		args        []string
		env, dotenv map[string]string
		wantAddr    string
		wantDB      string
	}{
		{
			name:     "defaults",
			wantAddr: "127.0.0.1:5000",
		},
		{
			name:     ".env over the default",
			dotenv:   map[string]string{"VIGIA_ADDR": "127.0.0.1:6001", "DB_PATH": "data/facturacion.db"},
			wantAddr: "127.0.0.1:6001",
			wantDB:   filepath.Join(cwd, "data", "facturacion.db"),
		},
		{
			name:     "environment over .env",
			env:      map[string]string{"VIGIA_ADDR": "127.0.0.1:6002", "DB_PATH": "/srv/env.db"},
			dotenv:   map[string]string{"VIGIA_ADDR": "127.0.0.1:6001", "DB_PATH": "/srv/dotenv.db"},
			wantAddr: "127.0.0.1:6002",
			wantDB:   filepath.FromSlash("/srv/env.db"),
		},
		{
			name:     "flags over the environment",
			args:     []string{"--addr", "127.0.0.1:6003", "--db", "/srv/flag.db"},
			env:      map[string]string{"VIGIA_ADDR": "127.0.0.1:6002", "DB_PATH": "/srv/env.db"},
			dotenv:   map[string]string{"VIGIA_ADDR": "127.0.0.1:6001", "DB_PATH": "/srv/dotenv.db"},
			wantAddr: "127.0.0.1:6003",
			wantDB:   filepath.FromSlash("/srv/flag.db"),
		},
		{
			name:     "a flag given with the default value still wins",
			args:     []string{"--addr=127.0.0.1:5000"},
			env:      map[string]string{"VIGIA_ADDR": "127.0.0.1:6002"},
			wantAddr: "127.0.0.1:5000",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// when
			cfg, err := load(t, tc.args, tc.env, tc.dotenv)

			// then
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if cfg.Addr != tc.wantAddr {
				t.Errorf("Addr = %q, want %q", cfg.Addr, tc.wantAddr)
			}
			if tc.wantDB != "" && !strings.HasSuffix(cfg.DBPath, tc.wantDB) {
				t.Errorf("DBPath = %q, want %q", cfg.DBPath, tc.wantDB)
			}
			if cfg.DataDir != filepath.Dir(cfg.DBPath) {
				t.Errorf("DataDir = %q, want the DB's directory %q", cfg.DataDir, filepath.Dir(cfg.DBPath))
			}
		})
	}
}

func TestConfigDefaultsToTheUserConfigDirectoryBogotaAndOutbox(t *testing.T) {
	// given: no flags, no environment
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config directory here:", err)
	}

	// when
	cfg, err := load(t, nil, nil, nil)

	// then
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if want := filepath.Join(dir, "Vigia", "vigia.db"); cfg.DBPath != want {
		t.Errorf("DBPath = %q, want %q", cfg.DBPath, want)
	}
	if cfg.Location.String() != "America/Bogota" {
		t.Errorf("Location = %v, want America/Bogota", cfg.Location)
	}
	if !cfg.Outbox {
		t.Error("Outbox = false, want true without SMTP_HOST and SMTP_USER")
	}
	if cfg.Headless || cfg.AllowRemote || cfg.APIToken != "" || cfg.LogLevel != slog.LevelInfo {
		t.Errorf("unexpected non-default settings: %+v", cfg)
	}
}

func TestConfigReadsTheSeedsVariablesFromDotenv(t *testing.T) {
	// given: the seed's .env example
	dotenv := map[string]string{
		"SMTP_USER":           "tu_email@gmail.com",
		"SMTP_PASSWORD":       "tu_app_password",
		"EMAIL_DESTINATARIOS": "admin@ejemplo.com,gerente@ejemplo.com",
		"DB_PATH":             "data/facturacion.db",
	}

	// when
	cfg, err := load(t, []string{"--headless"}, map[string]string{"VIGIA_TZ": "America/Mexico_City"}, dotenv)

	// then
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.Outbox || cfg.SMTP.Host != "smtp.gmail.com" || cfg.SMTP.Port != 587 || cfg.SMTP.User != "tu_email@gmail.com" {
		t.Errorf("SMTP = %v (outbox %v), want smtp.gmail.com:587 as tu_email@gmail.com", cfg.SMTP, cfg.Outbox)
	}
	if cfg.SMTP.Password.Reveal() != "tu_app_password" {
		t.Error("SMTP password from .env was not read")
	}
	if got := strings.Join(cfg.DefaultRecipients, ","); got != "admin@ejemplo.com,gerente@ejemplo.com" {
		t.Errorf("DefaultRecipients = %q", got)
	}
	if cfg.Location.String() != "America/Mexico_City" {
		t.Errorf("Location = %v, want America/Mexico_City", cfg.Location)
	}
	if !cfg.Headless {
		t.Error("Headless = false, want true")
	}
}

func TestConfigRefusesARemoteAddressUnlessAllowedWithAToken(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string // "" = accepted
	}{
		{"loopback IPv4", []string{"--addr", "127.0.0.1:5000"}, nil, ""},
		{"localhost", []string{"--addr", "localhost:5000"}, nil, ""},
		{"loopback IPv6", []string{"--addr", "[::1]:5000"}, nil, ""},
		{"every interface", []string{"--addr", "0.0.0.0:5000"}, nil, "no es local"},
		{"empty host", []string{"--addr", ":5000"}, nil, "no es local"},
		{"a LAN address from the environment", nil, map[string]string{"VIGIA_ADDR": "192.168.1.10:5000"}, "no es local"},
		{"allowed without a token", []string{"--addr", "0.0.0.0:5000", "--allow-remote"}, nil, "exige definir VIGIA_API_TOKEN"},
		{"allowed with a token", []string{"--addr", "0.0.0.0:5000", "--allow-remote"}, map[string]string{"VIGIA_API_TOKEN": "un-token-largo-y-secreto"}, ""},
		{"no port", []string{"--addr", "127.0.0.1"}, nil, "host:puerto"},
		{"bad port", []string{"--addr", "127.0.0.1:99999"}, nil, "puerto inválido"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(t, append(tc.args, "--db", filepath.Join(t.TempDir(), "v.db")), tc.env, nil)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Load: %v, want success", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestConfigRejectsBadEnvironmentWithSpanishMessagesNamingTheVariable(t *testing.T) {
	cases := map[string]map[string]string{
		"EMAIL_DESTINATARIOS":   {"EMAIL_DESTINATARIOS": "admin@ejemplo.com,no-es-correo"},
		"VIGIA_TZ":              {"VIGIA_TZ": "America/Atlantida"},
		"VIGIA_LOG":             {"VIGIA_LOG": "verbose"},
		"SMTP_PORT":             {"SMTP_USER": "a@ejemplo.com", "SMTP_PORT": "correo"},
		"VIGIA_SMTP_REINTENTOS": {"VIGIA_SMTP_REINTENTOS": "10s,cinco minutos"},
		"VIGIA_STOP_TIMEOUT":    {"VIGIA_STOP_TIMEOUT": "pronto"},
	}
	for variable, env := range cases {
		t.Run(variable, func(t *testing.T) {
			_, err := load(t, []string{"--db", filepath.Join(t.TempDir(), "v.db")}, env, nil)
			if err == nil || !strings.Contains(err.Error(), variable) || !strings.Contains(err.Error(), "inválid") {
				t.Fatalf("err = %v, want a Spanish message naming %s", err, variable)
			}
		})
	}
}

func TestConfigHelpIsSpanishOnStdoutAndUnknownFlagsAreSpanishErrors(t *testing.T) {
	var stdout bytes.Buffer
	_, err := Load([]string{"--help"}, envOf(nil), nil, &stdout)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"Uso:", "-headless", "-allow-remote", "VIGIA_API_TOKEN", "EMAIL_DESTINATARIOS"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, stdout.String())
		}
	}

	for args, want := range map[string]string{
		"--puerto 80":      "opción desconocida -puerto (vea --help)",
		"--addr":           "falta el valor de la opción -addr (vea --help)",
		"--bandeja=quizas": `valor inválido "quizas" para --bandeja: las opciones de sí o no aceptan true o false, o nada (vea --help)`,
	} {
		_, err = Load(strings.Fields(args), envOf(nil), nil, io.Discard)
		if err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %q", args, err, want)
		}
	}
}

func TestConfigReadsTheSMTPRetryWaitsAndDefaultsToTheIssuesBackoff(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want []time.Duration
	}{
		{"unset", nil, []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}},
		{"from the environment", map[string]string{"VIGIA_SMTP_REINTENTOS": "5s, 30s"}, []time.Duration{5 * time.Second, 30 * time.Second}},
		{"no retry", map[string]string{"VIGIA_SMTP_REINTENTOS": "ninguno"}, []time.Duration{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// when
			cfg, err := load(t, []string{"--db", filepath.Join(t.TempDir(), "v.db")}, tc.env, nil)

			// then
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if !slices.Equal(cfg.SMTPRetryWaits, tc.want) {
				t.Errorf("SMTPRetryWaits = %v, want %v", cfg.SMTPRetryWaits, tc.want)
			}
		})
	}
}

func TestConfigStopTimeoutDefaultsToThirtySeconds(t *testing.T) {
	for value, want := range map[string]time.Duration{"": 30 * time.Second, "1s": time.Second, "2m": 2 * time.Minute} {
		cfg, err := load(t, []string{"--db", filepath.Join(t.TempDir(), "v.db")}, map[string]string{"VIGIA_STOP_TIMEOUT": value}, nil)
		if err != nil || cfg.StopTimeout != want {
			t.Errorf("VIGIA_STOP_TIMEOUT=%q: StopTimeout = %v (%v), want %v", value, cfg.StopTimeout, err, want)
		}
	}
}

func TestHelpListsEveryVariableVigiaReads(t *testing.T) {
	// given
	var stdout bytes.Buffer

	// when
	_, err := Load([]string{"--help"}, envOf(nil), nil, &stdout)

	// then: the stored settings' variables, as the core names them, and the others
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err = %v, want flag.ErrHelp", err)
	}
	names := []string{EnvAddr, EnvDBPath, EnvAPIToken, EnvLog, notify.EnvRetryWaits}
	for _, k := range app.SettingKeys() {
		if name := k.EnvVar(); name != "" {
			names = append(names, name)
		}
	}
	if len(names) < 13 {
		t.Fatalf("only %d variables: %v", len(names), names)
	}
	help := stdout.String()
	for _, name := range names {
		if !strings.Contains(help, "  "+name) && !strings.Contains(help, ", "+name) {
			t.Errorf("--help does not list %s:\n%s", name, help)
		}
	}
}
