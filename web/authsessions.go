package web

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"

	"vigia/app"
)

// Sessions: the cookie carries a random ID, everything else stays in memory
// (a restart logs everyone out, which is the safe outcome).
const (
	sessionCookie = "vigia_sesion"
	// sessionIdle is how long a session lives without a request; each
	// request restarts it.
	sessionIdle = 30 * time.Minute
	// maxSessions bounds the memory sessions take: beyond it, the least
	// recently used session is dropped.
	maxSessions = 1000
)

// session is one logged-in browser.
type session struct {
	id       string
	lastSeen time.Time
	flashes  []Flash
	// what the user put away on Inicio (home.go)
	dismissed    map[int64]bool
	recoverySeen time.Time
	// files checked by a dry run, waiting for their «Importar» (alertsupload.go)
	uploads map[string]pendingUpload
}

// sessions is the server-side session map.
type sessions struct {
	mu    sync.Mutex
	clock app.Clock
	idle  time.Duration
	byID  map[string]*session
}

func newSessions(clock app.Clock, idle time.Duration) *sessions {
	return &sessions{clock: clock, idle: idle, byID: map[string]*session{}}
}

// create opens a new session with a fresh random ID.
func (ss *sessions) create() (*session, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	now := ss.clock.Now()
	s := &session{id: base64.RawURLEncoding.EncodeToString(b), lastSeen: now, dismissed: map[int64]bool{}}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.byID) >= maxSessions {
		ss.sweepLocked(now)
	}
	if len(ss.byID) >= maxSessions {
		ss.dropOldestLocked()
	}
	ss.byID[s.id] = s
	return s, nil
}

// touch returns the live session of id and restarts its idle time; nil when
// there is none or it expired (then it is removed).
func (ss *sessions) touch(id string) *session {
	if id == "" {
		return nil
	}
	now := ss.clock.Now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s, ok := ss.byID[id]
	if !ok {
		return nil
	}
	if now.Sub(s.lastSeen) >= ss.idle {
		delete(ss.byID, id)
		return nil
	}
	s.lastSeen = now
	return s
}

// remove ends the session of id.
func (ss *sessions) remove(id string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.byID, id)
}

// update runs fn on s under the lock: sessions are shared by a browser's
// concurrent requests.
func (ss *sessions) update(s *session, fn func(*session)) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	fn(s)
}

// count is how many sessions are held (expired ones not yet swept included).
func (ss *sessions) count() int {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return len(ss.byID)
}

func (ss *sessions) sweepLocked(now time.Time) {
	for id, s := range ss.byID {
		if now.Sub(s.lastSeen) >= ss.idle {
			delete(ss.byID, id)
		}
	}
}

func (ss *sessions) dropOldestLocked() {
	var oldest *session
	for _, s := range ss.byID {
		if oldest == nil || s.lastSeen.Before(oldest.lastSeen) {
			oldest = s
		}
	}
	if oldest != nil {
		delete(ss.byID, oldest.id)
	}
}
