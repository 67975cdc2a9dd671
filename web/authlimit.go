package web

import (
	"sync"
	"time"

	"vigia/app"
)

// The login limit: after loginFailures failed logins from one address within
// loginWindow, that address is refused (429) until the oldest of them is
// loginWindow old.
const (
	loginFailures = 5
	loginWindow   = time.Minute
	// maxLimited bounds the addresses remembered; beyond it, those whose
	// failures are all old are forgotten first.
	maxLimited = 10000
)

// loginLimiter counts failed logins per client address.
type loginLimiter struct {
	mu     sync.Mutex
	clock  app.Clock
	max    int
	window time.Duration
	fails  map[string][]time.Time // per address, oldest first, within the window
}

func newLoginLimiter(clock app.Clock, max int, window time.Duration) *loginLimiter {
	return &loginLimiter{clock: clock, max: max, window: window, fails: map[string][]time.Time{}}
}

// blocked reports whether addr has used up its failures, and when it may try again.
func (l *loginLimiter) blocked(addr string) (bool, time.Duration) {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.recentLocked(addr, now)
	if len(f) < l.max {
		return false, 0
	}
	return true, f[0].Add(l.window).Sub(now)
}

// fail records a failed login from addr and returns how many it made within the window.
func (l *loginLimiter) fail(addr string) int {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.fails) >= maxLimited {
		for a := range l.fails {
			if len(l.recentLocked(a, now)) == 0 {
				delete(l.fails, a)
			}
		}
	}
	f := append(l.recentLocked(addr, now), now)
	l.fails[addr] = f
	return len(f)
}

// succeed forgets addr's failures.
func (l *loginLimiter) succeed(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, addr)
}

// recentLocked is addr's failures within the window, the older ones dropped.
func (l *loginLimiter) recentLocked(addr string, now time.Time) []time.Time {
	f := l.fails[addr]
	i := 0
	for i < len(f) && now.Sub(f[i]) >= l.window {
		i++
	}
	if i == len(f) {
		delete(l.fails, addr)
		return nil
	}
	f = f[i:]
	l.fails[addr] = f
	return f
}
