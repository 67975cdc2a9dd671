package storage

import (
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

// SQLite's writer counts its group commits; on PostgreSQL each write is a
// transaction of its own anyway. The plans below are SQLite's planner's.
func TestRecordExecutionsIsOneWriteAndNoneForNoRows(t *testing.T) {
	// given
	s := storagetest.Open(t, Open)
	var rows []app.Execution
	for day := 1; day <= 20; day++ {
		slot := time.Date(2025, 3, day, 8, 30, 0, 0, time.UTC)
		rows = append(rows, app.Execution{TriggerID: 1, ScheduledFor: slot, StartedAt: slot, FinishedAt: slot,
			State: app.StateMissed, Origin: app.OriginScheduled})
	}
	before := s.writer.commits.Load()

	// when
	none, noneErr := s.RecordExecutions(t.Context(), nil)
	afterNone := s.writer.commits.Load()
	n, err := s.RecordExecutions(t.Context(), rows)

	// then
	if none != 0 || noneErr != nil || afterNone != before {
		t.Fatalf("no rows: %d, %v, %d commits; want 0 and no commit", none, noneErr, afterNone-before)
	}
	if n != len(rows) || err != nil {
		t.Fatalf("inserted %d, %v; want %d", n, err, len(rows))
	}
	if commits := s.writer.commits.Load() - afterNone; commits != 1 {
		t.Fatalf("%d rows took %d commits, want 1", len(rows), commits)
	}
}

func TestLastSlotsSeeksThePartialSlotIndexPerTrigger(t *testing.T) {
	s := storagetest.Open(t, Open)

	plan := queryPlan(t, s, lastSlotsQuery)

	// One search of executions_slot per trigger: never a scan of the history.
	if !strings.Contains(plan, "SEARCH e USING INDEX executions_slot (trigger_id=?)") || strings.Contains(plan, "SCAN e") {
		t.Fatalf("last slots do not seek the slot index:\n%s", plan)
	}
}

func TestInterruptRunningFindsRunningRowsByTheStateIndex(t *testing.T) {
	s := storagetest.Open(t, Open)

	plan := queryPlan(t, s, interruptRunningQuery, "interrumpida", 0, "", "c", "{}", "en_curso", "yo")

	if !strings.Contains(plan, "USING INDEX executions_by_state (estado=?)") {
		t.Fatalf("interrupt scans the history:\n%s", plan)
	}
}
