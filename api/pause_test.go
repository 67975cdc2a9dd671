package api_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// openCriticalAlert gives the digests something to say, so a run that is not
// skipped sends an e-mail.
func (e *env) openCriticalAlert() {
	e.t.Helper()
	company := idOf(e.t, e.do("POST", "/api/empresas", `{"nombre": "Panadería La Espiga"}`).want(e.t, http.StatusCreated).data(e.t))
	e.do("POST", "/api/alertas", `{"empresa_id": `+itoa(company)+`, "titulo": "Declaración de IVA", "prioridad": "CRITICA"}`).
		want(e.t, http.StatusCreated)
}

func (e *env) status() map[string]any {
	e.t.Helper()
	return e.do("GET", "/api/triggers/scheduler/status", "").want(e.t, http.StatusOK).data(e.t)
}

// history is the run history as the API lists it, newest first.
func (e *env) history() []map[string]any {
	e.t.Helper()
	page := e.do("GET", "/api/triggers/ejecuciones", "").want(e.t, http.StatusOK).data(e.t)
	var out []map[string]any
	for _, row := range page["ejecuciones"].([]any) {
		out = append(out, row.(map[string]any))
	}
	return out
}

func TestPauseAndResumeAnswerTheSummaryAndAreIdempotent(t *testing.T) {
	e := newEnv(t)
	e.create(seedDaily)
	e.status() // the status body is now cached: the pause must still show

	for range 2 {
		res := e.do("POST", "/api/triggers/scheduler/pausar", "").want(t, http.StatusOK)
		want := map[string]any{"success": true, "message": "Scheduler en pausa",
			"datos": map[string]any{"running": true, "pausado": true, "total_jobs": float64(1)}}
		if !reflect.DeepEqual(res.Body, want) {
			t.Errorf("pausar = %s", res.Raw)
		}
		if st := e.status(); st["pausado"] != true || st["running"] != true || st["total_jobs"] != float64(1) {
			t.Errorf("status after pausar = %v", st)
		}
	}
	if got := e.do("POST", "/api/triggers/scheduler/reload", "").want(t, http.StatusOK).data(t)["pausado"]; got != true {
		t.Errorf("reload while paused: pausado = %v", got)
	}

	for range 2 {
		res := e.do("POST", "/api/triggers/scheduler/reanudar", "").want(t, http.StatusOK)
		want := map[string]any{"success": true, "message": "Scheduler reanudado",
			"datos": map[string]any{"running": true, "pausado": false, "total_jobs": float64(1)}}
		if !reflect.DeepEqual(res.Body, want) {
			t.Errorf("reanudar = %s", res.Raw)
		}
		if st := e.status(); st["pausado"] != false {
			t.Errorf("status after reanudar = %v", st)
		}
	}
}

func TestASlotThatComesWhilePausedIsRecordedSkippedAndTheNextOneAfterResumeRuns(t *testing.T) {
	// given the seed's 08:00 trigger, an alert to send, and a paused scheduler at 07:00
	e := newEnv(t)
	e.openCriticalAlert()
	e.create(seedDaily)
	e.do("POST", "/api/triggers/scheduler/pausar", "").want(t, http.StatusOK)

	// when 08:00 comes
	e.waitTimers(1)
	e.clock.Advance(2 * time.Hour)
	slot := e.slotFired()

	// then the slot is in the history as omitida, and no e-mail was sent
	if !slot.Equal(time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)) {
		t.Fatalf("fired slot %v", slot)
	}
	rows := e.history()
	if len(rows) != 1 || rows[0]["estado"] != "omitida" || rows[0]["origen"] != "programada" ||
		rows[0]["programada_para"] != "2025-12-08T08:00:00.000-05:00" || !strings.Contains(rows[0]["error"].(string), "pausa") {
		t.Fatalf("history while paused = %v", rows)
	}
	if n := e.mails(); n != 0 {
		t.Errorf("%d e-mails sent while paused", n)
	}
	if st := e.status(); st["total_jobs"] != float64(1) {
		t.Errorf("the paused job was dropped: %v", st)
	}

	// when the scheduler is resumed and the next 08:00 comes
	e.do("POST", "/api/triggers/scheduler/reanudar", "").want(t, http.StatusOK)
	e.waitTimers(1)
	e.clock.Advance(24 * time.Hour)
	ran := e.finished()

	// then that slot runs and sends its digest, and the skipped one is not made up
	if ran.State != "exitoso" || !ran.ScheduledFor.Equal(time.Date(2025, 12, 9, 8, 0, 0, 0, bogota)) {
		t.Errorf("after reanudar ran %+v", ran)
	}
	if n := e.mails(); n != 1 {
		t.Errorf("%d e-mails after resuming, want 1", n)
	}
	if rows := e.history(); len(rows) != 2 || rows[0]["estado"] != "exitoso" || rows[1]["estado"] != "omitida" {
		t.Errorf("history = %v", rows)
	}
}

