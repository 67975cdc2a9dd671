//go:build unix

package e2e

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vigia/notify"
	"vigia/notify/smtptest"
)

// The end-to-end tests build the nogui binary once per test binary, with the
// command CI uses, and drive it as a user would: flags, environment, HTTP,
// signals, and the console.

// rule is the seed's separator line, around the banner and each run's block.
var rule = strings.Repeat("=", 60)

// waitLimit bounds every wait for the process: start-up, a run, a shutdown.
const waitLimit = 60 * time.Second

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// vigiaBinary returns the path of the nogui binary, building it on first use.
func vigiaBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the binary")
	}
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "vigia-e2e-"); buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "vigia")
		buildErr = goBuild(binPath, "nogui", "0")
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// goBuild builds the program (the module's root package) at out with the
// build tags and cgo setting given.
func goBuild(out, tags, cgo string) error {
	cmd := exec.Command("go", "build", "-tags", tags, "-o", out, "vigia")
	cmd.Env = append(os.Environ(), "CGO_ENABLED="+cgo)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build -tags %s: %v\n%s", tags, err, msg)
	}
	return nil
}

// freeAddr returns a loopback address whose port was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// syncBuffer is a bytes.Buffer the process writes while the test reads.
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

// vigiaProcess is one running Vigía.
type vigiaProcess struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdout syncBuffer
	stderr syncBuffer
	done   chan struct{} // closed when the process has exited
	err    error         // of Wait, once done
	base   string        // http://addr
	token  string
}

// startVigia runs the binary in dir (so no stray .env is read) with only the
// given environment.
func startVigia(t *testing.T, dir string, env map[string]string, args ...string) *vigiaProcess {
	t.Helper()
	return startBinary(t, vigiaBinary(t), dir, env, args...)
}

// startBinary is startVigia with the program given (the desktop build).
func startBinary(t *testing.T, bin, dir string, env map[string]string, args ...string) *vigiaProcess {
	t.Helper()
	p := &vigiaProcess{t: t, done: make(chan struct{}), token: env["VIGIA_API_TOKEN"]}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Dir = dir
	p.cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	for k, v := range env {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	for i, a := range args {
		if a == "--addr" && i+1 < len(args) {
			p.base = "http://" + args[i+1]
		}
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start vigia: %v", err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// exitCode waits for the process to end by itself.
func (p *vigiaProcess) exitCode() int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(waitLimit):
		// SIGQUIT makes the Go runtime print every goroutine: where it hangs.
		p.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
		}
		p.t.Fatalf("vigia did not exit within %v\nstdout:\n%s\nstderr:\n%s", waitLimit, p.stdout.String(), p.stderr.String())
	}
	var exit *exec.ExitError
	if errors.As(p.err, &exit) {
		return exit.ExitCode()
	}
	if p.err != nil {
		p.t.Fatalf("wait: %v", p.err)
	}
	return 0
}

// stop sends SIGTERM and returns the exit code.
func (p *vigiaProcess) stop() int {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatalf("SIGTERM: %v", err)
	}
	return p.exitCode()
}

// waitHealthy polls /api/salud until it answers, failing if the process
// exits, then waits for the start-up block to come through the console pipe
// (the API may answer a moment before the pipe delivers it).
func (p *vigiaProcess) waitHealthy() {
	p.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			p.t.Fatalf("vigia exited while starting (%v)\nstdout:\n%s\nstderr:\n%s", p.err, p.stdout.String(), p.stderr.String())
		default:
		}
		resp, err := http.Get(p.base + "/api/salud")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				p.waitOutput("INFO: Base de datos: ")
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	p.t.Fatalf("vigia did not answer /api/salud within %v\nstdout:\n%s", waitLimit, p.stdout.String())
}

// waitAPIClosed polls until the API refuses connections (the HTTP server has
// stopped), failing if it keeps answering.
func (p *vigiaProcess) waitAPIClosed() {
	p.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(p.base + "/api/salud")
		if err != nil {
			return
		}
		resp.Body.Close()
		time.Sleep(25 * time.Millisecond)
	}
	p.t.Fatalf("the API still answers %v after SIGTERM", waitLimit)
}

