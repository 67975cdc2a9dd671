package api_test

import (
	"net/http"
	"testing"
	"time"

	"vigia/app"
)

func TestHistoryFilteredByDesdeHastaInTheConfiguredZone(t *testing.T) {
	// given slots at 23:30 Bogotá (04:30 UTC the next day) on December 1 to 5
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))
	var rows []app.Execution
	for day := 1; day <= 5; day++ {
		slot := time.Date(2025, 12, day, 23, 30, 0, 0, bogota)
		rows = append(rows, app.Execution{TriggerID: id, TriggerName: "Notificación Diaria", ScheduledFor: slot,
			StartedAt: slot, FinishedAt: slot, State: app.StateMissed, Origin: app.OriginScheduled})
	}
	if _, err := e.store.RecordExecutions(t.Context(), rows); err != nil {
		t.Fatal(err)
	}

	// when the history is asked for December 2 to 3
	page := e.do("GET", "/api/triggers/ejecuciones?desde=2025-12-02&hasta=2025-12-03", "").want(t, http.StatusOK).data(t)

	// then both days are included, by their local date, newest first
	list := page["ejecuciones"].([]any)
	if page["total"] != float64(2) || len(list) != 2 {
		t.Fatalf("page = %v", page)
	}
	first, second := list[0].(map[string]any), list[1].(map[string]any)
	if first["programada_para"] != "2025-12-03T23:30:00.000-05:00" || second["programada_para"] != "2025-12-02T23:30:00.000-05:00" {
		t.Errorf("rows %v, %v", first["programada_para"], second["programada_para"])
	}

	// and one bound alone leaves the other side open
	if got := e.do("GET", "/api/triggers/ejecuciones?desde=2025-12-04", "").want(t, http.StatusOK).data(t); got["total"] != float64(2) {
		t.Errorf("desde only: total %v", got["total"])
	}
}

func TestHistoryRefusesBadDesdeHasta(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct{ query, field string }{
		{"desde=02/12/2025", "desde"},
		{"hasta=2025-13-01", "hasta"},
		{"desde=2025-12-05&hasta=2025-12-04", "hasta"},
	} {
		// when
		res := e.do("GET", "/api/triggers/ejecuciones?"+tc.query, "").want(t, http.StatusBadRequest)

		// then the field is named in Spanish
		if msg, _ := res.fields(t)[tc.field].(string); msg == "" {
			t.Errorf("%s: errores %v, want %s", tc.query, res.Body["errores"], tc.field)
		}
	}
}
