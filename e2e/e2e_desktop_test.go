//go:build unix

package e2e

import (
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"vigia/notify/smtptest"
)

// These tests run the desktop build, window and all, on a virtual X display
// (Xvfb), as a session logout or a system shutdown meets it.

var (
	desktopOnce sync.Once
	desktopPath string
	desktopErr  error
)

// desktopBinary builds the desktop program (cgo, Fyne) once, or skips the
// test saying what is missing. CI installs all of it.
func desktopBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the desktop binary")
	}
	for _, tool := range []string{"gcc", "Xvfb"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("desktop end-to-end test skipped: %s is not installed (apt-get install gcc xvfb libgl1-mesa-dev xorg-dev)", tool)
		}
	}
	vigiaBinary(t) // makes binDir
	desktopOnce.Do(func() {
		desktopPath = filepath.Join(binDir, "vigia-escritorio")
		desktopErr = goBuild(desktopPath, "migrated_fynedo", "1")
	})
	if desktopErr != nil {
		t.Fatal(desktopErr)
	}
	return desktopPath
}

// startXvfb starts a virtual 1366x768 screen and returns its DISPLAY.
func startXvfb(t *testing.T) string {
	t.Helper()
	for n := 90 + os.Getpid()%200; n < 400; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := ":" + strconv.Itoa(n)
		cmd := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatalf("Xvfb: %v", err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		deadline := time.Now().Add(waitLimit)
		for time.Now().Before(deadline) {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not start within %v", display, waitLimit)
	}
	t.Fatal("no free X display number")
	return ""
}

// desktopStops is how many times each signal stops the desktop app.
func desktopStops(t *testing.T) int {
	if s := os.Getenv("VIGIA_DESKTOP_STOPS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("VIGIA_DESKTOP_STOPS=%q", s)
		}
		return n
	}
	return 20
}

// The locales a first start meets: a container's or a root shell's, none,
// an English desktop and a Colombian one.
var desktopLocales = []string{"C.UTF-8", "", "en_US.UTF-8", "es_CO.UTF-8"}

func TestDesktopStopsCleanlyOnEverySIGTERMAndSIGINTWithTheDigestInFlightRecorded(t *testing.T) {
	// given: the desktop app on a virtual screen, a mail server held by a proxy, one trigger
	bin := desktopBinary(t)
	display := startXvfb(t)
	mail := smtptest.Start(t, smtptest.Options{})
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "vigia.db")
	token := "token-de-prueba-escritorio-0123456789"
	start := func(lang, smtpPort string) *vigiaProcess {
		env := map[string]string{
			"DISPLAY": display, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtpPort, "SMTP_TLS": "none",
			"SMTP_FROM": "vigia@ejemplo.com", "VIGIA_API_TOKEN": token,
		}
		if lang != "" {
			env["LANG"] = lang
		}
		p := startBinary(t, bin, dir, env, "--addr", freeAddr(t), "--db", db)
		p.waitHealthy()
		return p
	}
	first := start("C.UTF-8", "25")
	var company, trigger idOnly
	first.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &company)
	first.mustCall("POST", "/api/alertas", fmt.Sprintf(`{"empresa_id": %d, "titulo": "IVA", "prioridad": "CRITICA"}`, company.ID), 201, nil)
	first.mustCall("POST", "/api/triggers", seedDaily, 201, &trigger)
	if code := first.stop(); code != 0 {
		t.Fatalf("first stop: exit %d\n%s\n%s", code, first.stdout.String(), first.stderr.String())
	}

	stops := desktopStops(t)
	signals := []syscall.Signal{syscall.SIGTERM, syscall.SIGINT}
	var runs []int64
	for i := range 2 * stops {
		sig := signals[i%2]
		lang := desktopLocales[i%len(desktopLocales)]
		// when: a digest is at the mail server, held, and the signal arrives
		proxy, connected, release := holdingProxy(t, mail.Addr())
		_, port, _ := net.SplitHostPort(proxy)
		vigia := start(lang, port)
		var started executionDatos
		vigia.mustCall("POST", fmt.Sprintf("/api/triggers/%d/ejecutar", trigger.ID), "", 202, &started)
		select {
		case <-connected:
		case <-time.After(waitLimit):
			t.Fatalf("stop %d: Vigía never connected to the mail server", i+1)
		}
		if err := vigia.cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		vigia.waitOutput("INFO: Deteniendo Vigía")
		release()
		code := vigia.exitCode()

		// then: exit 0, no panic, no Fyne error, and the run was recorded
		out := vigia.stdout.String() + vigia.stderr.String()
		if code != 0 || strings.Contains(out, "panic") {
			t.Fatalf("stop %d (%v, LANG=%q): exit %d\n%s", i+1, sig, lang, code, out)
		}
		for _, noise := range []string{"Fyne error", "Attempt to access current Fyne app", "WARNING: Fyne"} {
			if strings.Contains(out, noise) {
				t.Errorf("stop %d (LANG=%q): the console says %q:\n%s", i+1, lang, noise, out)
			}
		}
		if !strings.Contains(out, "INFO: ✅ Email enviado exitosamente\n") {
			t.Errorf("stop %d (%v): the digest in flight was not sent:\n%s", i+1, sig, out)
		}
		runs = append(runs, started.ID)
	}

	// and: every run is in the history as exitoso, one message each
	states := executionStates(t, db)
	for _, id := range runs {
		if states[id] != "exitoso" {
			t.Errorf("run %d is %q in the history, want exitoso", id, states[id])
		}
	}
	if got := len(mail.Messages()); got != len(runs) {
		t.Errorf("%d messages delivered, want %d", got, len(runs))
	}
}

// executionStates reads each run's state from the database of a stopped Vigía.
func executionStates(t *testing.T, db string) map[int64]string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT id, estado FROM executions`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	states := map[int64]string{}
	for rows.Next() {
		var id int64
		var state string
		if err := rows.Scan(&id, &state); err != nil {
			t.Fatal(err)
		}
		states[id] = state
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return states
}
