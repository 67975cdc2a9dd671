package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/notify"
	"vigia/scheduler"
	"vigia/storage"
)

// Test helpers shared by every page's tests: newTestEnv starts a real
// service over SQLite on a fake clock with a web Server in front;
// env.login() gives a browser with a live session; its get and post answer
// the recorded response.

const (
	testToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	testHost  = "127.0.0.1:5731"
	testOrig  = "http://" + testHost
	failAfter = 10 * time.Second
)

var bogota = mustZone("America/Bogota")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// testStart is Monday 2025-12-08 07:00 in Bogotá.
var testStart = time.Date(2025, 12, 8, 7, 0, 0, 0, bogota)

// testEnv is one Vigía process behind the web interface.
type testEnv struct {
	t        testing.TB
	dir      string
	svc      *app.Service
	store    *storage.Store
	sched    *scheduler.Scheduler
	clock    *clockwork.FakeClock
	settings *fakeSettings
	srv      *Server
	logs     *syncBuffer
	mailer   *switchMailer
	status   *statusScheduler
	done     chan app.Execution // every finished run
}

type envOption func(*Options)

func newTestEnv(t testing.TB, opts ...envOption) *testEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := storage.Open(ctx, filepath.Join(dir, "vigia.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := &testEnv{t: t, dir: dir, store: store, clock: clockwork.NewFakeClockAt(testStart), logs: logs,
		settings: &fakeSettings{s: app.Settings{Language: "es", Zone: "America/Bogota",
			MailMode: app.Msg(app.CodeMailNoServer, app.Args{"Dir": filepath.Join(dir, "outbox")})}}}
	sched, err := scheduler.New(func(id int64, name string, slot time.Time) { e.svc.RunScheduled(id, name, slot) },
		scheduler.WithClock(e.clock), scheduler.WithLocation(bogota), scheduler.WithLogger(logger))
	if err != nil {
		t.Fatalf("new scheduler: %v", err)
	}
	e.sched = sched
	e.status = &statusScheduler{Scheduler: sched}
	e.mailer = &switchMailer{next: notify.NewOutbox(filepath.Join(dir, "outbox"), "vigia@localhost")}
	e.done = make(chan app.Execution, 16)
	e.svc = app.NewService(app.Config{Store: store, Mailer: e.mailer,
		Scheduler: e.status, Clock: e.clock, Location: bogota, Logger: logger, Renderer: notify.Renderer{}})
	e.svc.Subscribe(func(ev app.Event) {
		if ev.Kind == app.EventRunFinished {
			e.done <- ev.Execution
		}
	})
	if err := e.svc.Start(ctx); err != nil {
		t.Fatalf("start service: %v", err)
	}
	sched.Start()
	o := Options{Token: testToken, TokenFile: "/datos/api-token", Settings: e.settings, Logger: logger, Version: "1.2.3-test", Clock: e.clock}
	for _, opt := range opts {
		opt(&o)
	}
	if e.srv, err = New(e.svc, o); err != nil {
		t.Fatalf("web.New: %v", err)
	}
	t.Cleanup(func() {
		_ = sched.Shutdown()
		ctx, cancel := context.WithTimeout(context.Background(), failAfter)
		defer cancel()
		e.svc.Shutdown(ctx)
		_ = store.Close()
	})
	return e
}

// browser is a client of the web interface: its cookie, its address.
type browser struct {
	e      *testEnv
	cookie *http.Cookie
	addr   string // RemoteAddr of its requests
}

// anonymous is a browser without a session.
func (e *testEnv) anonymous() *browser { return &browser{e: e, addr: "192.0.2.10:40000"} }

// login is a browser that logged in with the right token.
func (e *testEnv) login() *browser {
	e.t.Helper()
	b := e.anonymous()
	res := b.post("/ingresar", url.Values{"token": {testToken}})
	if res.Code != http.StatusSeeOther {
		e.t.Fatalf("login: status %d, body %s", res.Code, res.Body)
	}
	if b.cookie == nil {
		e.t.Fatal("login set no session cookie")
	}
	return b
}

