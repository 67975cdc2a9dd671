//go:build unix

package e2e

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vigia/notify/smtptest"
)

func TestSlotsMissedWhileVigiaWasClosedAreRecordedAndTheNewestIsSentOnceAtStart(t *testing.T) {
	// given: a daily 08:00 trigger with an alert to report, and Vigía stopped
	mail := smtptest.Start(t, smtptest.Options{})
	dir := t.TempDir()
	db := filepath.Join(dir, "vigia.db")
	addr := freeAddr(t)
	env := map[string]string{
		"SMTP_HOST": "127.0.0.1", "SMTP_PORT": strconv.Itoa(mail.Port()), "SMTP_TLS": "none",
		"SMTP_FROM": "vigia@ejemplo.com", "VIGIA_API_TOKEN": "token-de-prueba-recuperacion-0123456789",
	}
	vigia := startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
	vigia.waitHealthy()
	var company, trigger idOnly
	vigia.mustCall("POST", "/api/empresas", `{"nombre": "Comercial Andina S.A.S.", "nit": "900123456-8"}`, 201, &company)
	vigia.mustCall("POST", "/api/alertas", fmt.Sprintf(`{"empresa_id": %d, "titulo": "IVA", "prioridad": "CRITICA"}`, company.ID), 201, nil)
	vigia.mustCall("POST", "/api/triggers", seedDaily, 201, &trigger)
	if code := vigia.stop(); code != 0 {
		t.Fatalf("stop: exit code %d", code)
	}

	// and: the trigger was created three days ago, so three 08:00 slots passed
	// while Vigía was closed (the history is the memory: no row, no run)
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	threeDays := (72 * time.Hour).Milliseconds()
	if _, err := conn.Exec("UPDATE triggers SET creado_en = creado_en - ?, actualizado_en = actualizado_en - ? WHERE id = ?",
		threeDays, threeDays, trigger.ID); err != nil {
		t.Fatal(err)
	}
	conn.Close()

	// when: Vigía starts again
	vigia = startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
	vigia.waitHealthy()

	// then: the newest slot is sent once as recuperacion, the two older are recorded perdida
	out := vigia.waitOutput("INFO: ↺ Recuperación: 1 ejecución recuperada, 2 perdidas registradas\n")
	if i, j := strings.Index(out, rule+"\n🚀"), strings.Index(out, "INFO: ↺ Recuperación"); j < i {
		t.Errorf("the recovery was printed before the banner:\n%s", out)
	}
	mail.WaitMessages(t, 1, waitLimit)
	var history struct {
		Total       int              `json:"total"`
		Ejecuciones []executionDatos `json:"ejecuciones"`
	}
	vigia.mustCall("GET", fmt.Sprintf("/api/triggers/ejecuciones?trigger_id=%d", trigger.ID), "", 200, &history)
	got := map[string]int{}
	for _, e := range history.Ejecuciones {
		if e.Estado == "en_curso" {
			e = vigia.waitFinished(e.ID)
		}
		got[e.Origen+"/"+e.Estado]++
	}
	if history.Total != 3 || got["recuperacion/exitoso"] != 1 || got["programada/perdida"] != 2 {
		t.Errorf("history = %v (%d rows), want 1 recuperacion/exitoso and 2 programada/perdida", got, history.Total)
	}
	var st struct {
		Recuperacion struct {
			Recuperadas int `json:"recuperadas"`
			Perdidas    int `json:"perdidas"`
		} `json:"recuperacion"`
	}
	vigia.mustCall("GET", "/api/triggers/scheduler/status", "", 200, &st)
	if st.Recuperacion.Recuperadas != 1 || st.Recuperacion.Perdidas != 2 {
		t.Errorf("status recuperacion = %+v, want 1 recovered and 2 missed", st.Recuperacion)
	}
	if code := vigia.stop(); code != 0 {
		t.Fatalf("stop: exit code %d", code)
	}

	// when: Vigía starts once more
	vigia = startVigia(t, dir, env, "--headless", "--addr", addr, "--db", db)
	vigia.waitHealthy()
	vigia.waitRole("lider", takeoverLimit)

	// then: nothing is recovered twice
	history.Total = 0
	vigia.mustCall("GET", fmt.Sprintf("/api/triggers/ejecuciones?trigger_id=%d", trigger.ID), "", 200, &history)
	if history.Total != 3 || len(mail.Messages()) != 1 || strings.Contains(vigia.stdout.String(), "Recuperación") {
		t.Errorf("after another restart: %d rows, %d e-mails, console:\n%s", history.Total, len(mail.Messages()), vigia.stdout.String())
	}
	vigia.stop()
}
