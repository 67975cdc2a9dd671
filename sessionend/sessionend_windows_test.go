//go:build windows

package sessionend

import (
	"sync/atomic"
	"testing"
	"time"
)

// sendMessage delivers a message to the watcher's window and waits for its answer.
func sendMessage(w *watcher, message uint32, wParam uintptr) uintptr {
	r, _, _ := user32.NewProc("SendMessageW").Call(uintptr(w.hwnd), uintptr(message), wParam, 0)
	return r
}

// A session that ends stops Vigía once, and WM_ENDSESSION returns only once
// Vigía has stopped; a session whose end was cancelled stops nothing.
func TestSessionEndStopsVigiaAndWaitsForIt(t *testing.T) {
	var stops atomic.Int32
	stopped := make(chan struct{})
	cancel, err := Watch(Options{
		Stop: func() {
			stops.Add(1)
			time.AfterFunc(300*time.Millisecond, func() { close(stopped) }) // a digest finishing
		},
		Stopped: stopped,
		Reason:  "Vigía está terminando el envío de un resumen",
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	mu.Lock()
	w := current
	mu.Unlock()

	if r := sendMessage(w, wmQueryEndSession, 0); r != 1 {
		t.Fatalf("WM_QUERYENDSESSION = %d, want 1 (the session may end)", r)
	}
	sendMessage(w, wmEndSession, 0) // cancelled by another program
	if n := stops.Load(); n != 0 {
		t.Fatalf("a cancelled session end stopped Vigía %d times", n)
	}

	began := time.Now()
	sendMessage(w, wmEndSession, 1)
	select {
	case <-stopped:
	default:
		t.Fatal("WM_ENDSESSION returned before Vigía had stopped")
	}
	if n := stops.Load(); n != 1 {
		t.Fatalf("Vigía was stopped %d times, want 1", n)
	}
	t.Logf("WM_ENDSESSION held the session's end %v", time.Since(began).Round(time.Millisecond))
}
