//go:build linux

package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"vigia/notify/smtptest"
)

// The office mode's process tests run Vigía on PostgreSQL: on a fresh
// database of the shared test server (storagetest.Postgres), or, for a test
// that restarts the server, on a cluster of its own (pgCluster): the shared
// server is never restarted, other packages' tests use it at the same time.

// pgUnavailable skips the test with why, or fails it in CI, where the
// PostgreSQL tests must run.
func pgUnavailable(t *testing.T, why string) {
	t.Helper()
	if inCI() {
		t.Fatalf("PostgreSQL no disponible en CI: %s", why)
	}
	t.Skipf("PostgreSQL no disponible: %s", why)
}

// pgBinDir is where initdb and pg_ctl are: VIGIA_TEST_PG_BINDIR, or the
// newest /usr/lib/postgresql/*/bin (Debian's packages).
func pgBinDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("VIGIA_TEST_PG_BINDIR")
	if dir == "" {
		found, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
		slices.SortFunc(found, func(a, b string) int { return pgMajor(a) - pgMajor(b) })
		if len(found) == 0 {
			pgUnavailable(t, "no hay /usr/lib/postgresql/*/bin; instale postgresql o defina VIGIA_TEST_PG_BINDIR")
		}
		dir = found[len(found)-1]
	}
	for _, prog := range []string{"initdb", "pg_ctl"} {
		if _, err := os.Stat(filepath.Join(dir, prog)); err != nil {
			pgUnavailable(t, fmt.Sprintf("falta %s en %s (VIGIA_TEST_PG_BINDIR)", prog, dir))
		}
	}
	return dir
}

