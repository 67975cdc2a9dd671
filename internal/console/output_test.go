package console

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// resetCrashOutput undoes captureCrashes when the test ends.
func resetCrashOutput(t *testing.T) {
	t.Cleanup(func() { _ = debug.SetCrashOutput(nil, debug.CrashOptions{}) })
}

func TestAHeadlessProcessWithAConsoleWritesNoLogFile(t *testing.T) {
	// given
	dataDir := t.TempDir()
	var stdout bytes.Buffer

	// when
	out, file, err := Output(&stdout, dataDir, false)

	// then
	if err != nil || file != nil {
		t.Fatalf("Output = %v, %v", file, err)
	}
	if out != &stdout {
		t.Errorf("output %T, want the standard output itself", out)
	}
	if _, err := os.Stat(filepath.Join(dataDir, "logs")); !os.IsNotExist(err) {
		t.Errorf("a logs directory was created: %v", err)
	}
}

func TestTheGUIWritesItsConsoleToTheLogFileToo(t *testing.T) {
	// given
	resetCrashOutput(t)
	dataDir := t.TempDir()
	var stdout bytes.Buffer

	// when
	out, file, err := Output(&stdout, dataDir, true)
	if err != nil {
		t.Fatalf("Output: %v", err)
	}
	defer file.Close()
	con := &Console{w: out}
	con.Print("INFO: Vigía iniciado\n")

	// then
	if want := filepath.Join(dataDir, "logs", "vigia.log"); file.Path() != want {
		t.Errorf("log at %s, want %s", file.Path(), want)
	}
	logged, err := os.ReadFile(file.Path())
	if err != nil {
		t.Fatal(err)
	}
	if string(logged) != "INFO: Vigía iniciado\n" || stdout.String() != "INFO: Vigía iniciado\n" {
		t.Errorf("log %q, stdout %q", logged, stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dataDir, "logs", "vigia-fallos.log")); err != nil {
		t.Errorf("no crash log: %v", err)
	}
}

func TestAProcessWithoutAStandardOutputWritesOnlyTheLogFile(t *testing.T) {
	// given: a standard output that is closed, as a GUI build for Windows has none
	resetCrashOutput(t)
	gone, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	gone.Close()

	// when
	out, file, err := Output(gone, t.TempDir(), false)

	// then
	if err != nil || file == nil {
		t.Fatalf("Output = %v, %v", file, err)
	}
	defer file.Close()
	if out != file {
		t.Errorf("output %T, want the log file alone", out)
	}
}

func TestUsableOutput(t *testing.T) {
	var none *os.File
	if usableOutput(none) {
		t.Error("a nil file is usable")
	}
	if !usableOutput(&bytes.Buffer{}) {
		t.Error("a buffer is not usable")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	if !usableOutput(f) {
		t.Error("an open file is not usable")
	}
	f.Close()
	if usableOutput(f) {
		t.Error("a closed file is usable")
	}
}

// crashDirEnv makes the test binary, run again by the test below, set up the
// GUI's log in that directory and panic.
const crashDirEnv = "VIGIA_TEST_CRASH_DIR"

func TestAPanicIsWrittenToTheCrashLog(t *testing.T) {
	if dir := os.Getenv(crashDirEnv); dir != "" {
		if _, _, err := Output(&bytes.Buffer{}, dir, true); err != nil {
			t.Fatal(err)
		}
		panic("fallo de prueba")
	}
	// given
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAPanicIsWrittenToTheCrashLog$")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)

	// when
	out, err := cmd.CombinedOutput()

	// then
	if err == nil {
		t.Fatalf("the child did not crash:\n%s", out)
	}
	crash, err := os.ReadFile(filepath.Join(dir, "logs", "vigia-fallos.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(crash), "panic: fallo de prueba") {
		t.Errorf("crash log:\n%s", crash)
	}
}
