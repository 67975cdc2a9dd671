package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vigia/app"
	"vigia/internal/config"
	"vigia/internal/console"
	"vigia/storage"
	"vigia/storage/storagetest"
)

// secret is the password of the URLs of these tests: no output may show it.
// The test servers (the developers' and .ci/run's) trust local connections,
// so any password opens the database.
const secret = "Cl4ve-Que-Nadie-Debe-Ver"

// withSecret is url with secret as its password.
func withSecret(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), secret)
	return u.String()
}

// noDesktop is a build without a window.
type noDesktop struct{}

func (noDesktop) Wanted(config.Config, func(string) string) bool                    { return false }
func (noDesktop) AnnounceHeadless(config.Config, func(string) string, *slog.Logger) {}
func (noDesktop) CloseToTrayByDefault() bool                                        { return false }
func (noDesktop) Run(context.Context, Server) int                                   { return config.ExitFailed }

// run runs the program with args and env in a folder without a .env, with a
// user configuration folder of its own, and returns its exit code and what
// it printed.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var stdout, stderr bytes.Buffer
	code := Program{Args: args, Getenv: func(k string) string { return env[k] }, Stdout: &stdout, Stderr: &stderr,
		Version: "9.9.9-test", Desktop: noDesktop{}}.Run()
	return code, stdout.String(), stderr.String()
}

// assertHidden fails when any of outputs shows the password.
func assertHidden(t *testing.T, outputs ...string) {
	t.Helper()
	for _, out := range outputs {
		if strings.Contains(out, secret) {
			t.Errorf("the password is shown:\n%s", out)
		}
	}
}

func TestAFileAndAServerAtOnceExitTwoNamingBoth(t *testing.T) {
	office := "postgres://vigia:" + secret + "@oficina:5432/vigia"
	for name, tc := range map[string]struct {
		env  map[string]string
		args []string
		want []string
	}{
		"DATABASE_URL and DB_PATH": {map[string]string{"DATABASE_URL": office, "DB_PATH": "/srv/vigia.db"}, []string{"--headless"},
			[]string{"DATABASE_URL", "DB_PATH", "vigia:xxxxx@oficina:5432"}},
		"DATABASE_URL and --db": {map[string]string{"DATABASE_URL": office}, []string{"--headless", "--db", "/srv/vigia.db"},
			[]string{"DATABASE_URL", "--db", "/srv/vigia.db"}},
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.env, tc.args...)
			if code != config.ExitConfig {
				t.Errorf("exit code %d, want %d", code, config.ExitConfig)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, filepath.FromSlash(w)) {
					t.Errorf("stderr lacks %q: %s", w, stderr)
				}
			}
			assertHidden(t, stdout, stderr)
		})
	}
}

func TestAStartThatCannotReachTheServerSaysWhichAndWhatToDo(t *testing.T) {
	// given: a port nobody listens on
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := ln.Addr().String()
	ln.Close()
	env := map[string]string{"DATABASE_URL": "postgres://vigia:" + secret + "@" + server + "/vigia?connect_timeout=5"}

	// when
	code, stdout, stderr := run(t, env, "--headless", "--addr", "127.0.0.1:0")

	// then: the storage start failure's exit code, the server named, what to do
	if code != config.ExitFailed {
		t.Errorf("exit code %d, want %d", code, config.ExitFailed)
	}
	for _, want := range []string{"no se pudo conectar con el servidor PostgreSQL", server, "encendido", "vuelva a iniciar Vigía"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	assertHidden(t, stdout, stderr)
}

func TestTheBannerNamesThePostgreSQLDatabaseWithoutThePassword(t *testing.T) {
	// given
	dbURL := withSecret(t, storagetest.Postgres(t))
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	cfg, err := config.Load([]string{"--headless", "--addr", "127.0.0.1:0", "--db", dbURL}, func(string) string { return "" }, nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	// The scheduler's timers may still log a line of their stop after
	// Serve returned: the buffer is read under the same lock.
	var out lockedBuffer
	con := console.New(&out)
	s := Server{Config: cfg, Console: con, Log: slog.New(console.NewHandler(con, slog.LevelDebug)), Version: "9.9.9-test"}

	// when: it starts, then stops
	ctx, cancel := context.WithCancel(t.Context())
	ready := make(chan Deps, 1)
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, Hooks{Ready: func(d Deps) { ready <- d }}) }()
	select {
	case d := <-ready:
		if d.DataDir != cfg.DataDir || !strings.HasSuffix(d.DataDir, "Vigia") {
			t.Errorf("DataDir = %q, want the user's Vigia folder", d.DataDir)
		}
	case err := <-served:
		t.Fatalf("Serve: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("Serve was not ready")
	}
	cancel()
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}

	// then
	if want := "INFO: Base de datos: " + storage.RedactURL(dbURL) + "\n"; !strings.Contains(out.String(), want) || !strings.Contains(want, "xxxxx") {
		t.Errorf("the banner lacks %q:\n%s", want, out.String())
	}
	assertHidden(t, out.String())
}

