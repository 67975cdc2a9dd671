package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/api"
	"vigia/app"
	"vigia/notify"
	"vigia/scheduler"
	"vigia/storage"
)

const (
	testToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	testHost  = "127.0.0.1:5000"
	tokenHint = "/datos/vigia/api-token"
	// failAfter only guards against a hang; nothing waits for it to pass.
	failAfter = 10 * time.Second
)

// The seed's three curl bodies, verbatim (they live with the end-to-end tests, e2e/testdata/seed).
var (
	seedDaily  = readSeed("trigger_diaria.json")
	seedWeekly = readSeed("trigger_semanal.json")
	seedHourly = readSeed("trigger_personalizada.json")
)

func readSeed(name string) string {
	b, err := os.ReadFile(filepath.Join("..", "e2e", "testdata", "seed", name))
	if err != nil {
		panic(err)
	}
	return string(b)
}

var bogota = mustZone("America/Bogota")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// start is Monday 2025-12-08 07:00 in Bogotá, as in the seed's status example.
var start = time.Date(2025, 12, 8, 7, 0, 0, 0, bogota)

// env is one Vigía process behind the API: the real service over a SQLite
// file, gocron on a fake clock that only tests move, and a file outbox behind
// a gate.
type env struct {
	t       testing.TB
	dir     string
	svc     *app.Service
	store   *storage.Store
	sched   *scheduler.Scheduler
	clock   *clockwork.FakeClock
	mailer  *gatedMailer
	handler http.Handler
	logs    *syncBuffer
	done    chan app.Execution // every finished run
	fired   chan time.Time     // every slot the scheduler handed over, once the service is done with it
	stopped sync.Once
}

type envOption func(*api.Options)

func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	return openEnv(t, t.TempDir(), clockwork.NewFakeClockAt(start), opts...)
}

// openEnv starts a process over the database and outbox in dir.
func openEnv(t testing.TB, dir string, clock *clockwork.FakeClock, opts ...envOption) *env {
	t.Helper()
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(dir, "vigia.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := &env{t: t, dir: dir, store: store, clock: clock, logs: logs,
		done: make(chan app.Execution, 16), fired: make(chan time.Time, 64)}
	sched, err := scheduler.New(func(id int64, name string, slot time.Time) {
		e.svc.RunScheduled(id, name, slot)
		select {
		case e.fired <- slot:
		default: // nobody is counting slots in this test
		}
	}, scheduler.WithClock(clock), scheduler.WithLocation(bogota), scheduler.WithLogger(logger))
	if err != nil {
		t.Fatalf("new scheduler: %v", err)
	}
	e.sched = sched
	e.mailer = &gatedMailer{next: notify.NewOutbox(filepath.Join(dir, "outbox"), "vigia@localhost")}
	e.svc = app.NewService(app.Config{Store: store, Mailer: e.mailer, Scheduler: sched, Clock: clock, Location: bogota, Logger: logger,
		Renderer: notify.Renderer{}})
	e.svc.Subscribe(func(ev app.Event) {
		if ev.Kind == app.EventRunFinished {
			e.done <- ev.Execution
		}
	})
	if err := e.svc.Start(ctx); err != nil {
		t.Fatalf("start service: %v", err)
	}
	sched.Start()
	o := api.Options{Token: testToken, TokenHint: tokenHint, Version: "1.2.3-test", Logger: logger}
	for _, opt := range opts {
		opt(&o)
	}
	e.handler = api.New(e.svc, o)
	t.Cleanup(e.stop)
	return e
}

// stop shuts the process down as Vigía does on exit; it runs once.
func (e *env) stop() {
	e.stopped.Do(func() {
		e.mailer.open()
		_ = e.sched.Shutdown()
		ctx, cancel := context.WithTimeout(context.Background(), failAfter)
		defer cancel()
		e.svc.Shutdown(ctx)
		_ = e.store.Close()
	})
}

// restart stops the process and starts a new one over the same database,
// outbox and clock.
func (e *env) restart() *env {
	e.t.Helper()
	e.stop()
	return openEnv(e.t, e.dir, e.clock)
}

// waitTimers waits until the scheduler armed n timers on the fake clock, so
// that advancing the clock fires them.
func (e *env) waitTimers(n int) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), failAfter)
	defer cancel()
	if err := e.clock.BlockUntilContext(ctx, n); err != nil {
		e.t.Fatalf("waiting for %d armed timers: %v", n, err)
	}
}

// slotFired waits until the scheduler handed a slot to the service and the
// service is done with it (run, skipped or recorded).
func (e *env) slotFired() time.Time {
	e.t.Helper()
	select {
	case slot := <-e.fired:
		return slot
	case <-time.After(failAfter):
		e.t.Fatal("no slot fired")
		return time.Time{}
	}
}

// mails counts the digests in the outbox.
func (e *env) mails() int {
	e.t.Helper()
	entries, err := os.ReadDir(filepath.Join(e.dir, "outbox"))
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, f := range entries {
		if strings.HasSuffix(f.Name(), ".eml") && !strings.HasPrefix(f.Name(), ".") {
			n++
		}
	}
	return n
}