// waitOutput polls the console until it contains s.
func (p *vigiaProcess) waitOutput(s string) string {
	p.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if out := p.stdout.String(); strings.Contains(out, s) {
			return out
		}
		time.Sleep(25 * time.Millisecond)
	}
	p.t.Fatalf("console lacks %q after %v:\n%s", s, waitLimit, p.stdout.String())
	return ""
}

// envelope is the API's response body.
type envelope struct {
	Success bool              `json:"success"`
	Datos   json.RawMessage   `json:"datos"`
	Message string            `json:"message"`
	Error   string            `json:"error"`
	Errores map[string]string `json:"errores"`
}

// call sends body (a JSON string, or "" for none) with the token and returns
// the status and the decoded envelope; into, when given, receives datos.
func (p *vigiaProcess) call(method, path, body string, into any) (int, envelope) {
	p.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, p.base+path, r)
	if err != nil {
		p.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if p.token != "" {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var env envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		p.t.Fatalf("%s %s: decode: %v", method, path, err)
	}
	if into != nil && len(env.Datos) > 0 {
		if err := json.Unmarshal(env.Datos, into); err != nil {
			p.t.Fatalf("%s %s: decode datos %s: %v", method, path, env.Datos, err)
		}
	}
	return resp.StatusCode, env
}

// mustCall is call that fails the test on an unexpected status.
func (p *vigiaProcess) mustCall(method, path, body string, want int, into any) envelope {
	p.t.Helper()
	status, env := p.call(method, path, body, into)
	if status != want {
		p.t.Fatalf("%s %s = %d %+v, want %d", method, path, status, env, want)
	}
	return env
}

// The seed's three create examples, verbatim (shared with the API tests).
var (
	seedDaily       = readSeed("trigger_diaria.json")
	seedWeekly      = readSeed("trigger_semanal.json")
	seedEvery4Hours = readSeed("trigger_personalizada.json")
)

func readSeed(name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", "seed", name))
	if err != nil {
		panic(err)
	}
	return string(b)
}

type idOnly struct {
	ID int64 `json:"id"`
}

type statusDatos struct {
	Running   bool    `json:"running"`
	Pausado   bool    `json:"pausado"`
	Rol       string  `json:"rol"`
	Lider     *string `json:"lider"`
	TotalJobs int     `json:"total_jobs"`
	Jobs      []struct {
		ID      string  `json:"id"`
		Name    string  `json:"name"`
		NextRun *string `json:"next_run"`
	} `json:"jobs"`
}

type executionDatos struct {
	ID            int64    `json:"id"`
	TriggerID     int64    `json:"trigger_id"`
	Programada    string   `json:"programada_para"`
	Estado        string   `json:"estado"`
	Origen        string   `json:"origen"`
	Intentos      int      `json:"intentos"`
	Empresas      int      `json:"empresas_con_alertas"`
	TotalAlertas  int      `json:"total_alertas"`
	Destinatarios []string `json:"destinatarios"`
	Notificadas   int      `json:"notificaciones"`
	Error         *string  `json:"error"`
}

