package web

import (
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"vigia/internal/httpguard"
)

// contentSecurityPolicy allows only this site's own scripts, styles and
// images: no inline script or style, no framing, forms post only here.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

// maxFormBytes bounds a form's body (a CSV upload sets its own limit).
const maxFormBytes = 64 << 10

// guard is the chain in front of every page, in this order: request log and
// panic recovery, security headers, Host allow-list, cross-origin refusal for
// state-changing requests, then the session: a page needs one (else to the
// login), and an authenticated answer is never cached.
func (s *Server) guard(next http.Handler) http.Handler {
	csrf := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w = s.logged(w, r)
		defer s.recoverPanic(w, r)
		securityHeaders(w.Header())
		r = withRequestState(r)
		if !s.opts.AllowRemote && !httpguard.LoopbackHost(r.Host) {
			s.refuse(w, r, http.StatusForbidden, "error.host")
			return
		}
		if err := csrf.Check(r); err != nil {
			s.refuse(w, r, http.StatusForbidden, "error.otro_sitio")
			return
		}
		if public(r.URL.Path) {
			r, _ = s.withSession(r)
			next.ServeHTTP(w, r)
			return
		}
		r, ok := s.withSession(r)
		if !ok {
			s.toLogin(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// public reports whether path needs no session: the login and the assets.
func public(path string) bool {
	return path == loginPath || strings.HasPrefix(path, staticPrefix)
}

// toLogin sends a request without a live session to the login page, which
// brings the user back here after logging in (GET only: a form's post is
// not replayed).
func (s *Server) toLogin(w http.ResponseWriter, r *http.Request) {
	target := loginPath
	q := url.Values{}
	if _, err := r.Cookie(sessionCookie); err == nil {
		q.Set("expirada", "1")
		http.SetCookie(w, s.cookie(r, "", -1))
	}
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		q.Set("volver", r.URL.RequestURI())
	}
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	w.Header().Set("Cache-Control", "no-store")
	s.redirect(w, r, target)
}

// securityHeaders are sent with every answer.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
}

// logged logs each request at Debug level (method, path, status, duration),
// never its query or form, which may hold what the user typed.
func (s *Server) logged(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
	if !s.log.Enabled(r.Context(), slog.LevelDebug) {
		return w
	}
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK, start: time.Now()}
	rec.done = func() {
		s.log.Debug("solicitud web", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(rec.start))
	}
	return rec
}

// recoverPanic answers a handler's panic with the 500 page and logs it.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	if rec, ok := w.(*statusRecorder); ok {
		defer rec.done()
	}
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	s.log.Error("pánico en la interfaz web", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
	s.refuse(w, r, http.StatusInternalServerError, "error.interno")
}

// statusRecorder remembers the status for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	start  time.Time
	done   func()
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
