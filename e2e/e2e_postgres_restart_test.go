//go:build linux

package e2e

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vigia/notify/smtptest"
)

// burstTriggers is how many triggers the run-now burst runs over (one run
// of a trigger at a time: a trigger already running answers 409).
const burstTriggers = 16

// TestRestartingPostgreSQLInABurstOfRunsLosesNothingSendsNothingTwiceAndTheSchedulerClaimsAgain
// restarts the test's own PostgreSQL server (never the shared one) while
// clients ask for runs on demand as fast as Vigía takes them. During the
// outage the API answers 503 with a Spanish message naming the server; after
// it, without restarting Vigía, the acknowledged runs end, none is sent twice,
// and triggers armed before the outage are claimed and sent at their slot,
// the next whole minute at least 25 s away (~55 s on average).
func TestRestartingPostgreSQLInABurstOfRunsLosesNothingSendsNothingTwiceAndTheSchedulerClaimsAgain(t *testing.T) {
	// given: a server of this test's own, a mail server and a leading Vigía on it
	vigiaBinary(t)
	pg := startPGCluster(t)
	mail := smtptest.Start(t, smtptest.Options{})
	env := pgEnv(pg.url("vigia"), mail.Port(), "token-de-prueba-reinicio-0123456789")
	loc, err := time.LoadLocation(env["VIGIA_TZ"])
	if err != nil {
		t.Fatal(err)
	}
	vigia := startVigia(t, t.TempDir(), env, "--headless", "--addr", freeAddr(t))
	vigia.waitHealthy()
	vigia.waitRole("lider", takeoverLimit)

	// and: an alert, inactive triggers to run on demand, and active ones due at one slot
	var company idOnly
	vigia.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &company)
	vigia.mustCall("POST", "/api/alertas", fmt.Sprintf(`{"empresa_id": %d, "titulo": "IVA", "prioridad": "CRITICA"}`, company.ID), 201, nil)
	var burst, slotted []int64
	for i := range burstTriggers {
		var tr idOnly
		body := fmt.Sprintf(`{"nombre": "A pedido %d", "frecuencia": "diaria", "hora": "06:30", "destinatarios": "admin@ejemplo.com", "prioridades": "CRITICA", "activo": 0}`, i+1)
		vigia.mustCall("POST", "/api/triggers", body, 201, &tr)
		burst = append(burst, tr.ID)
	}
	slot := nextMinute(loc, 25*time.Second)
	for i := range 4 {
		var tr idOnly
		vigia.mustCall("POST", "/api/triggers", dailyAt(fmt.Sprintf("Tras el reinicio %d", i+1), slot), 201, &tr)
		slotted = append(slotted, tr.ID)
	}
	waitArmed(t, vigia, map[time.Time][]int64{slot: slotted}, time.Now())

	// when: a burst of run-now requests, and the server restarted in its middle
	b := startRunBurst(vigia, burst)
	b.waitAcknowledged(t, 10)
	pg.stop()
	stopped := time.Now()

	// then: while the server is down, reads and writes answer 503 in Spanish, naming the server
	for _, req := range [][2]string{
		{"GET", "/api/triggers"},
		{"GET", "/api/triggers/ejecuciones"},
		{"POST", "/api/empresas"},
	} {
		body := ""
		if req[0] == "POST" {
			body = `{"nombre": "Durante la caída"}`
		}
		status, env := vigia.call(req[0], req[1], body, nil)
		if status != http.StatusServiceUnavailable || env.Success || !strings.Contains(env.Error, pg.server()) {
			t.Errorf("%s %s with the server down = %d %+v, want 503 naming %s", req[0], req[1], status, env, pg.server())
		}
		if !strings.Contains(env.Error, "servidor") {
			t.Errorf("%s %s: the 503's message %q is not the Spanish one", req[0], req[1], env.Error)
		}
	}
	time.Sleep(2 * time.Second) // the outage: the burst goes on against a server that is away
	pg.start()
	outage := time.Since(stopped)

	// and: Vigía works again by itself, without a restart
	back := waitStatus(t, vigia, "GET", "/api/triggers", 200)
	b.waitAcknowledged(t, b.acknowledged()+10)
	acked, refused := b.stop()
	if time.Until(slot) < 3*time.Second {
		t.Fatalf("the restart ended %v before the slot: too late to tell a claim after it", time.Until(slot))
	}

	// and: every acknowledged run ends (a final state, or interrumpida)
	finals := map[string]bool{"exitoso": true, "fallido": true, "omitida": true, "interrumpida": true}
	states := map[string]int{}
	for _, id := range acked {
		run := vigia.waitFinished(id)
		if !finals[run.Estado] || run.Origen != "manual" {
			t.Errorf("acknowledged run %d = %+v, want a final state, manual", id, run)
		}
		states[run.Estado]++
	}

	// when: the slot armed before the outage comes (the runs on demand have
	// all ended, so their e-mails are all in)
	mail.WaitMessages(t, len(mail.Messages())+len(slotted), time.Until(slot)+waitLimit)
	for _, id := range slotted {
		run := oneScheduledRun(t, vigia, id, slot)
		if run = vigia.waitFinished(run.ID); run.Estado != "exitoso" {
			t.Errorf("trigger %d's slot run = %+v, want exitoso", id, run)
		}
	}
	time.Sleep(2 * time.Second) // grace: a wrong second send would show up now
	vigia.waitNoneEnCurso()

	// then: the history is whole and no digest went out twice
	history := checkPGHistory(t, pg.url("vigia"), acked)
	sent := digestsByKey(mail.Messages())
	for key, n := range sent {
		g, ok := history[key]
		if !ok {
			t.Errorf("digest %s matches no run in the history", key)
		} else if n > 1 {
			t.Errorf("digest %s sent %d times", key, n)
		} else if g.state != "exitoso" && g.state != "interrumpida" {
			t.Errorf("digest %s was sent, but its run is %s", key, g.state)
		}
	}
	for key, g := range history {
		if g.state == "exitoso" && g.notified > 0 && sent[key] != 1 {
			t.Errorf("run %s is recorded as sent, but %d e-mails arrived", key, sent[key])
		}
	}
	for _, id := range slotted {
		if key := fmt.Sprintf("t%d.%d", id, slot.Unix()); sent[key] != 1 {
			t.Errorf("slot %s of trigger %d: %d e-mails, want 1", slot.Format("15:04"), id, sent[key])
		}
	}
	t.Logf("PostgreSQL restart: %d runs acknowledged (%v), %d refused while it was away; %d rows, %d e-mails; "+
		"outage %v, API back %v after the start; %d slots claimed after it",
		len(acked), states, refused, len(history), len(mail.Messages()), outage.Round(time.Millisecond), back.Round(time.Millisecond), len(slotted))
	if code := vigia.stop(); code != 0 {
		t.Errorf("stop: exit code %d\n%s", code, vigia.stderr.String())
	}
}

