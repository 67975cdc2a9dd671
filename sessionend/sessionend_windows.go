//go:build windows

package sessionend

import (
	"fmt"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Window messages and styles (winuser.h).
const (
	wmDestroy          = 0x0002
	wmClose            = 0x0010
	wmQueryEndSession  = 0x0011
	wmEndSession       = 0x0016
	wsOverlapped       = 0x00000000
	className          = "VigiaFinDeSesion"
	defaultStopTimeout = 40 * time.Second
)

var (
	user32                      = windows.NewLazySystemDLL("user32.dll")
	procRegisterClassExW        = user32.NewProc("RegisterClassExW")
	procCreateWindowExW         = user32.NewProc("CreateWindowExW")
	procDefWindowProcW          = user32.NewProc("DefWindowProcW")
	procDestroyWindow           = user32.NewProc("DestroyWindow")
	procGetMessageW             = user32.NewProc("GetMessageW")
	procTranslateMessage        = user32.NewProc("TranslateMessage")
	procDispatchMessageW        = user32.NewProc("DispatchMessageW")
	procPostMessageW            = user32.NewProc("PostMessageW")
	procPostQuitMessage         = user32.NewProc("PostQuitMessage")
	procShutdownBlockReasonCrea = user32.NewProc("ShutdownBlockReasonCreate")
	procShutdownBlockReasonDest = user32.NewProc("ShutdownBlockReasonDestroy")
)

// wndClassEx is WNDCLASSEXW.
type wndClassEx struct {
	size       uint32
	style      uint32
	wndProc    uintptr
	clsExtra   int32
	wndExtra   int32
	instance   windows.Handle
	icon       windows.Handle
	cursor     windows.Handle
	background windows.Handle
	menuName   *uint16
	className  *uint16
	iconSm     windows.Handle
}

// msg is MSG.
type msg struct {
	hwnd    windows.HWND
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
	private uint32
}

// watcher is the hidden window and what it does at the session's end.
type watcher struct {
	opts   Options
	hwnd   windows.HWND
	reason *uint16
	once   sync.Once // Stop is called once, whatever Windows sends
}

// one watcher per process: the window procedure is a plain function.
var (
	mu      sync.Mutex
	current *watcher
)

// Watch starts the hidden window. cancel removes it.
func Watch(opts Options) (cancel func(), err error) {
	if opts.Limit <= 0 {
		opts.Limit = defaultStopTimeout
	}
	w := &watcher{opts: opts}
	if w.reason, err = windows.UTF16PtrFromString(opts.Reason); err != nil {
		return nil, fmt.Errorf("session end reason: %w", err)
	}
	ready := make(chan error, 1)
	go w.run(ready)
	if err := <-ready; err != nil {
		return nil, err
	}
	return func() { procPostMessageW.Call(uintptr(w.hwnd), wmClose, 0, 0) }, nil
}

// run creates the window and pumps its messages, on a thread of its own.
func (w *watcher) run(ready chan<- error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	mu.Lock()
	current = w
	mu.Unlock()
	hwnd, err := createWindow()
	if err != nil {
		ready <- err
		return
	}
	w.hwnd = hwnd
	ready <- nil
	var m msg
	for {
		r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
		if int32(r) <= 0 { // WM_QUIT or an error
			return
		}
		procTranslateMessage.Call(uintptr(unsafe.Pointer(&m)))
		procDispatchMessageW.Call(uintptr(unsafe.Pointer(&m)))
	}
}

var registerOnce = sync.OnceValue(func() error {
	name, _ := windows.UTF16PtrFromString(className)
	wc := wndClassEx{wndProc: windows.NewCallback(wndProc), className: name}
	wc.size = uint32(unsafe.Sizeof(wc))
	if r, _, err := procRegisterClassExW.Call(uintptr(unsafe.Pointer(&wc))); r == 0 {
		return fmt.Errorf("RegisterClassExW: %w", err)
	}
	return nil
})

// createWindow makes the hidden top-level window: it is never shown, but
// unlike a message-only window it is sent the session's end.
func createWindow() (windows.HWND, error) {
	if err := registerOnce(); err != nil {
		return 0, err
	}
	name, _ := windows.UTF16PtrFromString(className)
	title, _ := windows.UTF16PtrFromString("Vigía")
	r, _, err := procCreateWindowExW.Call(0, uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(title)),
		wsOverlapped, 0, 0, 0, 0, 0, 0, 0, 0)
	if r == 0 {
		return 0, fmt.Errorf("CreateWindowExW: %w", err)
	}
	return windows.HWND(r), nil
}

// wndProc answers the session's end; everything else is Windows' default.
func wndProc(hwnd windows.HWND, message uint32, wParam, lParam uintptr) uintptr {
	mu.Lock()
	w := current
	mu.Unlock()
	switch message {
	case wmQueryEndSession:
		// Allow the end, and name Vigía's reason in case it must wait.
		procShutdownBlockReasonCrea.Call(uintptr(hwnd), uintptr(unsafe.Pointer(w.reason)))
		return 1
	case wmEndSession:
		if wParam != 0 { // the session really ends
			w.stopAndWait()
		}
		procShutdownBlockReasonDest.Call(uintptr(hwnd))
		return 0
	case wmClose:
		procDestroyWindow.Call(uintptr(hwnd))
		return 0
	case wmDestroy:
		procPostQuitMessage.Call(0)
		return 0
	}
	r, _, _ := procDefWindowProcW.Call(uintptr(hwnd), uintptr(message), wParam, lParam)
	return r
}

// stopAndWait stops Vigía and returns once it has stopped, or at the limit:
// Windows ends the process as soon as WM_ENDSESSION returns.
func (w *watcher) stopAndWait() {
	w.once.Do(w.opts.Stop)
	select {
	case <-w.opts.Stopped:
	case <-time.After(w.opts.Limit):
	}
}
