//go:build linux

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"vigia/storage"
)

// nobody is the user a read-only test runs Vigía as when the test runs as
// root (in CI): permissions do not stop root, they stop any other user.
const nobody = 65534

// readOnlyDatabase creates a database in dir/data and makes it impossible to
// write for the user Vigía will run as, and its folder too unless
// folderWritable: as root, the files stay root's (a Docker volume owned by
// another user) and Vigía runs as nobody; otherwise they lose their write
// permission (a copy from a backup). It returns the database's path and what
// to set on the command.
func readOnlyDatabase(t *testing.T, dir string, folderWritable bool) (string, func(*exec.Cmd)) {
	t.Helper()
	db := filepath.Join(dir, "data", "vigia.db")
	s, err := storage.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	folder := os.FileMode(0o555)
	if folderWritable {
		folder = 0o777
	}
	if os.Geteuid() != 0 {
		chmod(t, db, 0o444)
		chmod(t, filepath.Dir(db), folder&0o755)
		t.Cleanup(func() { _ = os.Chmod(filepath.Dir(db), 0o755) })
		return db, func(*exec.Cmd) {}
	}
	// Everything nobody must reach: the binary and the test's folders.
	for _, p := range []string{filepath.Dir(vigiaBinary(t)), filepath.Dir(dir), dir} {
		chmod(t, p, 0o755)
	}
	chmod(t, db, 0o644)
	chmod(t, filepath.Dir(db), folder)
	return db, func(c *exec.Cmd) {
		c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func TestADatabaseThatCannotBeWrittenStopsTheStartWithCode1NamingTheFileAndWhatToDo(t *testing.T) {
	for _, c := range []struct {
		name           string
		folderWritable bool
	}{
		{"file read-only, folder writable (a copy from a backup)", true},
		{"file and folder read-only (a volume owned by another user)", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			// given a database Vigía may read but not write
			dir := t.TempDir()
			db, as := readOnlyDatabase(t, dir, c.folderWritable)
			startOnReadOnly(t, dir, db, as)
		})
	}
}

func startOnReadOnly(t *testing.T, dir, db string, as func(*exec.Cmd)) {
	// when Vigía starts on it
	bin := vigiaBinary(t)
	// A Vigía that starts anyway is killed at waitLimit: the test fails, it does not hang.
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--db", db, "--addr", freeAddr(t))
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "VIGIA_API_TOKEN=token-de-prueba-solo-lectura-0123456789"}
	as(cmd)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()

	// then it exits with code 1 and a Spanish message naming the file, the
	// cause and what to do; it never claims that another Vigía runs the triggers
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run vigia: %v", err)
	}
	out := stdout.String() + stderr.String()
	t.Logf("stderr: %s", stderr.String())
	want := "ERROR: la base de datos " + db + " es de solo lectura: "
	if code != 1 || !strings.HasPrefix(stderr.String(), want) || !strings.Contains(stderr.String(), "Qué hacer") {
		t.Fatalf("exit %d, stderr %q; want 1 and %q… with what to do", code, stderr.String(), want)
	}
	if strings.Contains(out, "otro Vigía") || strings.Contains(out, "Rol:") {
		t.Fatalf("output claims a role:\n%s", out)
	}
}

// smallDisk mounts a 4 MiB tmpfs of its own: a disk that can really fill up.
// It needs root and CAP_SYS_ADMIN; elsewhere the test is skipped (the unit
// tests make SQLite's full-disk error with max_page_count instead).
func smallDisk(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disco")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4m"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN): %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fillDisk writes a file in dir until the disk is full, and returns it.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "relleno")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return path
		}
	}
}

func TestAFullDiskAnswers507KeepsReadsAndRecoversWithoutARestart(t *testing.T) {
	// given Vigía on a small disk of its own
	disk := smallDisk(t)
	dir := t.TempDir()
	db := filepath.Join(disk, "vigia.db")
	vigia := startVigia(t, dir, map[string]string{"VIGIA_API_TOKEN": "token-de-prueba-disco-lleno-0123456789"},
		"--headless", "--db", db, "--addr", freeAddr(t))
	vigia.waitHealthy()
	vigia.mustCall("POST", "/api/empresas", `{"nombre": "Antes del disco lleno"}`, 201, nil)

	// when the disk fills up, and writes go on until SQLite needs room
	filler := fillDisk(t, disk)
	var status int
	var env envelope
	for i := range 2000 {
		status, env = vigia.call("POST", "/api/empresas", fmt.Sprintf(`{"nombre": "Empresa %d %s"}`, i, strings.Repeat("x", 100)), nil)
		if status != 201 {
			break
		}
	}

	// then the write that does not fit answers 507 with what to do, not a 500
	if status != 507 || !strings.Contains(env.Error, "está lleno") || !strings.Contains(env.Error, "Libere espacio") {
		t.Fatalf("write on a full disk = %d %+v, want 507 saying the disk is full and what to do", status, env)
	}
	// and reads keep working
	var companies []map[string]any
	vigia.mustCall("GET", "/api/empresas", "", 200, &companies)
	if len(companies) == 0 {
		t.Fatal("no company read on a full disk")
	}
	// and once there is room again, the same process writes: no restart
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	vigia.mustCall("POST", "/api/empresas", `{"nombre": "Después del disco lleno"}`, 201, nil)
	if code := vigia.stop(); code != 0 {
		t.Fatalf("exit %d after a full disk, want 0\nstderr:\n%s", code, vigia.stderr.String())
	}
}