// request builds a request as curl would send it to 127.0.0.1:5000, with the
// token and, when there is a body, the JSON content type.
func request(method, path, body string) *http.Request {
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, path, nil)
	} else {
		r = httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	}
	r.Host = testHost
	r.Header.Set("Authorization", "Bearer "+testToken)
	return r
}

// response is a decoded answer.
type response struct {
	Status int
	Header http.Header
	Raw    []byte
	Body   map[string]any
}

func (e *env) serve(r *http.Request) response {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, r)
	res := response{Status: rec.Code, Header: rec.Header(), Raw: rec.Body.Bytes()}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		e.t.Fatalf("%s %s: Content-Type %q, body %s", r.Method, r.URL, ct, rec.Body.String())
	}
	if err := json.Unmarshal(res.Raw, &res.Body); err != nil {
		e.t.Fatalf("%s %s: body is not a JSON object: %v: %s", r.Method, r.URL, err, res.Raw)
	}
	return res
}

func (e *env) do(method, path, body string) response {
	e.t.Helper()
	return e.serve(request(method, path, body))
}

// want checks the status and the envelope that goes with it.
func (res response) want(t testing.TB, status int) response {
	t.Helper()
	if res.Status != status {
		t.Fatalf("status %d, want %d: %s", res.Status, status, res.Raw)
	}
	success := status < 300
	if res.Body["success"] != success {
		t.Fatalf("success = %v, want %v: %s", res.Body["success"], success, res.Raw)
	}
	if !success {
		msg, _ := res.Body["error"].(string)
		if msg == "" {
			t.Fatalf("error envelope without a message: %s", res.Raw)
		}
		if _, ok := res.Body["datos"]; ok {
			t.Fatalf("error envelope with datos: %s", res.Raw)
		}
	}
	return res
}

// data is the envelope's datos as an object.
func (res response) data(t testing.TB) map[string]any {
	t.Helper()
	d, ok := res.Body["datos"].(map[string]any)
	if !ok {
		t.Fatalf("datos is not an object: %s", res.Raw)
	}
	return d
}

// list is the envelope's datos as a list.
func (res response) list(t testing.TB) []any {
	t.Helper()
	d, ok := res.Body["datos"].([]any)
	if !ok {
		t.Fatalf("datos is not a list: %s", res.Raw)
	}
	return d
}

// fields is the envelope's errores.
func (res response) fields(t testing.TB) map[string]any {
	t.Helper()
	f, ok := res.Body["errores"].(map[string]any)
	if !ok {
		t.Fatalf("no errores in: %s", res.Raw)
	}
	return f
}

func (e *env) create(body string) map[string]any {
	e.t.Helper()
	return e.do("POST", "/api/triggers", body).want(e.t, http.StatusCreated).data(e.t)
}

// snapshot is every trigger as GET /api/triggers shows it.
func (e *env) snapshot() string {
	e.t.Helper()
	return string(e.do("GET", "/api/triggers", "").want(e.t, http.StatusOK).Raw)
}

// finished waits for the next run to finish.
func (e *env) finished() app.Execution {
	e.t.Helper()
	select {
	case ex := <-e.done:
		return ex
	case <-time.After(failAfter):
		e.t.Fatal("no run finished")
		return app.Execution{}
	}
}

func idOf(t testing.TB, obj map[string]any) int64 {
	t.Helper()
	id, ok := obj["id"].(float64)
	if !ok || id < 1 {
		t.Fatalf("no id in %v", obj)
	}
	return int64(id)
}

// gatedMailer is the mail boundary: it writes to the outbox, and when closed it
// holds each digest until open is called, so a test can catch a run in progress.
type gatedMailer struct {
	next    app.Mailer
	mu      sync.Mutex
	gate    chan struct{}
	arrived chan struct{}
}

func (m *gatedMailer) close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gate, m.arrived = make(chan struct{}), make(chan struct{}, 1)
}

func (m *gatedMailer) open() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.gate != nil {
		close(m.gate)
		m.gate = nil
	}
}

func (m *gatedMailer) SendDigest(ctx context.Context, d app.Digest) (int, error) {
	m.mu.Lock()
	gate, arrived := m.gate, m.arrived
	m.mu.Unlock()
	if gate != nil {
		arrived <- struct{}{}
		select {
		case <-gate:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return m.next.SendDigest(ctx, d)
}

// waitArrival waits until a digest reached the closed gate.
func (m *gatedMailer) waitArrival(t *testing.T) {
	t.Helper()
	m.mu.Lock()
	arrived := m.arrived
	m.mu.Unlock()
	select {
	case <-arrived:
	case <-time.After(failAfter):
		t.Fatal("no digest reached the mailer")
	}
}

// syncBuffer collects log output from concurrent goroutines.
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

var _ io.Writer = (*syncBuffer)(nil)

func newServerForTest() *http.Server { return api.NewServer("127.0.0.1:5000", http.NotFoundHandler()) }

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