func TestHeadlessBinaryMailsTheDigestKeepsHistoryAndTriggersAcrossRestarts(t *testing.T) {
	// given: an SMTP server, an empty data directory and a running Vigía
	mail := smtptest.Start(t, smtptest.Options{})
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "facturacion.db")
	addr := freeAddr(t)
	env := map[string]string{
		"SMTP_HOST":       "127.0.0.1",
		"SMTP_PORT":       strconv.Itoa(mail.Port()),
		"SMTP_TLS":        "none",
		"SMTP_FROM":       "vigia@ejemplo.com",
		"VIGIA_API_TOKEN": "token-de-prueba-e2e-0123456789",
	}
	vigia := startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
	vigia.waitHealthy()
	out := vigia.stdout.String()
	for _, want := range []string{
		rule + "\n🚀 INICIANDO SCHEDULER AUTOMÁTICO DE TRIGGERS\n" + rule + "\n",
		"INFO: Cargando 0 triggers activos...\n",
		"INFO: ✓ Scheduler iniciado correctamente\n",
		"INFO: API escuchando en http://" + addr + "\n",
		"INFO: Token de la API tomado de VIGIA_API_TOKEN\n",
		fmt.Sprintf("INFO: Correo: SMTP 127.0.0.1:%d (sin TLS)\n", mail.Port()),
		"INFO: Zona horaria: America/Bogota\n",
		"INFO: Base de datos: " + db + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("start-up console lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, env["VIGIA_API_TOKEN"]) {
		t.Error("the console shows the API token")
	}

	// and: two companies with open alerts, one resolved and one of a priority the trigger ignores
	var andina, pacifico idOnly
	vigia.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &andina)
	vigia.mustCall("POST", "/api/empresas", `{"nombre": "Distribuidora Pacífico Ltda.", "nit": "800765432-3"}`, 201, &pacifico)
	alert := func(company int64, title, priority string) int64 {
		var a idOnly
		body := fmt.Sprintf(`{"empresa_id": %d, "titulo": %q, "detalle": "Revisar", "prioridad": %q}`, company, title, priority)
		vigia.mustCall("POST", "/api/alertas", body, 201, &a)
		return a.ID
	}
	alert(andina.ID, "Declaración de IVA vencida", "CRITICA")
	alert(andina.ID, "Retención en la fuente pendiente", "CRITICA")
	alert(pacifico.ID, "Renovar matrícula mercantil", "ALTA")
	alert(pacifico.ID, "Archivar facturas de 2023", "BAJA")
	resolved := alert(pacifico.ID, "Pago de ICA", "CRITICA")
	vigia.mustCall("POST", fmt.Sprintf("/api/alertas/%d/resolver", resolved), "", 200, nil)

	// and: the seed's three triggers, armed at once
	var daily, weekly, hourly idOnly
	vigia.mustCall("POST", "/api/triggers", seedDaily, 201, &daily)
	vigia.mustCall("POST", "/api/triggers", seedWeekly, 201, &weekly)
	vigia.mustCall("POST", "/api/triggers", seedEvery4Hours, 201, &hourly)
	var status statusDatos
	vigia.mustCall("GET", "/api/triggers/scheduler/status", "", 200, &status)
	if !status.Running || status.TotalJobs != 3 {
		t.Fatalf("status = %+v, want running with 3 jobs", status)
	}

	// when: the daily trigger is run now
	var started executionDatos
	vigia.mustCall("POST", fmt.Sprintf("/api/triggers/%d/ejecutar", daily.ID), "", 202, &started)

	// then: its history row ends exitoso with the digest's metrics
	var run executionDatos
	deadline := time.Now().Add(waitLimit)
	for run.Estado == "" || run.Estado == "en_curso" {
		if time.Now().After(deadline) {
			t.Fatalf("run %d still %q after %v", started.ID, run.Estado, waitLimit)
		}
		time.Sleep(25 * time.Millisecond)
		vigia.mustCall("GET", fmt.Sprintf("/api/triggers/ejecuciones/%d", started.ID), "", 200, &run)
	}
	if run.Estado != "exitoso" || run.Origen != "manual" || run.Empresas != 2 || run.TotalAlertas != 3 ||
		run.Notificadas != 3 || strings.Join(run.Destinatarios, ",") != "admin@ejemplo.com" {
		t.Errorf("run = %+v, want exitoso/manual, 2 companies, 3 alerts, 3 notified, to admin@ejemplo.com", run)
	}

	// and: the SMTP server received the digest for the trigger's recipient
	msgs := mail.WaitMessages(t, 1, waitLimit)
	if len(msgs) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(msgs))
	}
	if msgs[0].From != "vigia@ejemplo.com" || strings.Join(msgs[0].To, ",") != "admin@ejemplo.com" {
		t.Errorf("envelope from %q to %v, want vigia@ejemplo.com to admin@ejemplo.com", msgs[0].From, msgs[0].To)
	}
	parsed, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if want := "[Vigía] Notificación Diaria: 3 alertas (2 críticas)"; parsed.Subject != want {
		t.Errorf("subject = %q, want %q", parsed.Subject, want)
	}
	for _, want := range []string{"Comercial Andina S.A.S.", "Declaración de IVA vencida", "Renovar matrícula mercantil"} {
		if !strings.Contains(parsed.Text, want) || !strings.Contains(parsed.HTML, want) {
			t.Errorf("digest lacks %q in its text or HTML part", want)
		}
	}
	for _, unwanted := range []string{"Archivar facturas", "Pago de ICA"} {
		if strings.Contains(parsed.Text, unwanted) {
			t.Errorf("digest has %q, which the trigger does not report", unwanted)
		}
	}

	// and: the console shows the seed's execution block, whole
	out = vigia.waitOutput("FIN EJECUCIÓN TRIGGER ID: 1\n" + rule + "\n")
	block := `============================================================
EJECUTANDO TRIGGER ID: 1
============================================================
INFO: Trigger: Notificación Diaria
INFO: Destinatarios: admin@ejemplo.com
INFO: Prioridades: CRITICA, ALTA
INFO: ✓ Empresas con alertas: 2
INFO: ✓ Total alertas: 3
INFO: ⏳ Enviando notificaciones...
INFO: ✅ Email enviado exitosamente
INFO:    Destinatarios: 1
INFO:    Notificaciones: 3
INFO: ✓ Ejecución registrada en historial
============================================================
FIN EJECUCIÓN TRIGGER ID: 1
============================================================
`
	if !strings.Contains(out, block) {
		t.Errorf("console lacks the execution block:\n%s", out)
	}

	// when: SIGTERM
	code := vigia.stop()

	// then: a clean stop
	if code != 0 || !strings.HasSuffix(vigia.stdout.String(), "INFO: Vigía detenido\n") {
		t.Fatalf("exit code %d, console:\n%s\nstderr:\n%s", code, vigia.stdout.String(), vigia.stderr.String())
	}

	// when: Vigía starts again on the same database
	again := startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
	again.waitHealthy()

	// then: every trigger is loaded, armed and listed, and the history is kept
	out = again.stdout.String()
	for _, want := range []string{
		"INFO: Cargando 3 triggers activos...\n",
		"INFO:   • Notificación Diaria: Diaria a las 08:00\n",
		"INFO:   • Reporte Semanal: Semanal (lunes, viernes) a las 15:00\n",
		"INFO:   • Monitoreo Cada 4 Horas: Cada 4 horas\n",
		"INFO: ✓ 3 triggers programados\n",
		"INFO:   Trabajos programados: 3\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console after restart lacks %q:\n%s", want, out)
		}
	}
	var triggers []struct {
		ID     int64  `json:"id"`
		Nombre string `json:"nombre"`
		Activo bool   `json:"activo"`
	}
	again.mustCall("GET", "/api/triggers", "", 200, &triggers)
	var names []string
	for _, tr := range triggers {
		names = append(names, tr.Nombre)
	}
	if got := strings.Join(names, " | "); got != "Notificación Diaria | Reporte Semanal | Monitoreo Cada 4 Horas" {
		t.Errorf("triggers after restart = %q", got)
	}
	status = statusDatos{}
	again.mustCall("GET", "/api/triggers/scheduler/status", "", 200, &status)
	jobs := map[string]bool{}
	for _, j := range status.Jobs {
		jobs[j.ID] = j.NextRun != nil
	}
	for _, id := range []int64{daily.ID, weekly.ID, hourly.ID} {
		if !jobs[fmt.Sprintf("trigger_%d", id)] {
			t.Errorf("status after restart lacks trigger_%d with a next run: %+v", id, status)
		}
	}
	var history struct {
		Total       int              `json:"total"`
		Ejecuciones []executionDatos `json:"ejecuciones"`
	}
	again.mustCall("GET", "/api/triggers/ejecuciones", "", 200, &history)
	if history.Total != 1 || history.Ejecuciones[0].Estado != "exitoso" {
		t.Errorf("history after restart = %+v, want the one exitoso run", history)
	}
	if code := again.stop(); code != 0 {
		t.Errorf("second stop: exit code %d", code)
	}
}

