package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"vigia/app"
)

// SettingsBackend reads and saves the Configuración screen's settings
// (internal/settings.Manager implements it, for the desktop as well).
type SettingsBackend interface {
	Settings(ctx context.Context) (app.Settings, error)
	// SaveSettings validates everything first (a *app.ValidationError keyed by
	// variable name changes nothing), stores, and puts the values into effect.
	SaveSettings(ctx context.Context, s app.Settings) (app.Settings, error)
	// TestMail sends a test message with the given (unsaved) settings.
	TestMail(ctx context.Context, s app.Settings, to string) (app.Message, error)
}

// Options configure the web interface.
type Options struct {
	// Token is the secret the login page asks for: the API's token. An empty
	// token refuses every login.
	Token string
	// TokenFile is the file that holds the token, which the login page
	// names; "" when the token comes from VIGIA_API_TOKEN.
	TokenFile string
	// AllowRemote admits any Host header: Vigía was bound to a non-loopback address.
	AllowRemote bool
	// Secure marks the session cookie Secure even on plain HTTP requests:
	// Vigía listens beyond loopback (behind a TLS proxy, or where the cookie
	// must never travel in clear). A request over TLS always gets it.
	Secure bool
	// Settings are the stored preferences (language, mail); required.
	Settings SettingsBackend
	// Logger receives request logs (Debug), login failures and internal errors; default slog.Default().
	Logger *slog.Logger
	// Version is shown at the foot of the pages.
	Version string
	// Clock measures sessions' idle time and the login limit; default the system clock.
	Clock app.Clock
}

// Server is the web interface: an http.Handler.
type Server struct {
	svc      *app.Service
	opts     Options
	log      *slog.Logger
	clock    app.Clock
	mux      *http.ServeMux
	handler  http.Handler
	sessions *sessions
	limiter  *loginLimiter
	pages    *pageSet
	assets   *assetSet
}

// New returns the web interface over svc.
func New(svc *app.Service, opts Options) (*Server, error) {
	if opts.Settings == nil {
		return nil, errors.New("web.New: Options.Settings is required")
	}
	s := &Server{svc: svc, opts: opts, log: opts.Logger, clock: opts.Clock, mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.clock == nil {
		s.clock = systemClock{}
	}
	var err error
	if s.pages, err = loadPages(); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	s.sessions = newSessions(s.clock, sessionIdle)
	s.limiter = newLoginLimiter(s.clock, loginFailures, loginWindow)
	s.routes()
	s.handler = s.guard(s.mux)
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// areas are the route registrations of the pages, one per area, each in its
// area's own file: a file adds its own with
//
//	var _ = area((*Server).triggerRoutes)
//
// so that adding an area edits no other file. Patterns use Go 1.22's
// "METHOD /path/{id}" syntax; a conflict between two areas panics at New.
var areas []func(*Server, *http.ServeMux)

// area registers the routes of one area; it returns true so that it can
// initialise a package-level blank variable.
func area(register func(*Server, *http.ServeMux)) bool {
	areas = append(areas, register)
	return true
}

// routes registers the foundation's routes (login, logout, language,
// assets, the catch-all 404), then every area's.
func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET "+loginPath, s.loginPage)
	m.HandleFunc("POST "+loginPath, s.login)
	m.HandleFunc("POST "+logoutPath, s.logout)
	m.HandleFunc("POST /idioma", s.switchLanguage)
	m.Handle("GET "+staticPrefix, s.assets)
	for _, register := range areas {
		register(s, m)
	}
	m.HandleFunc("/", s.notFound)
}

// systemClock is the wall clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