// pgMajor is the version in /usr/lib/postgresql/<version>/bin, 0 if none.
func pgMajor(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

// pgCluster is a PostgreSQL server of one test: its own data directory, port
// and socket directory, run as VIGIA_TEST_PG_RUNAS (initdb refuses root; as
// root without it, as postgres), stopped and removed when the test ends.
type pgCluster struct {
	t    *testing.T
	bin  string
	as   []string // runuser -u <user> --, or nothing
	dir  string
	port int
}

// startPGCluster creates and starts a cluster with a trusted superuser vigia
// and a database vigia.
func startPGCluster(t *testing.T) *pgCluster {
	t.Helper()
	c := &pgCluster{t: t, bin: pgBinDir(t)}
	dir, err := os.MkdirTemp("", "vigia-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c.dir = dir
	t.Cleanup(func() { os.RemoveAll(dir) })
	if runas := pgRunAs(); runas != "" {
		u, err := user.Lookup(runas)
		if err != nil {
			pgUnavailable(t, fmt.Sprintf("no existe el usuario %q que debe correr PostgreSQL (VIGIA_TEST_PG_RUNAS): %v", runas, err))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		c.as = []string{"runuser", "-u", runas, "--"}
	}
	_, port, _ := net.SplitHostPort(freeAddr(t))
	c.port, _ = strconv.Atoi(port)
	c.ctl("initdb", "-D", c.data(), "-U", "vigia", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
	t.Cleanup(func() {
		// immediate: the test is over, nothing to keep
		c.command("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop").Run()
	})
	c.start()
	db, err := sql.Open("pgx", c.url("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE vigia"); err != nil {
		t.Fatalf("create database vigia: %v", err)
	}
	return c
}

// pgRunAs is the user that runs the cluster: VIGIA_TEST_PG_RUNAS, else
// postgres when this is root, else this user ("").
func pgRunAs() string {
	if u := os.Getenv("VIGIA_TEST_PG_RUNAS"); u != "" {
		return u
	}
	if os.Geteuid() == 0 {
		return "postgres"
	}
	return ""
}

func (c *pgCluster) data() string { return filepath.Join(c.dir, "data") }

// url is the address of database db on the cluster.
func (c *pgCluster) url(db string) string {
	return fmt.Sprintf("postgres://vigia@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// server is host:port/dbname of database vigia, as Vigía names it.
func (c *pgCluster) server() string { return fmt.Sprintf("127.0.0.1:%d/vigia", c.port) }

// start starts the server and waits until it accepts connections.
func (c *pgCluster) start() {
	c.t.Helper()
	c.ctl("pg_ctl", "-D", c.data(), "-l", filepath.Join(c.dir, "server.log"), "-w", "-t", "60",
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", c.port, c.dir), "start")
}

// stop stops the server as an administrator restarting it does (fast:
// sessions are ended, transactions in progress rolled back).
func (c *pgCluster) stop() {
	c.t.Helper()
	c.ctl("pg_ctl", "-D", c.data(), "-m", "fast", "-w", "-t", "60", "stop")
}

func (c *pgCluster) command(prog string, args ...string) *exec.Cmd {
	argv := append(slices.Clone(c.as), append([]string{filepath.Join(c.bin, prog)}, args...)...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = c.dir
	return cmd
}

// ctl runs one of the cluster's programs and fails the test if it fails.
func (c *pgCluster) ctl(prog string, args ...string) {
	c.t.Helper()
	cmd := c.command(prog, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		c.t.Fatalf("%s: %v\n%s\nserver.log:\n%s", strings.Join(cmd.Args, " "), err, out, log)
	}
}

// openPG opens database url for the test's own checks, closed when it ends.
func openPG(t *testing.T, rawURL string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("ping %s: %v", redacted(rawURL), err)
	}
	return db
}

// redacted is rawURL without its password, for the test's own messages.
func redacted(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(URL inválida)"
	}
	return u.Redacted()
}

// password is the password in rawURL, "" when it has none.
func password(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return ""
	}
	p, _ := u.User.Password()
	return p
}

// pgEnv is the environment of a Vigía on database rawURL mailing through
// the fake SMTP server on port.
func pgEnv(rawURL string, smtpPort int, token string) map[string]string {
	return map[string]string{
		"DATABASE_URL": rawURL,
		"SMTP_HOST":    "127.0.0.1", "SMTP_PORT": strconv.Itoa(smtpPort), "SMTP_TLS": "none",
		"SMTP_FROM": "vigia@ejemplo.com", "VIGIA_API_TOKEN": token,
		"VIGIA_TZ": "America/Bogota", "VIGIA_SMTP_REINTENTOS": "50ms,100ms",
	}
}

// nextMinute is the next whole minute at least lead away in loc: a daily
// trigger at its "15:04" fires then. The e2e tests wait for real slots (the
// fake clock cannot reach another process), so lead is kept short.
func nextMinute(loc *time.Location, lead time.Duration) time.Time {
	now := time.Now().In(loc)
	slot := time.Date(now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute()+1, 0, 0, loc)
	for slot.Sub(now) < lead {
		slot = slot.Add(time.Minute)
	}
	return slot
}

// dailyAt is a trigger body for a daily run at slot's minute reporting
// CRITICA alerts, active.
func dailyAt(name string, slot time.Time) string {
	return fmt.Sprintf(`{"nombre": %q, "frecuencia": "diaria", "hora": %q, "destinatarios": "admin@ejemplo.com", "prioridades": "CRITICA", "activo": 1}`,
		name, slot.Format("15:04"))
}

// noSQLiteFileIn fails when a SQLite database was created under dir: on
// PostgreSQL, Vigía keeps no database file of its own.
func noSQLiteFileIn(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".db") || strings.HasSuffix(path, ".db-wal")) {
			t.Errorf("a SQLite file was created on PostgreSQL: %s", path)
		}
		return nil
	})
}

// digestsByKey counts the messages by the run their Message-ID names:
// "e<execution>" for a run on demand, "t<trigger>.<slot in Unix seconds>"
// for a slot (see the crash test).
func digestsByKey(msgs []smtptest.Message) map[string]int {
	out := map[string]int{}
	for _, m := range msgs {
		id := strings.Trim(messageID(m.Data), "<>")
		local, _, _ := strings.Cut(id, "@")
		out[strings.TrimPrefix(local, "vigia.")]++
	}
	return out
}

// startVigiaOnHost starts Vigía as if on a PC named host: in a UTS namespace
// of its own (unshare -u, which needs root) with that host name, so that two
// processes of this machine look like two PCs to the lease, and the survivor
// of a SIGKILL must wait for the dead one's lease to expire instead of
// seeing its PID gone. ok is false, and nothing is started, when this user
// cannot (not root, or no unshare): the caller then starts it plainly.
func startVigiaOnHost(t *testing.T, dir string, env map[string]string, host string, args ...string) (p *vigiaProcess, ok bool) {
	t.Helper()
	if os.Geteuid() != 0 || exec.Command("unshare", "-u", "true").Run() != nil {
		return nil, false
	}
	// unshare and sh exec in place: the process keeps its PID as Vigía.
	argv := append([]string{"-u", "sh", "-c", `hostname "$0" && exec "$@"`, host, vigiaBinary(t)}, args...)
	return startBinary(t, "unshare", dir, env, argv...), true
}