func TestFirstStartWithoutATokenCreatesA0600TokenFileAndUsesTheOutbox(t *testing.T) {
	// given: no VIGIA_API_TOKEN and no SMTP settings
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "datos")
	addr := freeAddr(t)

	// when
	vigia := startVigia(t, dir, map[string]string{}, "--headless", "--addr", addr, "--db", filepath.Join(dataDir, "vigia.db"))
	vigia.waitHealthy()

	// then: the token file exists, private, with 32 random bytes in hex
	path := filepath.Join(dataDir, "api-token")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("token file: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("token file mode = %v, want 0600", info.Mode().Perm())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(string(raw))
	if b, err := hex.DecodeString(token); err != nil || len(b) != 32 {
		t.Errorf("token %q is not 32 hex-encoded bytes", token)
	}

	// and: the console says where the token and the digests are, never the token
	// (the pipe may deliver the banner a moment after the API answers)
	vigia.waitOutput("INFO: Token de la API en " + path + "\n")
	out := vigia.waitOutput("INFO: Correo: sin SMTP configurado, los resúmenes se guardan en " + filepath.Join(dataDir, "outbox") + "\n")
	if strings.Contains(out, token) {
		t.Error("the console shows the API token")
	}

	// and: the API takes that token and refuses a request without it, saying where it is
	status, env := vigia.call("GET", "/api/triggers", "", nil)
	if status != http.StatusUnauthorized || !strings.Contains(env.Error, path) {
		t.Errorf("without token: %d %q, want 401 naming %s", status, env.Error, path)
	}
	vigia.token = token
	vigia.mustCall("GET", "/api/triggers", "", 200, nil)

	if code := vigia.stop(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

func TestBadStartsExitWithSpanishMessagesAndTouchNothing(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()

	cases := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantErr  string
	}{
		{"remote address without --allow-remote", []string{"--addr", "0.0.0.0:5000"}, nil, 2, "no es local"},
		{"--allow-remote without a token", []string{"--addr", "0.0.0.0:5000", "--allow-remote"}, nil, 2, "exige definir VIGIA_API_TOKEN"},
		{"bad default recipients", nil, map[string]string{"EMAIL_DESTINATARIOS": "admin@ejemplo"}, 2, "EMAIL_DESTINATARIOS inválido"},
		{"unknown zone", nil, map[string]string{"VIGIA_TZ": "Marte/Olympus"}, 2, "VIGIA_TZ inválido"},
		{"bad SMTP retry waits", nil, map[string]string{"VIGIA_SMTP_REINTENTOS": "10s,luego"}, 2, "VIGIA_SMTP_REINTENTOS inválido"},
		{"unknown flag", []string{"--puerto", "80"}, nil, 2, "opción desconocida"},
		{"port in use", []string{"--addr", busy.Addr().String()}, nil, 1, "no se pudo escuchar en " + busy.Addr().String()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// given
			dir := t.TempDir()
			db := filepath.Join(dir, "data", "vigia.db")

			// when
			vigia := startVigia(t, dir, tc.env, append([]string{"--headless", "--db", db}, tc.args...)...)
			code := vigia.exitCode()

			// then
			if code != tc.wantCode || !strings.HasPrefix(vigia.stderr.String(), "ERROR: ") || !strings.Contains(vigia.stderr.String(), tc.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, vigia.stderr.String(), tc.wantCode, tc.wantErr)
			}
			if _, err := os.Stat(filepath.Dir(db)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the data directory was created (stat: %v)", err)
			}
		})
	}
}

