package console

import (
	"io"
	"os"

	"golang.org/x/sys/windows"
)

var (
	kernel32          = windows.NewLazySystemDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procFreeConsole   = kernel32.NewProc("FreeConsole")
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = uintptr(^uint32(0))

// consoleOut is the output of the terminal AttachParentConsole attached to.
var consoleOut *os.File

// AttachParentConsole gives the Windows GUI build (-H=windowsgui, which has
// no console of its own) the console of the terminal it was started from, so
// `vigia.exe --help`, configuration errors and --headless print there. Output
// redirected to a file or a pipe stays where it is; started from Explorer or
// at logon there is no terminal and nothing changes. main calls it before
// anything reads os.Stdout.
func AttachParentConsole() {
	outOK, errOK := usableOutput(os.Stdout), usableOutput(os.Stderr)
	if outOK && errOK {
		return
	}
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return
	}
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		procFreeConsole.Call()
		return
	}
	consoleOut = con
	h := windows.Handle(con.Fd())
	if !outOK {
		os.Stdout = con
		_ = windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, h)
	}
	if !errOK {
		os.Stderr = con
		_ = windows.SetStdHandle(windows.STD_ERROR_HANDLE, h)
	}
}

// detachConsole lets go of the terminal AttachParentConsole attached to:
// a GUI process must not stop when the terminal is closed or its user
// presses Ctrl+C for another program. It reports whether w wrote to that
// terminal (and so writes nowhere now).
func detachConsole(w io.Writer) bool {
	if consoleOut == nil {
		return false
	}
	procFreeConsole.Call()
	was := w == io.Writer(consoleOut)
	consoleOut = nil
	return was
}
