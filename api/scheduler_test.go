package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"vigia/app"
)

func TestReloadPicksUpTriggersWrittenBehindTheServicesBack(t *testing.T) {
	// given a trigger written straight to the database, as another tool would
	e := newEnv(t)
	e.create(seedDaily)
	now := e.clock.Now()
	if _, err := e.store.CreateTrigger(context.Background(), app.Trigger{
		Name: "Externo", Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: 18},
		Priorities: []app.Priority{app.PriorityHigh}, Active: true, CreatedAt: now, UpdatedAt: now,
	}); err != nil {
		t.Fatal(err)
	}
	if n := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["total_jobs"]; n != float64(1) {
		t.Fatalf("total_jobs before reload = %v", n)
	}

	// when the scheduler is reloaded
	res := e.do("POST", "/api/triggers/scheduler/reload", "").want(t, http.StatusOK)

	// then both are armed
	if res.Body["message"] != "Scheduler recargado exitosamente" || res.data(t)["total_jobs"] != float64(2) {
		t.Errorf("reload = %s", res.Raw)
	}
	jobs := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["jobs"].([]any)
	if len(jobs) != 2 || jobs[1].(map[string]any)["name"] != "Externo" || jobs[1].(map[string]any)["next_run"] != "2025-12-08T18:00:00-05:00" {
		t.Errorf("jobs = %v", jobs)
	}
}

func TestStatusFollowsTheClockAndTheSchedulerState(t *testing.T) {
	e := newEnv(t)
	e.create(seedDaily)
	first := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)
	if first["running"] != true {
		t.Fatalf("status = %v", first)
	}

	// when the slot passes, the next run moves to the next day
	ctx, cancel := context.WithTimeout(context.Background(), failAfter)
	defer cancel()
	if err := e.clock.BlockUntilContext(ctx, 1); err != nil { // gocron armed the job's timer
		t.Fatal(err)
	}
	e.clock.Advance(2 * time.Hour)
	if ran := e.finished(); ran.Origin != app.OriginScheduled || !ran.ScheduledFor.Equal(time.Date(2025, 12, 8, 8, 0, 0, 0, bogota)) {
		t.Errorf("ran %+v", ran)
	}
	jobs := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["jobs"].([]any)
	if next := jobs[0].(map[string]any)["next_run"]; next != "2025-12-09T08:00:00-05:00" {
		t.Errorf("next_run after the slot = %v", next)
	}

	// and a stopped scheduler says so
	if err := e.sched.Shutdown(); err != nil {
		t.Fatal(err)
	}
	if got := e.do("GET", "/api/triggers/scheduler/status", "").want(t, http.StatusOK).data(t)["running"]; got != false {
		t.Errorf("running = %v after shutdown", got)
	}
}
