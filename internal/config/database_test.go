package config

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secret is the password of the URLs below: it must never be shown.
const secret = "s3creta-Clave"

const officeURL = "postgres://vigia:" + secret + "@oficina.local:5432/vigia?sslmode=require"

// userDir points the user's configuration folder at a fresh folder and
// returns the data folder Vigía uses there.
func userDir(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("APPDATA", os.Getenv("XDG_CONFIG_HOME")) // Windows
	dir, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config directory here:", err)
	}
	return filepath.Join(dir, "Vigia")
}

func TestDatabaseURLSelectsPostgreSQLFromTheEnvironmentDotenvOrDB(t *testing.T) {
	dataDir := userDir(t)
	cases := []struct {
		name        string
		args        []string
		env, dotenv map[string]string
		want        string
	}{
		{"environment", nil, map[string]string{"DATABASE_URL": officeURL}, nil, officeURL},
		{".env", nil, nil, map[string]string{"DATABASE_URL": officeURL}, officeURL},
		{"--db", []string{"--db", officeURL}, nil, nil, officeURL},
		{"--db postgresql://", []string{"--db=postgresql://vigia@oficina/vigia"}, nil, nil, "postgresql://vigia@oficina/vigia"},
		{"--db over DATABASE_URL and DB_PATH", []string{"--db", officeURL},
			map[string]string{"DATABASE_URL": "postgres://otro/vigia", "DB_PATH": "/srv/v.db"}, nil, officeURL},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// when
			cfg, err := load(t, tc.args, tc.env, tc.dotenv)

			// then: PostgreSQL, and the per-PC files in the user's Vigia folder
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if !cfg.IsPostgres() || cfg.DB() != tc.want || cfg.DatabaseURL != tc.want || cfg.DBPath != "" {
				t.Errorf("IsPostgres %v, DB %q, DBPath %q; want PostgreSQL at %q", cfg.IsPostgres(), cfg.DB(), cfg.DBPath, tc.want)
			}
			if cfg.DataDir != dataDir {
				t.Errorf("DataDir = %q, want %q", cfg.DataDir, dataDir)
			}
			if strings.Contains(cfg.Database(), secret) {
				t.Errorf("Database() = %q shows the password", cfg.Database())
			}
		})
	}
}

func TestDatabaseShowsTheURLWithoutItsPasswordAndAFileAsIs(t *testing.T) {
	userDir(t)
	cfg, err := load(t, nil, map[string]string{"DATABASE_URL": officeURL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Database(), "postgres://vigia:xxxxx@oficina.local:5432/vigia?sslmode=require"; got != want {
		t.Errorf("Database() = %q, want %q", got, want)
	}
	file := filepath.Join(t.TempDir(), "v.db")
	if cfg, err = load(t, []string{"--db", file}, nil, nil); err != nil || cfg.Database() != file || cfg.IsPostgres() {
		t.Errorf("--db %s: Database() = %q, IsPostgres %v (%v)", file, cfg.Database(), cfg.IsPostgres(), err)
	}
}

func TestAFileAndAServerAtOnceAreRefusedNamingBothWithoutThePassword(t *testing.T) {
	userDir(t)
	cases := []struct {
		name        string
		args        []string
		env, dotenv map[string]string
		want        []string // in the message
	}{
		{"DATABASE_URL and DB_PATH", nil, map[string]string{"DATABASE_URL": officeURL, "DB_PATH": "/srv/v.db"}, nil,
			[]string{"DATABASE_URL", "DB_PATH", "/srv/v.db", "oficina.local", "use una sola"}},
		{"DATABASE_URL in the environment, DB_PATH in .env", nil, map[string]string{"DATABASE_URL": officeURL},
			map[string]string{"DB_PATH": "data/v.db"}, []string{"DATABASE_URL", "DB_PATH"}},
		{"DATABASE_URL and a --db file", []string{"--db", "/srv/v.db"}, nil, map[string]string{"DATABASE_URL": officeURL},
			[]string{"--db", "/srv/v.db", "DATABASE_URL", "use uno solo"}},
		{"DATABASE_URL not postgres", nil, map[string]string{"DATABASE_URL": "mysql://vigia:" + secret + "@oficina/vigia"}, nil,
			[]string{"DATABASE_URL", "postgres://"}},
		{"DB_PATH holding a URL", nil, map[string]string{"DB_PATH": officeURL}, nil, []string{"DB_PATH", "DATABASE_URL"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(t, tc.args, tc.env, tc.dotenv)
			if err == nil {
				t.Fatal("Load accepted it")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), filepath.FromSlash(w)) {
					t.Errorf("message lacks %q: %v", w, err)
				}
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("message shows the password: %v", err)
			}
		})
	}
}

