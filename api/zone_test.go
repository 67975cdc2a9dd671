package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

var madrid = mustZone("Europe/Madrid")

// setZone changes the configured zone through the service, as Configuración does.
func (e *env) setZone(loc *time.Location) {
	e.t.Helper()
	if err := e.svc.SetLocation(context.Background(), loc); err != nil {
		e.t.Fatalf("set zone %s: %v", loc, err)
	}
}

func TestStatusShowsTheNewZoneRightAfterItChanges(t *testing.T) {
	// given a status already served (and cached) in Bogotá's offset
	e := newEnv(t)
	rec := func() string {
		st := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)
		return st["recuperacion"].(map[string]any)["evaluada_en"].(string)
	}
	if got := rec(); got != "2025-12-08T07:00:00-05:00" {
		t.Fatalf("evaluada_en before = %s", got)
	}

	// when the zone changes, and nothing else in the scheduler's snapshot does
	e.setZone(madrid)

	// then the next status writes the same instant in Madrid's offset
	if got := rec(); got != "2025-12-08T13:00:00+01:00" {
		t.Errorf("evaluada_en after the zone changed = %s", got)
	}
}

func TestStatusNextRunsFollowTheNewZone(t *testing.T) {
	// given the seed's daily trigger at 08:00 in Bogotá
	e := newEnv(t)
	e.create(seedDaily)
	next := func() any {
		return e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["jobs"].([]any)[0].(map[string]any)["next_run"]
	}
	if got := next(); got != "2025-12-08T08:00:00-05:00" {
		t.Fatalf("next_run before = %v", got)
	}

	// when the zone becomes Madrid's (13:00 there now)
	e.setZone(madrid)

	// then the trigger's next 08:00 is tomorrow's, in Madrid's offset
	if got := next(); got != "2025-12-09T08:00:00+01:00" {
		t.Errorf("next_run after the zone changed = %v", got)
	}
}

func TestExecutionTimesFollowTheNewZone(t *testing.T) {
	// given a finished run, read once in Bogotá's offset
	e := newEnv(t)
	id := idOf(t, e.create(seedDaily))
	runID := idOf(t, e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted).data(t))
	e.finished()
	path := "/api/triggers/ejecuciones/" + itoa(runID)
	before := e.do("GET", path, "").want(t, http.StatusOK).data(t)["inicio"].(string)
	if !strings.HasSuffix(before, "-05:00") {
		t.Fatalf("inicio before = %s", before)
	}

	// when the zone changes
	e.setZone(madrid)

	// then the same row shows the same instant in Madrid's offset
	after := e.do("GET", path, "").want(t, http.StatusOK).data(t)["inicio"].(string)
	b, errB := time.Parse(time.RFC3339, before)
	a, errA := time.Parse(time.RFC3339, after)
	if errA != nil || errB != nil || !strings.HasSuffix(after, "+01:00") || !a.Equal(b) {
		t.Errorf("inicio %s before, %s after the zone changed", before, after)
	}
}
