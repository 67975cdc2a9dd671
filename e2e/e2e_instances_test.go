//go:build unix

package e2e

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vigia/notify/smtptest"
)

// changeLimit is how soon a trigger change made through one process must
// reach the scheduling one (the 5 s; the leader polls every 2 s).
const changeLimit = 5 * time.Second

// TestTwoProcessesOnOneDatabaseSendEachSlotOnceAndTheStandbyTakesOver runs
// two real binaries on one database. It waits for a real slot: the fake clock
// of the unit tests lives inside one test process and cannot reach a separate
// process, whose timers run on the machine's clock, so the trigger is set for
// the next whole minute (at least 8 s away) and the test waits for it, ~40 s
// on average and at most ~70 s.
func TestTwoProcessesOnOneDatabaseSendEachSlotOnceAndTheStandbyTakesOver(t *testing.T) {
	// given: one mail server, one database, and two Vigías on it
	mail := smtptest.Start(t, smtptest.Options{})
	dir := t.TempDir()
	db := filepath.Join(dir, "vigia.db")
	const zone = "America/Bogota"
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"SMTP_HOST": "127.0.0.1", "SMTP_PORT": strconv.Itoa(mail.Port()), "SMTP_TLS": "none",
		"SMTP_FROM": "vigia@ejemplo.com", "VIGIA_API_TOKEN": "token-de-prueba-instancias-0123456789",
		"VIGIA_TZ": zone,
	}
	first := startVigia(t, dir, env, "--headless", "--addr", freeAddr(t), "--db", db)
	first.waitHealthy()
	first.waitRole("lider", takeoverLimit)
	second := startVigia(t, dir, env, "--headless", "--addr", freeAddr(t), "--db", db)
	second.waitHealthy()

	// then: exactly one leads, and the other names it
	leader, standby := first, second
	if first.status().Rol != "lider" {
		leader, standby = second, first
	}
	lst, sst := leader.status(), standby.status()
	if lst.Rol != "lider" || sst.Rol != "espera" {
		t.Fatalf("roles: %q and %q, want one lider and one espera", lst.Rol, sst.Rol)
	}
	leaderPID := fmt.Sprintf("pid %d", leader.cmd.Process.Pid)
	if sst.Lider == nil || !strings.Contains(*sst.Lider, leaderPID) {
		t.Errorf("standby's lider = %v, want the leader's %s", sst.Lider, leaderPID)
	}
	if out := leader.stdout.String(); !strings.Contains(out, "INFO: Rol: líder (este proceso ejecuta los triggers)\n") {
		t.Errorf("leader's console lacks its role:\n%s", out)
	}
	if out := standby.stdout.String(); !strings.Contains(out, "INFO: Rol: en espera") || !strings.Contains(out, leaderPID) {
		t.Errorf("standby's console lacks its role and the leader's %s:\n%s", leaderPID, out)
	}

	// when: through the standby, an alert and a daily trigger due at the next
	// whole minute at least 8 s away
	var company, trigger idOnly
	standby.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &company)
	standby.mustCall("POST", "/api/alertas", fmt.Sprintf(`{"empresa_id": %d, "titulo": "IVA", "prioridad": "CRITICA"}`, company.ID), 201, nil)
	now := time.Now().In(loc)
	slot := time.Date(now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute()+1, 0, 0, loc)
	if slot.Sub(now) < 8*time.Second {
		slot = slot.Add(time.Minute)
	}
	body := fmt.Sprintf(`{"nombre": "Cierre del minuto", "frecuencia": "diaria", "hora": %q, "destinatarios": "admin@ejemplo.com", "prioridades": "CRITICA", "activo": 1}`,
		slot.Format("15:04"))
	standby.mustCall("POST", "/api/triggers", body, 201, &trigger)
	created := time.Now()

	// then: the change reaches the leader within 5 s, armed for that slot
	job := fmt.Sprintf("trigger_%d", trigger.ID)
	var reached time.Duration
	for {
		st := leader.status()
		if next := jobNextRun(st, job); next != "" {
			reached = time.Since(created)
			if at, err := time.Parse(time.RFC3339, next); err != nil || !at.Equal(slot) {
				t.Errorf("leader arms %s for %s, want %s", job, next, slot.Format(time.RFC3339))
			}
			break
		}
		if time.Since(created) > changeLimit {
			t.Fatalf("leader's status lacks %s %v after the standby created it: %+v", job, changeLimit, st)
		}
		time.Sleep(25 * time.Millisecond)
	}

	// when: the slot comes
	msgs := mail.WaitMessages(t, 1, time.Until(slot)+waitLimit)

	// then: one execution row for the slot, finished exitoso
	var history struct {
		Total       int              `json:"total"`
		Ejecuciones []executionDatos `json:"ejecuciones"`
	}
	path := fmt.Sprintf("/api/triggers/ejecuciones?trigger_id=%d", trigger.ID)
	standby.mustCall("GET", path, "", 200, &history)
	if history.Total != 1 {
		t.Fatalf("%d rows for the trigger, want 1: %+v", history.Total, history.Ejecuciones)
	}
	run := leader.waitFinished(history.Ejecuciones[0].ID)
	if at, err := time.Parse(time.RFC3339, run.Programada); run.Estado != "exitoso" || run.Origen != "programada" || err != nil || !at.Equal(slot) {
		t.Errorf("run = %+v, want exitoso, programada for %s", run, slot.Format(time.RFC3339))
	}
	// and: still one row and one e-mail once both processes are well past the
	// slot (the standby's timer fired at the same instant and was refused by
	// the elector; the grace only lets a wrong second send show up)
	time.Sleep(2 * time.Second)
	history.Total = 0
	standby.mustCall("GET", path, "", 200, &history)
	if msgs = mail.Messages(); len(msgs) != 1 || history.Total != 1 {
		t.Errorf("%d e-mails and %d rows for the slot, want exactly 1 of each", len(msgs), history.Total)
	}

	// when: the leader dies
	leader.kill()
	killed := time.Now()

	// then: the standby takes over within the lease time and says so
	standby.waitRole("lider", takeoverLimit)
	took := time.Since(killed)
	standby.waitOutput("INFO: Rol: líder (este proceso ejecuta los triggers)\n")
	t.Logf("two instances: change reached the leader in %v; one row and %d e-mail for the slot %s; takeover %v after SIGKILL",
		reached.Round(time.Millisecond), len(msgs), slot.Format("15:04"), took.Round(time.Millisecond))
	if code := standby.stop(); code != 0 {
		t.Errorf("stop: exit code %d", code)
	}
}

// jobNextRun is the next_run of job in st, "" when the job is not armed.
func jobNextRun(st statusDatos, job string) string {
	for _, j := range st.Jobs {
		if j.ID == job && j.NextRun != nil {
			return *j.NextRun
		}
	}
	return ""
}