// holdingProxy forwards TCP connections to target, but holds each one until
// release is called: a mail server that is slow to answer.
func holdingProxy(t *testing.T, target string) (addr string, connected <-chan struct{}, release func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conn := make(chan struct{}, 1)
	gate := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				select {
				case conn <- struct{}{}:
				default:
				}
				<-gate
				up, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer up.Close()
				go func() {
					io.Copy(up, c)
					up.Close() // the client left: end the server's side too
				}()
				io.Copy(c, up)
			}()
		}
	}()
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(func() {
		release()
		ln.Close()
		wg.Wait()
	})
	return ln.Addr().String(), conn, release
}

// heldRun is a Vigía whose only run is stuck in the mail server: a proxy in
// front of an in-process SMTP server holds the connection until release.
type heldRun struct {
	vigia   *vigiaProcess
	mail    *smtptest.Server
	release func()
	started executionDatos
	restart func() *vigiaProcess // another Vigía on the same database
}

// startHeldRun starts Vigía (with extraEnv), creates a company, a CRITICA alert
// and the seed's daily trigger, runs it now and waits until its digest is at
// the held mail server.
func startHeldRun(t *testing.T, extraEnv map[string]string) heldRun {
	t.Helper()
	mail := smtptest.Start(t, smtptest.Options{})
	proxy, connected, release := holdingProxy(t, mail.Addr())
	_, proxyPort, _ := net.SplitHostPort(proxy)
	dir := t.TempDir()
	db := filepath.Join(dir, "vigia.db")
	addr := freeAddr(t)
	env := map[string]string{
		"SMTP_HOST": "127.0.0.1", "SMTP_PORT": proxyPort, "SMTP_TLS": "none",
		"SMTP_FROM": "vigia@ejemplo.com", "VIGIA_API_TOKEN": "token-de-prueba-cierre-0123456789",
	}
	maps.Copy(env, extraEnv)
	start := func() *vigiaProcess {
		p := startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
		p.waitHealthy()
		return p
	}
	h := heldRun{vigia: start(), mail: mail, release: release, restart: start}
	var company, trigger idOnly
	h.vigia.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &company)
	h.vigia.mustCall("POST", "/api/alertas", fmt.Sprintf(`{"empresa_id": %d, "titulo": "IVA", "prioridad": "CRITICA"}`, company.ID), 201, nil)
	h.vigia.mustCall("POST", "/api/triggers", seedDaily, 201, &trigger)
	h.vigia.mustCall("POST", fmt.Sprintf("/api/triggers/%d/ejecutar", trigger.ID), "", 202, &h.started)
	select {
	case <-connected:
	case <-time.After(waitLimit):
		t.Fatal("Vigía never connected to the mail server")
	}
	return h
}

