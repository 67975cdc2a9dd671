package web

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"vigia/internal/httpguard"
)

// Paths of the login and logout.
const (
	loginPath  = "/ingresar"
	logoutPath = "/salir"
)

// loginData is the login page's.
type loginData struct {
	Error     string // why the last attempt failed
	LoggedOut bool   // the user just logged out
	Expired   bool   // the session expired
	TokenFile string // where the token is; "" when VIGIA_API_TOKEN sets it
	Insecure  bool   // the cookie is Secure but this page came over plain HTTP from afar
	Next      string // where to go after logging in
}

// loginPage shows the form; a browser already logged in goes to Inicio.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.currentSession(r) != nil {
		s.redirect(w, r, "/")
		return
	}
	q := r.URL.Query()
	s.render(w, r, Page{Template: "login", Title: "login.titulo", Data: loginData{
		LoggedOut: q.Has("salida"), Expired: q.Has("expirada"), TokenFile: s.opts.TokenFile, Insecure: s.insecure(r), Next: localPath(q.Get("volver")),
	}})
}

// login checks the token: right, it opens a session and goes to Inicio (or
// where the user was sent from); wrong, the form again with the reason and
// no cookie. Failures are logged with the client's address, never what was typed.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	addr := clientAddr(r)
	if blocked, wait := s.limiter.blocked(addr); blocked {
		s.log.Warn("interfaz web: inicio de sesión rechazado por demasiados intentos", "ip", addr)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		s.render(w, r, Page{Template: "login", Title: "login.titulo", Status: http.StatusTooManyRequests,
			Data: loginData{Error: T(s.lang(r), "login.demasiados"), TokenFile: s.opts.TokenFile}})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	token := strings.TrimSpace(r.PostFormValue("token"))
	next := localPath(r.PostFormValue("volver"))
	if !s.rightToken(token) {
		n := s.limiter.fail(addr)
		s.log.Warn("interfaz web: inicio de sesión fallido (token incorrecto)", "ip", addr, "fallos_en_el_minuto", n)
		s.render(w, r, Page{Template: "login", Title: "login.titulo", Status: http.StatusUnauthorized,
			Data: loginData{Error: T(s.lang(r), "login.incorrecto"), TokenFile: s.opts.TokenFile, Insecure: s.insecure(r), Next: next}})
		return
	}
	s.limiter.succeed(addr)
	if old := s.currentSession(r); old != nil {
		s.sessions.remove(old.id) // a new login replaces the browser's session
	}
	sess, err := s.sessions.create()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(r, sess.id, int(sessionIdle/time.Second)))
	s.log.Info("interfaz web: sesión iniciada", "ip", addr)
	if next == "" {
		next = "/"
	}
	s.redirect(w, r, next)
}

// logout ends the session and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.remove(c.Value)
	}
	http.SetCookie(w, s.cookie(r, "", -1))
	s.redirect(w, r, loginPath+"?salida=1")
}

// rightToken compares in constant time; an empty configured token matches nothing.
func (s *Server) rightToken(token string) bool {
	if s.opts.Token == "" || token == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.Token)) == 1
}

// cookie is the session cookie with value; maxAge < 0 deletes it.
func (s *Server) cookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.opts.Secure || r.TLS != nil,
	}
}

// insecure reports whether the browser will refuse the Secure session
// cookie: Vigía listens beyond loopback and this page came over plain HTTP
// from another machine (a TLS proxy in front says so in X-Forwarded-Proto,
// trusted here only to decide whether to warn).
func (s *Server) insecure(r *http.Request) bool {
	return s.opts.Secure && r.TLS == nil && r.Header.Get("X-Forwarded-Proto") != "https" && !httpguard.LoopbackHost(r.Host)
}

// sessionKey carries the request's session in its context.
type sessionKey struct{}

// currentSession is the request's live session, nil when not logged in.
func (s *Server) currentSession(r *http.Request) *session {
	if sess, ok := r.Context().Value(sessionKey{}).(*session); ok {
		return sess
	}
	return nil
}

// withSession finds the cookie's session (restarting its idle time) and puts
// it into the request's context.
func (s *Server) withSession(r *http.Request) (*http.Request, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return r, false
	}
	sess := s.sessions.touch(c.Value)
	if sess == nil {
		return r, false
	}
	return r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess)), true
}

// clientAddr is the address the request came from (the TCP peer: headers
// such as X-Forwarded-For are not trusted).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// localPath is p when it is a path of this site ("/triggers?x=1"), "" otherwise:
// a redirect never leaves the site.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") || strings.ContainsAny(p, "\r\n") {
		return ""
	}
	return p
}
