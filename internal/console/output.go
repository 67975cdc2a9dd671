package console

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"vigia/logfile"
)

// The log of a process whose output nobody reads: <data dir>/logs/vigia.log,
// rotated at 5 MiB with four old files kept. Fatal errors (a panic, the
// runtime's own) go to vigia-fallos.log beside it: they are written straight
// to the standard error, which the Windows GUI build does not have.
const (
	logDirName    = "logs"
	logFileName   = "vigia.log"
	logMaxBytes   = 5 << 20
	logKeep       = 4
	crashFileName = "vigia-fallos.log"
)

// Output is where the console of this process goes. A headless process
// with a usable standard output writes there only (nil file). A GUI process,
// or one whose standard output is gone, also writes the rotating log of
// dataDir, whose Path the GUI can show; the caller closes it at exit. A GUI
// process started from a Windows terminal lets go of that terminal first, so
// the terminal's Ctrl+C and closing it do not stop the GUI.
func Output(stdout io.Writer, dataDir string, gui bool) (io.Writer, *logfile.Writer, error) {
	usable := usableOutput(stdout)
	if gui && detachConsole(stdout) {
		usable = false
	}
	if !gui && usable {
		return stdout, nil, nil
	}
	dir := filepath.Join(dataDir, logDirName)
	file, err := logfile.Open(dir, logFileName, logMaxBytes, logKeep)
	if err != nil {
		return nil, nil, err
	}
	if err := captureCrashes(filepath.Join(dir, crashFileName)); err != nil {
		file.Close()
		return nil, nil, err
	}
	if !usable {
		return file, file, nil
	}
	// The file first: MultiWriter stops at the first writer that fails.
	return io.MultiWriter(file, stdout), file, nil
}

// usableOutput reports whether writes to w can succeed: a GUI build for
// Windows has no standard output unless it was redirected, and a daemon may
// have closed it. A writer that is not a file is assumed usable.
func usableOutput(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return true
	}
	if f == nil {
		return false
	}
	_, err := f.Stat()
	return err == nil
}

// captureCrashes makes the runtime write fatal errors to path as well as to
// the standard error.
func captureCrashes(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("no se pudo abrir el registro de fallos %s: %w", path, err)
	}
	defer f.Close() // SetCrashOutput keeps its own copy of the descriptor
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		return fmt.Errorf("no se pudo usar el registro de fallos %s: %w", path, err)
	}
	return nil
}