func TestSIGTERMLetsTheRunningDigestFinishAndRecordsIt(t *testing.T) {
	// given: a Vigía whose mail server holds the connection, and a trigger with an alert
	h := startHeldRun(t, nil)
	vigia, mail, release, started := h.vigia, h.mail, h.release, h.started

	// when: SIGTERM arrives while the digest is being sent, and the server then answers
	if err := vigia.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	vigia.waitOutput("INFO: Deteniendo Vigía")
	vigia.waitAPIClosed()
	select {
	case <-vigia.done:
		t.Fatalf("Vigía exited before the digest was sent:\n%s", vigia.stdout.String())
	default:
	}
	release()
	code := vigia.exitCode()

	// then: the digest went out, the block was printed, and Vigía stopped cleanly
	if code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, vigia.stdout.String(), vigia.stderr.String())
	}
	if msgs := mail.Messages(); len(msgs) != 1 {
		t.Errorf("%d messages delivered, want 1", len(msgs))
	}
	out := vigia.stdout.String()
	if !strings.Contains(out, "INFO: ✅ Email enviado exitosamente\n") || !strings.HasSuffix(out, "INFO: Vigía detenido\n") {
		t.Errorf("console:\n%s", out)
	}

	// and: the history row was finalised exitoso
	again := h.restart()
	var run executionDatos
	again.mustCall("GET", fmt.Sprintf("/api/triggers/ejecuciones/%d", started.ID), "", 200, &run)
	if run.Estado != "exitoso" || run.Notificadas != 1 {
		t.Errorf("run after restart = %+v, want exitoso with 1 notification", run)
	}
	again.stop()
}