func TestThePauseSurvivesARestartAndSlotsMissedWhilePausedAreNotRecovered(t *testing.T) {
	// given a trigger with an alert to send, and a paused scheduler
	e := newEnv(t)
	e.openCriticalAlert()
	e.create(seedDaily)
	e.do("POST", "/api/triggers/scheduler/pausar", "").want(t, http.StatusOK)

	// when Vigía is closed over 08:00 and started again
	e.stop()
	e.clock.Advance(3 * time.Hour)
	e = e.restart()

	// then it is still paused, and the passed slot is omitida, not run
	st := e.status()
	if st["pausado"] != true {
		t.Fatalf("status after restart = %v", st)
	}
	want := map[string]any{"evaluada_en": "2025-12-08T10:00:00-05:00", "recuperadas": float64(0), "perdidas": float64(0),
		"omitidas": float64(1), "sin_fila": float64(0)}
	if !reflect.DeepEqual(st["recuperacion"], want) {
		t.Errorf("recuperacion = %v, want %v", st["recuperacion"], want)
	}
	if rows := e.history(); len(rows) != 1 || rows[0]["estado"] != "omitida" {
		t.Errorf("history = %v", rows)
	}
	if n := e.mails(); n != 0 {
		t.Errorf("%d e-mails sent for a slot passed while paused", n)
	}

	// and a resume also survives a restart
	e.do("POST", "/api/triggers/scheduler/reanudar", "").want(t, http.StatusOK)
	if st := e.restart().status(); st["pausado"] != false {
		t.Errorf("status after resuming and restarting = %v", st)
	}
}

func TestAPauseMadeByAnotherProcessShowsAfterReload(t *testing.T) {
	// given two processes on one database
	e := newEnv(t)
	e.create(seedDaily)
	other := openEnv(t, e.dir, e.clock)

	// when the other one pauses
	other.do("POST", "/api/triggers/scheduler/pausar", "").want(t, http.StatusOK)

	// then this one shows it once it reloads
	res := e.do("POST", "/api/triggers/scheduler/reload", "").want(t, http.StatusOK)
	if res.data(t)["pausado"] != true || e.status()["pausado"] != true {
		t.Errorf("reload = %s, status = %v", res.Raw, e.status())
	}
}

func TestPauseCannotBeTriggeredByAnotherSiteOrHost(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/api/triggers/scheduler/pausar", "/api/triggers/scheduler/reanudar"} {
		r := request("POST", path, "")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		e.serve(r).want(t, http.StatusForbidden)

		r = request("POST", path, "")
		r.Host = "evil.example:5000"
		e.serve(r).want(t, http.StatusForbidden)

		r = request("POST", path, "")
		r.Header.Del("Authorization")
		e.serve(r).want(t, http.StatusUnauthorized)
	}
	if st := e.status(); st["pausado"] != false {
		t.Errorf("a refused request paused the scheduler: %v", st)
	}
}
