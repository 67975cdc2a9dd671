//go:build linux

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"vigia/notify/smtptest"
	"vigia/storage/storagetest"
)

// TestTwoPCsOnOnePostgreSQLDatabaseSendEachSlotOnceAndTheOtherTakesOverAfterSIGKILL
// runs two real binaries, each with its own data directory and, as root, its
// own host name (as on two PCs of an office), on one PostgreSQL database:
// the survivor takes over when the dead leader's lease expires on the
// database's clock. Like the SQLite instances test it waits for real slots,
// whole minutes on the machine's clock: three triggers at the next minute at
// least 10 s away and three at the minute after, ~90 s on average.
func TestTwoPCsOnOnePostgreSQLDatabaseSendEachSlotOnceAndTheOtherTakesOverAfterSIGKILL(t *testing.T) {
	// given: one mail server, one database, and two Vigías with data directories of their own
	vigiaBinary(t)
	dbURL := storagetest.Postgres(t)
	mail := smtptest.Start(t, smtptest.Options{})
	env := pgEnv(dbURL, mail.Port(), "token-de-prueba-oficina-0123456789")
	loc, err := time.LoadLocation(env["VIGIA_TZ"])
	if err != nil {
		t.Fatal(err)
	}
	// (as root, each under a host name of its own, as two PCs: see startVigiaOnHost)
	dirs, hosts := []string{t.TempDir(), t.TempDir()}, []string{"oficina-1", "oficina-2"}
	start := func(i int) *vigiaProcess {
		args := []string{"--headless", "--addr", freeAddr(t)}
		p, ok := startVigiaOnHost(t, dirs[i], env, hosts[i], args...)
		if !ok {
			hosts[i] = ""
			p = startVigia(t, dirs[i], env, args...)
		}
		p.waitHealthy()
		return p
	}
	first := start(0)
	first.waitRole("lider", takeoverLimit)
	second := start(1)

	// then: exactly one leads, and the other names it
	leader, standby, leaderHost := first, second, hosts[0]
	if first.status().Rol != "lider" {
		leader, standby, leaderHost = second, first, hosts[1]
	}
	if lst, sst := leader.status(), standby.status(); lst.Rol != "lider" || sst.Rol != "espera" {
		t.Fatalf("roles: %q and %q, want one lider and one espera", lst.Rol, sst.Rol)
	} else if pid := fmt.Sprintf("%s (pid %d)", leaderHost, leader.cmd.Process.Pid); sst.Lider == nil || !strings.Contains(*sst.Lider, pid) {
		t.Errorf("standby's lider = %v, want the leader's %s", sst.Lider, pid)
	}
	// and: the console names the database without its password
	for _, p := range []*vigiaProcess{first, second} {
		out := p.stdout.String() + p.stderr.String()
		if !strings.Contains(out, "INFO: Base de datos: postgres") {
			t.Errorf("console does not name the PostgreSQL database:\n%s", out)
		}
		if pw := password(dbURL); pw != "" && strings.Contains(out, ":"+pw+"@") {
			t.Errorf("console shows the database password:\n%s", out)
		}
	}

	// when: through the standby, an alert and three triggers for each of two
	// slots a minute apart
	var company idOnly
	standby.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &company)
	standby.mustCall("POST", "/api/alertas", fmt.Sprintf(`{"empresa_id": %d, "titulo": "IVA", "prioridad": "CRITICA"}`, company.ID), 201, nil)
	slot1 := nextMinute(loc, 10*time.Second)
	slot2 := slot1.Add(time.Minute)
	bySlot := map[time.Time][]int64{}
	for _, slot := range []time.Time{slot1, slot2} {
		for i := range 3 {
			var tr idOnly
			standby.mustCall("POST", "/api/triggers", dailyAt(fmt.Sprintf("Cierre %s n.º %d", slot.Format("15:04"), i+1), slot), 201, &tr)
			bySlot[slot] = append(bySlot[slot], tr.ID)
		}
	}
	created := time.Now()

	// then: the leader arms them, for their slots, within the change limit
	reached := waitArmed(t, leader, bySlot, created)

	// when: the first slot comes
	mail.WaitMessages(t, 3, time.Until(slot1)+waitLimit)

	// then: one row per trigger for it, exitoso, sent by the leader
	for _, id := range bySlot[slot1] {
		run := oneScheduledRun(t, standby, id, slot1)
		if run = leader.waitFinished(run.ID); run.Estado != "exitoso" {
			t.Errorf("trigger %d's run = %+v, want exitoso", id, run)
		}
	}

	// when: the leader dies before the second slot
	leader.kill()
	killed := time.Now()

	// then: the other takes over within 30 s and says so
	standby.waitRole("lider", takeoverLimit)
	took := time.Since(killed)
	standby.waitOutput("INFO: Rol: líder (este proceso ejecuta los triggers)\n")
	if !time.Now().Before(slot2) {
		t.Fatalf("the takeover ended after the second slot (%v after SIGKILL): the test cannot tell who sent it", took)
	}

	// and: it sends the second slot, once per trigger
	mail.WaitMessages(t, 6, time.Until(slot2)+waitLimit)
	for _, id := range bySlot[slot2] {
		run := oneScheduledRun(t, standby, id, slot2)
		if run = standby.waitFinished(run.ID); run.Estado != "exitoso" {
			t.Errorf("trigger %d's run = %+v, want exitoso", id, run)
		}
	}
	// and: still six e-mails, one per slot, once the survivor is well past
	// the slot (the grace only lets a wrong second send show up)
	time.Sleep(2 * time.Second)
	sent := digestsByKey(mail.Messages())
	for _, slot := range []time.Time{slot1, slot2} {
		for _, id := range bySlot[slot] {
			if n := sent[fmt.Sprintf("t%d.%d", id, slot.Unix())]; n != 1 {
				t.Errorf("trigger %d, slot %s: %d e-mails, want 1 (digests: %v)", id, slot.Format("15:04"), n, sent)
			}
		}
	}
	if n := len(mail.Messages()); n != 6 {
		t.Errorf("%d e-mails in all, want 6", n)
	}
	for _, dir := range dirs {
		noSQLiteFileIn(t, dir)
	}
	how := "two host names: the dead leader's lease expired"
	if leaderHost == "" {
		how = "one host name: the dead leader's PID was gone"
	}
	t.Logf("office on PostgreSQL: triggers armed on the leader %v after the standby created them; 6 slots sent once each; takeover %v after SIGKILL (%s)",
		reached.Round(time.Millisecond), took.Round(time.Millisecond), how)
	if code := standby.stop(); code != 0 {
		t.Errorf("stop: exit code %d\n%s", code, standby.stderr.String())
	}
}