func TestSIGTERMPastTheStopTimeoutFinalisesTheRunningDigestInterrumpida(t *testing.T) {
	// given: a Vigía with a one-second stop timeout whose mail server never answers
	h := startHeldRun(t, map[string]string{"VIGIA_STOP_TIMEOUT": "1s"})
	vigia, mail, started := h.vigia, h.mail, h.started

	// when: SIGTERM arrives while the digest is being sent, and the server never answers
	signalled := time.Now()
	if err := vigia.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code := vigia.exitCode()
	took := time.Since(signalled)

	// then: Vigía cancelled the send after the stop timeout, not after the
	// SMTP session's own 30 s, said so, and stopped cleanly without a message going out
	if code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, vigia.stdout.String(), vigia.stderr.String())
	}
	t.Logf("stopped %v after SIGTERM", took)
	if took >= notify.DefaultTimeout {
		t.Errorf("Vigía took %v to stop with a 1 s stop timeout", took)
	}
	out := vigia.stdout.String()
	if !strings.Contains(out, "WARNING: tiempo de cierre agotado") || !strings.HasSuffix(out, "INFO: Vigía detenido\n") {
		t.Errorf("console:\n%s", out)
	}
	if msgs := mail.Messages(); len(msgs) != 0 {
		t.Errorf("%d messages delivered, want none", len(msgs))
	}

	// and: the history row was finalised interrumpida by the stopping process itself
	again := h.restart()
	var run executionDatos
	again.mustCall("GET", fmt.Sprintf("/api/triggers/ejecuciones/%d", started.ID), "", 200, &run)
	if run.Estado != "interrumpida" || run.Error == nil || !strings.Contains(*run.Error, "cierre de Vigía") {
		t.Errorf("run after restart = %+v, want interrumpida by the shutdown", run)
	}
	again.stop()
}

// kill sends SIGKILL and waits until the process is gone (and reaped, so its
// PID no longer looks alive to a successor).
func (p *vigiaProcess) kill() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		p.t.Fatalf("SIGKILL: %v", err)
	}
	select {
	case <-p.done:
	case <-time.After(waitLimit):
		p.t.Fatalf("vigia survived SIGKILL for %v", waitLimit)
	}
}

// status is the scheduler status the process reports.
func (p *vigiaProcess) status() statusDatos {
	p.t.Helper()
	var st statusDatos
	p.mustCall("GET", "/api/triggers/scheduler/status", "", 200, &st)
	return st
}

// waitRole polls the status until the process reports role, and returns
// that status and how long it took; it fails after limit.
func (p *vigiaProcess) waitRole(role string, limit time.Duration) (statusDatos, time.Duration) {
	p.t.Helper()
	start := time.Now()
	for {
		st := p.status()
		if st.Rol == role {
			return st, time.Since(start)
		}
		if time.Since(start) > limit {
			p.t.Fatalf("role still %q after %v, want %q\nstdout:\n%s", st.Rol, limit, role, p.stdout.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitFinished polls a history row until it leaves en_curso.
func (p *vigiaProcess) waitFinished(id int64) executionDatos {
	p.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		var run executionDatos
		p.mustCall("GET", fmt.Sprintf("/api/triggers/ejecuciones/%d", id), "", 200, &run)
		if run.Estado != "en_curso" {
			return run
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("run %d still en_curso after %v", id, waitLimit)
		}
		time.Sleep(25 * time.Millisecond)
	}
}