// request builds a request as a browser on this site sends it.
func (b *browser) request(method, path string, body io.Reader) *http.Request {
	r := httptest.NewRequest(method, path, body)
	r.Host = testHost
	r.RemoteAddr = b.addr
	if method != http.MethodGet && method != http.MethodHead {
		r.Header.Set("Origin", testOrig)
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if b.cookie != nil {
		r.AddCookie(b.cookie)
	}
	return r
}

// do serves r and keeps the session cookie it sets (or clears).
func (b *browser) do(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	b.e.srv.ServeHTTP(rec, r)
	for _, c := range rec.Result().Cookies() {
		if c.Name != sessionCookie {
			continue
		}
		if c.MaxAge < 0 || c.Value == "" {
			b.cookie = nil
		} else {
			b.cookie = &http.Cookie{Name: c.Name, Value: c.Value}
		}
	}
	return rec
}

func (b *browser) get(path string) *httptest.ResponseRecorder {
	return b.do(b.request(http.MethodGet, path, nil))
}

// post sends a url-encoded form.
func (b *browser) post(path string, form url.Values) *httptest.ResponseRecorder {
	r := b.request(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(r)
}

// wantPage checks the status and that the body holds every text.
func wantPage(t testing.TB, res *httptest.ResponseRecorder, status int, texts ...string) string {
	t.Helper()
	body := res.Body.String()
	if res.Code != status {
		t.Fatalf("status %d, want %d; body:\n%s", res.Code, status, body)
	}
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q; body:\n%s", s, body)
		}
	}
	return body
}

// wantRedirect checks a 303 to location.
func wantRedirect(t testing.TB, res *httptest.ResponseRecorder, location string) {
	t.Helper()
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != location {
		t.Fatalf("got %d to %q, want 303 to %q; body:\n%s", res.Code, res.Header().Get("Location"), location, res.Body)
	}
}

// fakeSettings is the Configuración backend in memory.
type fakeSettings struct {
	mu    sync.Mutex
	s     app.Settings
	saved []app.Settings
	err   error // SaveSettings' answer when set
	reads int   // calls of Settings
}

func (f *fakeSettings) Settings(context.Context) (app.Settings, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	return f.s, nil
}

// readCount is how many times the settings were read.
func (f *fakeSettings) readCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads
}

func (f *fakeSettings) SaveSettings(_ context.Context, s app.Settings) (app.Settings, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return app.Settings{}, f.err
	}
	f.saved = append(f.saved, s)
	f.s = s
	return s, nil
}

func (f *fakeSettings) TestMail(context.Context, app.Settings, string) (app.Message, error) {
	return app.Msg(app.CodeTestMailSaved, nil), nil
}

func (f *fakeSettings) setLanguage(code string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.s.Language = code
}

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func ptr[T any](v T) *T { return &v }

// draft is a daily 08:00 trigger named name; edit changes it.
func draft(name string, edit func(*app.TriggerDraft)) app.TriggerDraft {
	d := app.TriggerDraft{
		Name: ptr(name), Frequency: ptr("diaria"), Time: ptr("08:00"),
		Recipients: &[]string{"contador@ejemplo.com"}, Priorities: &[]string{"CRITICA", "ALTA", "MEDIA", "BAJA"},
		Active: ptr(true), SendWhenEmpty: ptr(true),
	}
	if edit != nil {
		edit(&d)
	}
	return d
}

// createTrigger saves d through the service.
func (e *testEnv) createTrigger(d app.TriggerDraft) app.Trigger {
	e.t.Helper()
	tr, err := e.svc.CreateTrigger(context.Background(), d)
	if err != nil {
		e.t.Fatalf("create trigger: %v", err)
	}
	return tr
}

// runNow runs trigger id now and waits until the run is finished.
func (e *testEnv) runNow(id int64) app.Execution {
	e.t.Helper()
	if _, err := e.svc.RunNow(context.Background(), id); err != nil {
		e.t.Fatalf("run now: %v", err)
	}
	select {
	case x := <-e.done:
		return x
	case <-time.After(failAfter):
		e.t.Fatal("the run did not finish")
		return app.Execution{}
	}
}

// switchMailer is the outbox, or a failure while fail is set.
type switchMailer struct {
	next app.Mailer
	fail atomic.Pointer[error]
}

func (m *switchMailer) SendDigest(ctx context.Context, d app.Digest) (int, error) {
	if err := m.fail.Load(); err != nil {
		return 1, *err
	}
	return m.next.SendDigest(ctx, d)
}

// failWith makes every send fail with err (nil: send again).
func (m *switchMailer) failWith(err error) {
	if err == nil {
		m.fail.Store(nil)
		return
	}
	m.fail.Store(&err)
}

// statusScheduler is the real scheduler whose status a test may replace
// (a standby, a lease problem: what needs a second process otherwise).
type statusScheduler struct {
	*scheduler.Scheduler
	override atomic.Pointer[app.SchedulerStatus]
}

func (s *statusScheduler) Status() app.SchedulerStatus {
	if st := s.override.Load(); st != nil {
		return *st
	}
	return s.Scheduler.Status()
}
