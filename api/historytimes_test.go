package api_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

func TestHistoryTimesCarryMillisecondsAndEachRowItsDelay(t *testing.T) {
	// given a run that started 42 ms after its 08:00 slot and took 1,458 ms,
	// one recovered 3 h 0.25 s late, and one run now (no slot to be late for)
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))
	slot := time.Date(2026, 12, 3, 8, 0, 0, 0, bogota)
	rows := []app.Execution{
		{TriggerID: id, TriggerName: "Notificación Diaria", ScheduledFor: slot, StartedAt: slot.Add(42 * time.Millisecond),
			FinishedAt: slot.Add(1500 * time.Millisecond), State: app.StateSucceeded, Origin: app.OriginScheduled},
		{TriggerID: id, TriggerName: "Notificación Diaria", ScheduledFor: slot.AddDate(0, 0, -1), StartedAt: slot.AddDate(0, 0, -1).Add(3*time.Hour + 250*time.Millisecond),
			FinishedAt: slot.AddDate(0, 0, -1).Add(3*time.Hour + time.Second), State: app.StateSucceeded, Origin: app.OriginRecovery},
	}
	if _, err := e.store.RecordExecutions(t.Context(), rows); err != nil {
		t.Fatal(err)
	}
	e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
	e.finished()

	// when the history is read
	byOrigin := map[string]map[string]any{}
	for _, row := range e.history() {
		byOrigin[row["origen"].(string)] = row
	}

	// then its times carry three fractional digits, and each row its delay
	for origin, want := range map[string]map[string]any{
		"programada": {"programada_para": "2026-12-03T08:00:00.000-05:00", "inicio": "2026-12-03T08:00:00.042-05:00",
			"fin": "2026-12-03T08:00:01.500-05:00", "duracion_ms": float64(1458), "retraso_ms": float64(42)},
		"recuperacion": {"programada_para": "2026-12-02T08:00:00.000-05:00", "inicio": "2026-12-02T11:00:00.250-05:00",
			"fin": "2026-12-02T11:00:01.000-05:00", "duracion_ms": float64(750), "retraso_ms": float64(3*3600*1000 + 250)},
		"manual": {"retraso_ms": nil},
	} {
		row := byOrigin[origin]
		for k, v := range want {
			if got, ok := row[k]; !ok || got != v {
				t.Errorf("%s: %s = %v, want %v", origin, k, got, v)
			}
		}
	}

	stamp := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-05:00$`)
	for _, k := range []string{"programada_para", "inicio", "fin"} {
		if s, _ := byOrigin["manual"][k].(string); !stamp.MatchString(s) {
			t.Errorf("manual: %s = %q, want three fractional digits", k, s)
		}
	}

	// and a client that parses RFC 3339 reads them to the millisecond
	started, err := time.Parse(time.RFC3339, byOrigin["programada"]["inicio"].(string))
	if err != nil || !started.Equal(slot.Add(42*time.Millisecond)) {
		t.Errorf("RFC 3339 parse: %v, %v", started, err)
	}
	one := e.do("GET", "/api/triggers/ejecuciones/"+itoa(int64(byOrigin["programada"]["id"].(float64))), "").want(t, http.StatusOK).data(t)
	if one["inicio"] != "2026-12-03T08:00:00.042-05:00" || one["retraso_ms"] != float64(42) {
		t.Errorf("one row: %v", one)
	}
}

func TestTimesOutsideTheHistoryStayInWholeSeconds(t *testing.T) {
	// given a trigger created at a time with milliseconds
	e := newEnv(t)
	e.clock.Advance(123 * time.Millisecond)
	tr := e.create(seedDaily)
	next := e.do("GET", "/api/triggers/"+itoa(idOf(t, tr))+"/proximas", "").want(t, http.StatusOK).Body["datos"].([]any)

	// then its times, and its next runs, read as the seed wrote them
	for name, v := range map[string]any{"creado_en": tr["creado_en"], "actualizado_en": tr["actualizado_en"], "proximas[0]": next[0]} {
		s, _ := v.(string)
		if _, err := time.Parse(time.RFC3339, s); err != nil || strings.Contains(s, ".") {
			t.Errorf("%s = %q: want RFC 3339 in whole seconds, as the seed gave it", name, s)
		}
	}
}
