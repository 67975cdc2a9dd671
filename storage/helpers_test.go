package storage_test

import (
	"time"

	"vigia/app"
	"vigia/storage"
)

// at is a UTC instant on 2025-03-<day> at hh:mm.
func at(day, hh, mm int) time.Time {
	return time.Date(2025, time.March, day, hh, mm, 0, 0, time.UTC)
}

func dailyTrigger(name string) app.Trigger {
	return app.Trigger{
		Name:       name,
		Schedule:   app.Schedule{Frequency: app.FrequencyDaily, Hour: 8, Minute: 30},
		Recipients: []string{"contador@example.com"},
		Priorities: []app.Priority{app.PriorityCritical, app.PriorityHigh},
		Active:     true,
		CatchUp:    true,
		CreatedAt:  at(1, 9, 0),
		UpdatedAt:  at(1, 9, 0),
	}
}

func scheduledRun(triggerID int64, slot time.Time) app.Execution {
	return app.Execution{
		TriggerID:    triggerID,
		TriggerName:  "Resumen diario",
		ScheduledFor: slot,
		StartedAt:    slot.Add(40 * time.Millisecond),
		State:        app.StateRunning,
		Origin:       app.OriginScheduled,
	}
}

// missedRun is the perdida row catch-up records for a slot.
func missedRun(triggerID int64, slot time.Time) app.Execution {
	return app.Execution{
		TriggerID:    triggerID,
		TriggerName:  "Resumen diario",
		ScheduledFor: slot,
		StartedAt:    at(10, 7, 0),
		FinishedAt:   at(10, 7, 0),
		State:        app.StateMissed,
		Origin:       app.OriginScheduled,
		Error:        "Vigía no estaba en marcha (o el equipo dormía) a esta hora.",
		Instance:     "equipo-1/4242",
	}
}

// each runs a contract test body on every backend (see contractBackends).
var each = storage.EachBackend

// testDB is one backend's fresh database in a contract test.
type testDB = storage.TestDB