// waitArmed waits until p's status arms every trigger of bySlot for its
// slot, failing after changeLimit from created, and returns how long it took.
func waitArmed(t *testing.T, p *vigiaProcess, bySlot map[time.Time][]int64, created time.Time) time.Duration {
	t.Helper()
	for {
		st, missing := p.status(), 0
		for slot, ids := range bySlot {
			for _, id := range ids {
				next := jobNextRun(st, fmt.Sprintf("trigger_%d", id))
				if next == "" {
					missing++
				} else if at, err := time.Parse(time.RFC3339, next); err != nil || !at.Equal(slot) {
					t.Fatalf("leader arms trigger_%d for %s, want %s", id, next, slot.Format(time.RFC3339))
				}
			}
		}
		if missing == 0 {
			return time.Since(created)
		}
		if time.Since(created) > changeLimit {
			t.Fatalf("%d triggers not armed on the leader %v after they were created: %+v", missing, changeLimit, st)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// oneScheduledRun is the one history row of trigger id, which must be the
// programada run of slot.
func oneScheduledRun(t *testing.T, p *vigiaProcess, id int64, slot time.Time) executionDatos {
	t.Helper()
	var history struct {
		Total       int              `json:"total"`
		Ejecuciones []executionDatos `json:"ejecuciones"`
	}
	p.mustCall("GET", fmt.Sprintf("/api/triggers/ejecuciones?trigger_id=%d", id), "", 200, &history)
	if history.Total != 1 || len(history.Ejecuciones) != 1 {
		t.Fatalf("trigger %d: %d rows, want 1: %+v", id, history.Total, history.Ejecuciones)
	}
	run := history.Ejecuciones[0]
	if at, err := time.Parse(time.RFC3339, run.Programada); err != nil || !at.Equal(slot) || run.Origen != "programada" {
		t.Errorf("trigger %d's row = %+v, want programada for %s", id, run, slot.Format(time.RFC3339))
	}
	return run
}