// runBurst is clients asking for runs on demand of random triggers, as fast
// as Vigía answers, until stopped; it never fails the test from its
// goroutines, it only records what was acknowledged.
type runBurst struct {
	api     crashAPI
	mu      sync.Mutex
	acked   []int64
	refused atomic.Int64 // 503: not recorded, so not to run
	quit    chan struct{}
	wg      sync.WaitGroup
}

func startRunBurst(p *vigiaProcess, triggers []int64) *runBurst {
	b := &runBurst{
		api:  crashAPI{base: p.base, token: p.token, client: &http.Client{Timeout: waitLimit}},
		quit: make(chan struct{}),
	}
	for range 6 {
		b.wg.Go(func() {
			for {
				select {
				case <-b.quit:
					return
				default:
				}
				id := triggers[rand.IntN(len(triggers))]
				switch code, run := b.api.post(fmt.Sprintf("/api/triggers/%d/ejecutar", id), ""); {
				case code == http.StatusAccepted && run > 0:
					b.mu.Lock()
					b.acked = append(b.acked, run)
					b.mu.Unlock()
				case code == http.StatusServiceUnavailable:
					b.refused.Add(1)
					fallthrough
				default: // 409 (that trigger is running) too
					time.Sleep(10 * time.Millisecond) // a client's pause before asking again, not a wait for a schedule
				}
			}
		})
	}
	return b
}

func (b *runBurst) acknowledged() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.acked)
}

// waitAcknowledged waits until n runs were acknowledged.
func (b *runBurst) waitAcknowledged(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for b.acknowledged() < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d runs acknowledged after %v, want %d", b.acknowledged(), waitLimit, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stop ends the burst and returns the runs acknowledged and how many
// requests were refused with 503.
func (b *runBurst) stop() ([]int64, int64) {
	close(b.quit)
	b.wg.Wait()
	return b.acked, b.refused.Load()
}

// waitStatus polls method path until it answers want, and returns how long that took.
func waitStatus(t *testing.T, p *vigiaProcess, method, path string, want int) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		status, env := p.call(method, path, "", nil)
		if status == want {
			return time.Since(start)
		}
		if time.Since(start) > waitLimit {
			t.Fatalf("%s %s still %d %+v after %v, want %d", method, path, status, env, waitLimit, want)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// pgRun is one history row as the integrity check reads it.
type pgRun struct {
	state    string
	notified int
}

// checkPGHistory reads the history straight from the database and checks
// its integrity: every row final or interrumpida (none en_curso), every
// acknowledged run there, no slot of a trigger twice, and the kept counts
// equal to the rows. It returns the rows by digest key ("e<id>" for a run on
// demand, "t<trigger>.<slot in Unix seconds>" for a slot).
func checkPGHistory(t *testing.T, dbURL string, acked []int64) map[string]pgRun {
	t.Helper()
	db := openPG(t, dbURL)
	rows, err := db.QueryContext(t.Context(),
		"SELECT id, trigger_id, programada_para, estado, origen, notificaciones FROM executions ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out, ids := map[string]pgRun{}, map[int64]bool{}
	finals := map[string]bool{"exitoso": true, "fallido": true, "omitida": true, "perdida": true, "interrumpida": true}
	for rows.Next() {
		var id, trigger, slotMS int64
		var r pgRun
		var origin string
		if err := rows.Scan(&id, &trigger, &slotMS, &r.state, &origin, &r.notified); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
		if !finals[r.state] {
			t.Errorf("run %d is %q, want a final state or interrumpida", id, r.state)
		}
		key := fmt.Sprintf("e%d", id)
		if origin != "manual" && origin != "prueba" {
			key = fmt.Sprintf("t%d.%d", trigger, slotMS/1000)
			if _, twice := out[key]; twice {
				t.Errorf("slot %s has two rows", key)
			}
		}
		out[key] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, id := range acked {
		if !ids[id] {
			t.Errorf("acknowledged run %d is not in the history", id)
		}
	}
	var counted int
	// PostgreSQL keeps the history's counts per trigger only (no total row):
	// the total is their sum, as storage reads it.
	if err := db.QueryRowContext(t.Context(), "SELECT COALESCE(SUM(n), 0)::BIGINT FROM execution_counts WHERE trigger_id <> 0").Scan(&counted); err != nil || counted != len(ids) {
		t.Errorf("history counts say %d rows (%v), the table has %d", counted, err, len(ids))
	}
	return out
}
