package api

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"vigia/internal/httpguard"
)

// MaxBodyBytes bounds a request body.
const MaxBodyBytes = 64 << 10

// MaxImportBytes bounds a CSV file sent to the alerts import.
const MaxImportBytes = 4 << 20

// publicPath is the one endpoint that needs no token.
const publicPath = "/api/salud"

// guard is the security chain in front of every endpoint, in this order:
// panic recovery and request log, Host allow-list, cross-site refusal, bearer
// token, then body rules (JSON content type, size limit).
type guard struct {
	h           *handler
	next        http.Handler
	token       []byte
	unauthMsg   string
	allowRemote bool
	csrf        *http.CrossOriginProtection
}

func newGuard(h *handler, next http.Handler, opts Options) *guard {
	hint := "la ruta que Vigía muestra al iniciar"
	if opts.TokenHint != "" {
		hint = opts.TokenHint
	}
	return &guard{
		h:           h,
		next:        next,
		token:       []byte(opts.Token),
		unauthMsg:   "Falta el token de la API o no es válido: envíe la cabecera \"Authorization: Bearer <token>\". El token está en " + hint + ".",
		allowRemote: opts.AllowRemote,
		csrf:        http.NewCrossOriginProtection(),
	}
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if g.h.log.Enabled(r.Context(), slog.LevelDebug) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		defer func() {
			g.h.log.Debug("solicitud HTTP", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
		}()
		w = rec
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			g.h.log.Error("pánico en la API", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			g.h.fail(w, r, errPanic)
		}
	}()

	if !g.allowRemote && !httpguard.LoopbackHost(r.Host) {
		g.h.fail(w, r, describe(errHost, "Host %q no permitido: use 127.0.0.1, localhost o [::1].", r.Host))
		return
	}
	if err := g.csrf.Check(r); err != nil {
		g.h.fail(w, r, describe(errCrossSite, "Solicitud de otro sitio rechazada: la API solo acepta solicitudes locales, no de páginas web."))
		return
	}
	if r.URL.Path != publicPath && !g.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vigia"`)
		g.h.fail(w, r, describe(errUnauthorized, "%s", g.unauthMsg))
		return
	}
	if hasBody(r) {
		limit, ok := bodyLimit(r)
		if !ok && r.URL.Path == importPath {
			g.h.fail(w, r, describe(errMediaType, "El archivo debe enviarse como CSV: use la cabecera Content-Type: text/csv."))
			return
		}
		if !ok && r.URL.Path == calendarImportPath {
			g.h.fail(w, r, describe(errMediaType, "El calendario debe enviarse como JSON (Content-Type: application/json) o en un formulario multipart/form-data."))
			return
		}
		if !ok {
			g.h.fail(w, r, errMediaType)
			return
		}
		if r.ContentLength > limit {
			g.h.fail(w, r, &http.MaxBytesError{Limit: limit})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
	}
	g.next.ServeHTTP(w, r)
}

// errPanic is answered as an internal error.
var errPanic = errors.New("panic while serving the request")

// authorized compares the bearer token in constant time.
func (g *guard) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || len(g.token) == 0 {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), g.token) == 1
}

// hasBody reports whether r may carry a body that a handler could read. Safe
// methods' bodies are never read, and a POST with no body (run now, reload,
// resolve) needs no content type.
func hasBody(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return r.ContentLength != 0
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
}

// bodyLimit says whether r's body has an accepted content type, and its size
// limit: JSON everywhere, CSV (text/csv) only on the alerts import, JSON or a
// multipart form on the calendar import.
func bodyLimit(r *http.Request) (int64, bool) {
	ct := r.Header.Get("Content-Type")
	if r.URL.Path == importPath {
		mt, _, err := mime.ParseMediaType(ct)
		return MaxImportBytes, err == nil && mt == "text/csv"
	}
	if r.URL.Path == calendarImportPath {
		mt, _, err := mime.ParseMediaType(ct)
		return MaxCalendarBytes, err == nil && (mt == "application/json" || mt == "multipart/form-data")
	}
	return MaxBodyBytes, isJSON(ct)
}

// statusRecorder remembers the status for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
