//go:build unix

package e2e

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"vigia/notify/smtptest"
)

// crashKills is how many times the crash test SIGKILLs Vigía. Each life is a
// start, a burst of requests and a kill a few milliseconds later: ~0.1 s.
const crashKills = 100

// takeoverLimit bounds how long a restarted Vigía may take to become the
// leader after its predecessor was killed. The lease's TTL is 20 s, but the
// dead holder ran on this machine, so its successor takes over at once.
const takeoverLimit = 30 * time.Second

// crashAPI is one life's client: it may outlive the process it talks to, so
// it never fails the test, only reports what was acknowledged.
type crashAPI struct {
	base, token string
	client      *http.Client
}

// post sends body and returns the status and the id in datos (0 when none).
func (c crashAPI) post(path, body string) (int, int64) {
	req, err := http.NewRequest("POST", c.base+path, strings.NewReader(body))
	if err != nil {
		return 0, 0
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, 0 // killed before it answered: not acknowledged
	}
	defer resp.Body.Close()
	var env struct {
		Datos idOnly `json:"datos"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return 0, 0 // the answer was cut short: not acknowledged
	}
	return resp.StatusCode, env.Datos.ID
}

func TestSIGKILLAtRandomMomentsLosesNoAcknowledgedRowAndLeavesNoneEnCurso(t *testing.T) {
	// given: a seeded random source, logged so a failure can be replayed
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("VIGIA_CRASH_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("VIGIA_CRASH_SEED=%q: %v", s, err)
		}
		seed = n
	}
	t.Logf("seed %d (replay: VIGIA_CRASH_SEED=%d go test -run %s ./e2e/)", seed, seed, t.Name())
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	// and: a mail server, a database and a Vigía with companies, alerts and four triggers
	mail := smtptest.Start(t, smtptest.Options{})
	dir := t.TempDir()
	db := filepath.Join(dir, "vigia.db")
	addr := freeAddr(t)
	env := map[string]string{
		"SMTP_HOST": "127.0.0.1", "SMTP_PORT": strconv.Itoa(mail.Port()), "SMTP_TLS": "none",
		"SMTP_FROM": "vigia@ejemplo.com", "VIGIA_API_TOKEN": "token-de-prueba-caidas-0123456789",
		"VIGIA_SMTP_REINTENTOS": "50ms,100ms",
	}
	start := func() *vigiaProcess {
		p := startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
		p.waitHealthy()
		return p
	}
	vigia := start()
	var company idOnly
	vigia.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &company)
	for _, title := range []string{"Declaración de IVA vencida", "Retención en la fuente pendiente"} {
		vigia.mustCall("POST", "/api/alertas", fmt.Sprintf(`{"empresa_id": %d, "titulo": %q, "prioridad": "CRITICA"}`, company.ID, title), 201, nil)
	}
	var runnable, triggers []int64
	for _, body := range []string{seedDaily, seedWeekly, seedEvery4Hours, seedDaily} {
		var tr idOnly
		vigia.mustCall("POST", "/api/triggers", body, 201, &tr)
		runnable = append(runnable, tr.ID)
		triggers = append(triggers, tr.ID)
	}
	var runs []int64
	var slowestTakeover time.Duration
	checked, kills, startupKills := 0, 0, 0

	for life := 1; kills < crashKills; life++ {
		// when: a burst of run-now requests and a trigger creation, and SIGKILL
		// a random 0-50 ms into it
		api := crashAPI{base: vigia.base, token: env["VIGIA_API_TOKEN"], client: &http.Client{Timeout: waitLimit}}
		var mu sync.Mutex
		var lifeRuns, lifeTriggers []int64
		var wg sync.WaitGroup
		for _, id := range runnable {
			wg.Go(func() {
				if code, run := api.post(fmt.Sprintf("/api/triggers/%d/ejecutar", id), ""); code == http.StatusAccepted && run > 0 {
					mu.Lock()
					lifeRuns = append(lifeRuns, run)
					mu.Unlock()
				}
			})
		}
		wg.Go(func() {
			body := fmt.Sprintf(`{"nombre": "Creado en la vida %d", "frecuencia": "diaria", "hora": "06:30", "prioridades": "CRITICA", "activo": 0}`, life)
			if code, tr := api.post("/api/triggers", body); code == http.StatusCreated && tr > 0 {
				mu.Lock()
				lifeTriggers = append(lifeTriggers, tr)
				mu.Unlock()
			}
		})
		time.Sleep(time.Duration(rng.IntN(51)) * time.Millisecond) // the random moment of the kill, not a wait for a schedule
		vigia.kill()
		kills++
		wg.Wait()
		runs = append(runs, lifeRuns...)
		triggers = append(triggers, lifeTriggers...)

		// and, one life in four: its successor is killed too, 0-30 ms into its
		// start-up (opening the database, taking the lease, interrupting rows)
		if rng.IntN(4) == 0 && kills < crashKills {
			early := startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
			time.Sleep(time.Duration(rng.IntN(31)) * time.Millisecond) // the random moment of the kill
			early.kill()
			kills++
			startupKills++
		}

		// then: the restarted Vigía takes over at once (the dead holder ran on
		// this machine), leaves nothing en_curso, and has every row and trigger
		// the killed one acknowledged
		restarted := time.Now()
		vigia = start()
		vigia.waitRole("lider", takeoverLimit)
		slowestTakeover = max(slowestTakeover, time.Since(restarted))
		vigia.waitNoneEnCurso()
		for _, id := range lifeRuns {
			run := vigia.waitFinished(id)
			if run.Origen != "manual" {
				t.Errorf("life %d: run %d = %+v, want a manual run", life, id, run)
			}
			checked++
		}
		for _, id := range lifeTriggers {
			vigia.mustCall("GET", fmt.Sprintf("/api/triggers/%d", id), "", 200, nil)
		}
		if t.Failed() {
			t.Fatalf("life %d (%d kills) failed (seed %d)", life, kills, seed)
		}
	}

	// when: the last Vigía stops cleanly
	vigia.waitNoneEnCurso()
	if code := vigia.stop(); code != 0 {
		t.Fatalf("clean stop: exit code %d\n%s", code, vigia.stderr.String())
	}

	// then: the database is intact and holds every acknowledged row and trigger, none en_curso
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var integrity string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("PRAGMA integrity_check = %q, %v; want ok", integrity, err)
	}
	states := map[int64]string{}
	// Digests are told apart by Message-ID: "vigia.e<execution>@domain" for a
	// manual run, "vigia.t<trigger>.<slot in Unix seconds>@domain" for a slot.
	type group struct{ rows, sent int }
	groups := map[string]*group{}
	rows, err := conn.Query("SELECT id, trigger_id, programada_para, estado, origen, notificaciones FROM executions")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, trigger, slotMS int64
		var state, origin string
		var notified int
		if err := rows.Scan(&id, &trigger, &slotMS, &state, &origin, &notified); err != nil {
			t.Fatal(err)
		}
		states[id] = state
		key := fmt.Sprintf("t%d.%d", trigger, slotMS/1000)
		if origin == "manual" {
			key = fmt.Sprintf("e%d", id)
		}
		if groups[key] == nil {
			groups[key] = &group{}
		}
		groups[key].rows++
		if state == "exitoso" && notified > 0 {
			groups[key].sent++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	byState := map[string]int{}
	for _, id := range runs {
		state, ok := states[id]
		if !ok {
			t.Errorf("acknowledged run %d is not in the database", id)
		}
		byState[state]++
	}
	for id, state := range states {
		if state == "en_curso" {
			t.Errorf("run %d is still en_curso after a clean stop", id)
		}
	}
	for _, id := range triggers {
		var n int
		if err := conn.QueryRow("SELECT COUNT(*) FROM triggers WHERE id = ?", id).Scan(&n); err != nil || n != 1 {
			t.Errorf("acknowledged trigger %d: %d rows (%v), want 1", id, n, err)
		}
	}
	var counted int
	if err := conn.QueryRow("SELECT COALESCE(SUM(n), 0) FROM execution_counts WHERE trigger_id = 0").Scan(&counted); err != nil || counted != len(states) {
		t.Errorf("history counters say %d rows (%v), the table has %d", counted, err, len(states))
	}

	// and: no run's digest went out twice, and every run recorded as sent was received
	msgs := mail.Messages()
	received := map[string]int{}
	for _, m := range msgs {
		id := messageID(m.Data)
		key := strings.TrimPrefix(strings.SplitN(strings.Trim(id, "<>"), "@", 2)[0], "vigia.")
		if groups[key] == nil {
			t.Errorf("message %s matches no run in the history", id)
			continue
		}
		received[key]++
	}
	sent := 0
	for key, g := range groups {
		sent += g.sent
		if n := received[key]; n < g.sent || n > g.rows {
			t.Errorf("digest %s: %d e-mails received for %d runs recorded as sent and %d runs in all", key, n, g.sent, g.rows)
		}
	}

	keys := make([]string, 0, len(byState))
	for k := range byState {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var summary []string
	for _, k := range keys {
		summary = append(summary, fmt.Sprintf("%s %d", k, byState[k]))
	}
	t.Logf("crash test: %d SIGKILLs survived (%d during start-up); %d acknowledged runs checked after their restart (%s), %d rows in the history; "+
		"%d acknowledged triggers kept; %d e-mails received, %d runs recorded as sent; slowest restart to leader %v; integrity_check ok",
		kills, startupKills, checked, strings.Join(summary, ", "), len(states), len(triggers), len(msgs), sent, slowestTakeover.Round(time.Millisecond))
}

// waitNoneEnCurso polls the history until no row is en_curso: rows a killed
// process left are interrumpida once this one leads, and its own runs end.
func (p *vigiaProcess) waitNoneEnCurso() {
	p.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		var page struct {
			Total       int              `json:"total"`
			Ejecuciones []executionDatos `json:"ejecuciones"`
		}
		p.mustCall("GET", "/api/triggers/ejecuciones?estado=en_curso", "", 200, &page)
		if page.Total == 0 {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%d rows still en_curso after %v: %+v", page.Total, waitLimit, page.Ejecuciones)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// messageID is the Message-ID header of a raw message, "" when it has none.
func messageID(data []byte) string {
	head, _, _ := bytes.Cut(data, []byte("\r\n\r\n"))
	for _, line := range strings.Split(string(head), "\r\n") {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(name, "Message-ID") {
			return strings.TrimSpace(value)
		}
	}
	return ""
}
