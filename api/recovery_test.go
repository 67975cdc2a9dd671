package api_test

import (
	"net/http"
	"reflect"
	"testing"
	"time"

	"vigia/app"
)

func TestStatusShowsTheRoleAndTheStartsEvaluationOfMissedSlots(t *testing.T) {
	// given a fresh Vigía without another process on its database
	e := newEnv(t)

	st := e.status()

	// then it schedules, and it evaluated missed slots when it started
	if st["rol"] != "lider" || st["pausado"] != false {
		t.Errorf("status = %v", st)
	}
	if leader, ok := st["lider"]; !ok {
		t.Error("status has no lider")
	} else if _, isText := leader.(string); leader != nil && !isText {
		t.Errorf("lider = %#v, want a text or null", leader)
	}
	want := map[string]any{"evaluada_en": "2025-12-08T07:00:00-05:00", "recuperadas": float64(0), "perdidas": float64(0),
		"omitidas": float64(0), "sin_fila": float64(0)}
	if !reflect.DeepEqual(st["recuperacion"], want) {
		t.Errorf("recuperacion = %v, want %v", st["recuperacion"], want)
	}
}

func TestARestartRecoversTheNewestMissedSlotOfTriggersThatAskForIt(t *testing.T) {
	// given, on Monday at 07:00, a daily 08:00 trigger that recovers (the
	// default) and one that does not, and an alert to send
	e := newEnv(t)
	e.openCriticalAlert()
	recovering := idOf(t, e.create(seedDaily))
	notRecovering := idOf(t, e.create(body(map[string]any{"nombre": `"Sin recuperar"`, "recuperar": `0`})))

	// when Vigía is closed until Wednesday 09:00 (three 08:00 slots missed each)
	e.stop()
	e.clock.Advance(2*24*time.Hour + 2*time.Hour)
	e = e.restart()
	ran := e.finished()

	// then Wednesday's slot of the first trigger runs once, as a recovery
	if ran.TriggerID != recovering || ran.Origin != app.OriginRecovery || ran.State != app.StateSucceeded ||
		!ran.ScheduledFor.Equal(time.Date(2025, 12, 10, 8, 0, 0, 0, bogota)) {
		t.Errorf("recovered %+v", ran)
	}
	if n := e.mails(); n != 1 {
		t.Errorf("%d e-mails, want 1", n)
	}
	// and the status says what was recovered and what was lost
	st := e.status()
	want := map[string]any{"evaluada_en": "2025-12-10T09:00:00-05:00", "recuperadas": float64(1), "perdidas": float64(5),
		"omitidas": float64(0), "sin_fila": float64(0)}
	if !reflect.DeepEqual(st["recuperacion"], want) || st["rol"] != "lider" {
		t.Errorf("status = %v, want recuperacion %v", st, want)
	}
	// and the history has every slot: two lost of the first, three of the second
	lost := map[int64]int{}
	for _, row := range e.history() {
		id := int64(row["trigger_id"].(float64))
		switch row["estado"] {
		case "perdida":
			lost[id]++
		case "exitoso":
			if row["origen"] != "recuperacion" || row["programada_para"] != "2025-12-10T08:00:00.000-05:00" {
				t.Errorf("recovery row = %v", row)
			}
		default:
			t.Errorf("unexpected row %v", row)
		}
	}
	if lost[recovering] != 2 || lost[notRecovering] != 3 {
		t.Errorf("perdidas by trigger = %v", lost)
	}
}

func TestRecuperarCanBeChangedAlone(t *testing.T) {
	e := newEnv(t)
	created := e.create(seedDaily)
	path := "/api/triggers/" + itoa(idOf(t, created))

	off := e.do("PUT", path, `{"recuperar": false}`).want(t, http.StatusOK).data(t)
	if off["recuperar"] != false || e.do("GET", path, "").want(t, http.StatusOK).data(t)["recuperar"] != false {
		t.Errorf("after recuperar false: %v", off)
	}
	for _, f := range []string{"nombre", "hora", "destinatarios", "prioridades", "activo", "proxima_ejecucion"} {
		if !reflect.DeepEqual(off[f], created[f]) {
			t.Errorf("%s changed: %v -> %v", f, created[f], off[f])
		}
	}
	if on := e.do("PUT", path, `{"recuperar": 1}`).want(t, http.StatusOK).data(t); on["recuperar"] != true {
		t.Errorf("after recuperar 1: %v", on)
	}
}
