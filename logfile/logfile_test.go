package logfile_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"vigia/logfile"
)

func open(t *testing.T, dir string, maxBytes int64, keep int) *logfile.Writer {
	t.Helper()
	w, err := logfile.Open(dir, "vigia.log", maxBytes, keep)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func write(t *testing.T, w *logfile.Writer, s string) {
	t.Helper()
	if n, err := w.Write([]byte(s)); err != nil || n != len(s) {
		t.Fatalf("Write(%q) = %d, %v", s, n, err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return string(b)
}

// line is a 10-byte log line.
func line(i int) string { return fmt.Sprintf("linea %03d\n", i) }

func TestWritesRotateToNumberedFilesAndDropTheOldest(t *testing.T) {
	// given: room for three lines per file, two old files kept
	dir := t.TempDir()
	w := open(t, dir, 30, 2)

	// when: ten lines are written
	for i := 1; i <= 10; i++ {
		write(t, w, line(i))
	}

	// then: the newest lines are in the file, the older ones shifted up, the oldest gone
	base := filepath.Join(dir, "vigia.log")
	if w.Path() != base {
		t.Errorf("Path() = %s, want %s", w.Path(), base)
	}
	want := map[string]string{
		base:        line(10),
		base + ".1": line(7) + line(8) + line(9),
		base + ".2": line(4) + line(5) + line(6),
	}
	for path, content := range want {
		if got := read(t, path); got != content {
			t.Errorf("%s = %q, want %q", filepath.Base(path), got, content)
		}
	}
	if _, err := os.Stat(base + ".3"); !os.IsNotExist(err) {
		t.Errorf("vigia.log.3 exists: %v", err)
	}
}

func TestReopeningContinuesTheFileAndCountsWhatItHolds(t *testing.T) {
	// given: a log with two lines from an earlier run
	dir := t.TempDir()
	first := open(t, dir, 30, 1)
	write(t, first, line(1)+line(2))
	first.Close()

	// when: the next run writes two more
	w := open(t, dir, 30, 1)
	write(t, w, line(3))
	write(t, w, line(4))

	// then: the file filled up to the limit, then rotated
	base := filepath.Join(dir, "vigia.log")
	if got, want := read(t, base+".1"), line(1)+line(2)+line(3); got != want {
		t.Errorf("vigia.log.1 = %q, want %q", got, want)
	}
	if got := read(t, base); got != line(4) {
		t.Errorf("vigia.log = %q", got)
	}
}

func TestKeepZeroStartsAFreshFileWithoutOldOnes(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir, 20, 0)
	for i := 1; i <= 5; i++ {
		write(t, w, line(i))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("dir holds %v, want only vigia.log", entries)
	}
	if got := read(t, w.Path()); got != line(5) {
		t.Errorf("vigia.log = %q", got)
	}
}

func TestAWriteLargerThanTheLimitGetsAFileOfItsOwn(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir, 30, 3)
	big := strings.Repeat("x", 50) + "\n"
	write(t, w, line(1))
	write(t, w, big)
	write(t, w, line(2))
	base := filepath.Join(dir, "vigia.log")
	if got := read(t, base+".2"); got != line(1) {
		t.Errorf("vigia.log.2 = %q", got)
	}
	if got := read(t, base+".1"); got != big {
		t.Errorf("vigia.log.1 = %q", got)
	}
	if got := read(t, base); got != line(2) {
		t.Errorf("vigia.log = %q", got)
	}
}

func TestConcurrentWritesLandWholeAndNoneIsLost(t *testing.T) {
	// given: enough old files to keep everything written
	dir := t.TempDir()
	const writers, lines, maxBytes = 8, 400, 2048
	w := open(t, dir, maxBytes, 1000)

	// when: several goroutines write at once
	var wg sync.WaitGroup
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range lines {
				msg := fmt.Sprintf("INFO: escritor=%d linea=%04d %s\n", g, i, strings.Repeat("·", i%7))
				if _, err := w.Write([]byte(msg)); err != nil {
					t.Errorf("Write: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	// then: every line is intact, exactly once, in no file over the limit,
	// and each writer's lines keep their order across the files
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := make([]string, len(entries)) // oldest first: vigia.log.N … vigia.log.1, vigia.log
	for i := range entries {
		name := "vigia.log"
		if i < len(entries)-1 {
			name += fmt.Sprintf(".%d", len(entries)-1-i)
		}
		files[i] = filepath.Join(dir, name)
	}
	next := make([]int, writers)
	for _, f := range files {
		content := read(t, f)
		if len(content) > maxBytes {
			t.Errorf("%s holds %d bytes, over the limit", filepath.Base(f), len(content))
		}
		for _, l := range strings.SplitAfter(content, "\n") {
			if l == "" {
				continue
			}
			var g, i int
			if _, err := fmt.Sscanf(l, "INFO: escritor=%d linea=%d", &g, &i); err != nil || !strings.HasSuffix(l, "\n") {
				t.Fatalf("%s: torn line %q", filepath.Base(f), l)
			}
			if want := fmt.Sprintf("INFO: escritor=%d linea=%04d %s\n", g, i, strings.Repeat("·", i%7)); l != want {
				t.Fatalf("line %q, want %q", l, want)
			}
			if i != next[g] {
				t.Fatalf("writer %d: line %d after %d", g, i, next[g]-1)
			}
			next[g]++
		}
	}
	if want := slices.Repeat([]int{lines}, writers); !slices.Equal(next, want) {
		t.Errorf("lines per writer %v, want %v", next, want)
	}
}

func TestAFailedRotationKeepsWritingAndSaysSoOnce(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a directory in the way is how this test makes the rename fail on Unix")
	}
	// given: vigia.log.1 is a directory that is not empty, so renaming onto it fails
	dir := t.TempDir()
	base := filepath.Join(dir, "vigia.log")
	if err := os.MkdirAll(filepath.Join(base+".1", "ocupado"), 0o700); err != nil {
		t.Fatal(err)
	}
	w := open(t, dir, 20, 1)
	write(t, w, line(1)+line(2))

	// when: two writes each need a rotation
	write(t, w, line(3))
	write(t, w, line(4))

	// then: nothing is lost and the failure is noted once
	content := read(t, base)
	if !strings.HasPrefix(content, line(1)+line(2)) || !strings.HasSuffix(content, line(3)+line(4)) {
		t.Errorf("vigia.log = %q", content)
	}
	if n := strings.Count(content, "ERROR: no se pudo rotar el registro"); n != 1 {
		t.Errorf("rotation failure noted %d times:\n%s", n, content)
	}

	// when: the way is clear again
	if err := os.RemoveAll(base + ".1"); err != nil {
		t.Fatal(err)
	}
	write(t, w, line(5))

	// then: the next write rotates
	if got := read(t, base); got != line(5) {
		t.Errorf("vigia.log = %q", got)
	}
	if got := read(t, base+".1"); !strings.HasSuffix(got, line(4)) {
		t.Errorf("vigia.log.1 = %q", got)
	}
}

func TestTheLogIsPrivateToTheUser(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	w := open(t, filepath.Join(t.TempDir(), "logs"), 100, 1)
	info, err := os.Stat(w.Path())
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode %04o, want 0600", perm)
	}
}

func TestWriteAfterCloseFails(t *testing.T) {
	w := open(t, t.TempDir(), 100, 1)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("tarde\n")); err == nil {
		t.Error("Write after Close succeeded")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestOpenRefusesBadArgumentsInSpanish(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name     string
		file     string
		maxBytes int64
		keep     int
		want     string
	}{
		{"empty name", "", 100, 1, "nombre de archivo"},
		{"name with a directory", "sub/vigia.log", 100, 1, "nombre de archivo"},
		{"zero size", "vigia.log", 0, 1, "tamaño máximo"},
		{"negative keep", "vigia.log", 100, -1, "registros antiguos"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := logfile.Open(dir, c.file, c.maxBytes, c.keep)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Open = %v, want an error about %q", err, c.want)
			}
		})
	}
}