func TestThePasswordIsInNoHelpNorFlagError(t *testing.T) {
	// given: the URL in the environment, .env and the command line
	userDir(t)
	env := map[string]string{"DATABASE_URL": officeURL}
	var out bytes.Buffer
	for _, args := range [][]string{{"--help"}, {"--db", officeURL, "--help"}} {
		if _, err := Load(args, envOf(env), env, &out); !errors.Is(err, flag.ErrHelp) {
			t.Fatalf("%q: err = %v, want flag.ErrHelp", args, err)
		}
	}
	if _, err := LoadTransfer([]string{"--hacia", officeURL, "--help"}, envOf(env), env, &out); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("migrar-datos --help: err = %v", err)
	}
	_, err1 := Load([]string{officeURL}, envOf(nil), nil, &out)
	_, err2 := LoadTransfer([]string{"--hacia", officeURL, officeURL}, envOf(nil), nil, &out)

	// then
	for _, want := range []string{"DATABASE_URL", "migrar-datos", "--desde", "--hacia", "--reemplazar"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
	for _, text := range []string{out.String(), errText(err1), errText(err2)} {
		if strings.Contains(text, secret) {
			t.Errorf("the password is shown:\n%s", text)
		}
	}
	if err1 == nil || !strings.Contains(err1.Error(), "xxxxx@oficina.local") || err2 == nil {
		t.Errorf("a stray URL argument: %v; %v", err1, err2)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestMigrarDatosCopiesTheCurrentFileIntoDatabaseURLByDefault(t *testing.T) {
	dataDir := userDir(t)
	cwd, _ := os.Getwd()
	cases := []struct {
		name        string
		args        []string
		env         map[string]string
		wantFrom    string
		wantTo      string
		wantReplace bool
	}{
		{"defaults", nil, map[string]string{"DATABASE_URL": officeURL}, filepath.Join(dataDir, "vigia.db"), officeURL, false},
		{"DB_PATH", nil, map[string]string{"DATABASE_URL": officeURL, "DB_PATH": "data/v.db"}, filepath.Join(cwd, "data", "v.db"), officeURL, false},
		{"flags", []string{"--desde", "/srv/a.db", "--hacia", "postgresql://x@y/z", "--reemplazar"},
			map[string]string{"DATABASE_URL": officeURL, "DB_PATH": "data/v.db"}, filepath.FromSlash("/srv/a.db"), "postgresql://x@y/z", true},
		{"SQLite to SQLite", []string{"--hacia", "b.db"}, map[string]string{"DB_PATH": "/srv/a.db"},
			filepath.FromSlash("/srv/a.db"), filepath.Join(cwd, "b.db"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := LoadTransfer(tc.args, envOf(tc.env), nil, &bytes.Buffer{})
			if err != nil {
				t.Fatalf("LoadTransfer: %v", err)
			}
			if tr.From != tc.wantFrom || tr.To != tc.wantTo || tr.Replace != tc.wantReplace {
				t.Errorf("got %+v, want from %q to %q replace %v", tr, tc.wantFrom, tc.wantTo, tc.wantReplace)
			}
			if strings.Contains(tr.ToName()+tr.FromName(), secret) {
				t.Errorf("names show the password: %s, %s", tr.FromName(), tr.ToName())
			}
		})
	}
}

func TestMigrarDatosRefusesNoTargetAndTheSameDatabase(t *testing.T) {
	userDir(t)
	for name, tc := range map[string]struct {
		args []string
		env  map[string]string
		want string
	}{
		"no target":     {nil, nil, "falta --hacia"},
		"same file":     {[]string{"--hacia", "/srv/a.db"}, map[string]string{"DB_PATH": "/srv/a.db"}, "misma base de datos"},
		"same server":   {[]string{"--desde", officeURL, "--hacia", officeURL}, nil, "misma base de datos"},
		"unknown flag":  {[]string{"--a", "x"}, nil, "opción desconocida"},
		"stray operand": {[]string{"--hacia", officeURL, "sobra"}, nil, "argumento inesperado"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadTransfer(tc.args, envOf(tc.env), nil, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), secret) {
				t.Errorf("err = %v, want one containing %q and no password", err, tc.want)
			}
		})
	}
}

func TestTheUsersDotenvIsReadAfterTheCurrentFolders(t *testing.T) {
	// given: DATABASE_URL in the user's Vigia/.env, VIGIA_ADDR in both
	dataDir := userDir(t)
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(path, body string) {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dataDir, ".env"), "DATABASE_URL="+officeURL+"\nVIGIA_ADDR=127.0.0.1:6001\n")
	cwd := t.TempDir()
	t.Chdir(cwd)
	write(filepath.Join(cwd, ".env"), "VIGIA_ADDR=127.0.0.1:6002\n")

	// when
	vars, err := ReadDotenvFiles()

	// then
	if err != nil {
		t.Fatal(err)
	}
	if vars["DATABASE_URL"] != officeURL || vars["VIGIA_ADDR"] != "127.0.0.1:6002" {
		t.Errorf("vars = %v: want DATABASE_URL from the user's .env and VIGIA_ADDR from the current folder's", vars)
	}
	if UserDotenv() != filepath.Join(dataDir, ".env") {
		t.Errorf("UserDotenv() = %q", UserDotenv())
	}
}