// lockedBuffer is a bytes.Buffer that may be written and read at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// sqliteWithData is a SQLite file with a trigger and a setting.
func sqliteWithData(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vigia.db")
	s, err := storage.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tr := app.Trigger{Name: "Resumen diario", Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: 8},
		Recipients: []string{"contador@ejemplo.com"}, Priorities: []app.Priority{app.PriorityHigh}, Active: true}
	if _, err := s.CreateTrigger(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(t.Context(), "VIGIA_TZ", "America/Lima"); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMigrarDatosCopiesPrintsTheVerifiedCountsAndRefusesToCopyTwice(t *testing.T) {
	// given: a SQLite file (DB_PATH) and the office's empty database (DATABASE_URL)
	env := map[string]string{"DB_PATH": sqliteWithData(t), "DATABASE_URL": withSecret(t, storagetest.Postgres(t))}

	// when
	code, stdout, stderr := run(t, env, "migrar-datos")

	// then
	if code != config.ExitOK {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	for _, want := range []string{"Origen:  " + env["DB_PATH"] + "\n", "Destino: postgres://vigia:xxxxx@127.0.0.1",
		"  triggers                       1          1\n", "  ajustes                        1          1\n",
		"  historial                      0          0\n", "Copia completa y verificada"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	assertHidden(t, stdout, stderr)

	// when: again, the target now has data
	code, stdout, stderr = run(t, env, "migrar-datos")

	// then: refused, nothing copied, --reemplazar suggested
	if code != config.ExitFailed || !strings.Contains(stderr, "ya tiene datos (triggers: 1, ajustes: 1): no se copió nada") ||
		!strings.Contains(stderr, "--reemplazar") {
		t.Errorf("exit code %d, stderr: %s", code, stderr)
	}
	assertHidden(t, stdout, stderr)

	// when: told to replace
	code, stdout, stderr = run(t, env, "migrar-datos", "--reemplazar")
	if code != config.ExitOK || !strings.Contains(stdout, "Copia completa y verificada") {
		t.Errorf("--reemplazar: exit code %d, stdout %s, stderr %s", code, stdout, stderr)
	}
	assertHidden(t, stdout, stderr)
}

func TestMigrarDatosWithoutASourceOrATargetSaysWhatIsMissing(t *testing.T) {
	code, _, stderr := run(t, map[string]string{"DATABASE_URL": "postgres://vigia:" + secret + "@oficina/vigia"},
		"migrar-datos", "--desde", filepath.Join(t.TempDir(), "no-existe.db"))
	if code != config.ExitFailed || !strings.Contains(stderr, "no se encontró la base de datos de origen") {
		t.Errorf("missing source: exit code %d, stderr %s", code, stderr)
	}
	assertHidden(t, stderr)

	code, _, stderr = run(t, nil, "migrar-datos")
	if code != config.ExitConfig || !strings.Contains(stderr, "falta --hacia") {
		t.Errorf("no target: exit code %d, stderr %s", code, stderr)
	}
}

func TestHelpOfVigiaAndOfMigrarDatos(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "postgres://vigia:" + secret + "@oficina/vigia"}
	code, stdout, stderr := run(t, env, "--help")
	code2, stdout2, stderr2 := run(t, env, "migrar-datos", "--help")
	if code != config.ExitOK || code2 != config.ExitOK {
		t.Fatalf("exit codes %d, %d", code, code2)
	}
	if !strings.Contains(stdout, "DATABASE_URL") || !strings.Contains(stdout, "vigia migrar-datos --hacia") ||
		!strings.Contains(stdout2, "--reemplazar") || !strings.Contains(stdout2, "--desde") {
		t.Errorf("help:\n%s\nmigrar-datos --help:\n%s", stdout, stdout2)
	}
	assertHidden(t, stdout, stderr, stdout2, stderr2)
}
