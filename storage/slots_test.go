package storage_test

import (
	"reflect"
	"testing"
	"time"

	"vigia/app"
)

func TestRecordExecutionsInsertsFreeSlotsAndSkipsTakenOnes(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: slot day 2 was run, day 3 was already recorded missed
		s := db.Open(t)
		if _, err := s.ClaimExecution(t.Context(), scheduledRun(7, at(2, 8, 30))); err != nil {
			t.Fatal(err)
		}
		if n, err := s.RecordExecutions(t.Context(), []app.Execution{missedRun(7, at(3, 8, 30))}); n != 1 || err != nil {
			t.Fatalf("first record: %d, %v", n, err)
		}
		skipped := missedRun(8, at(4, 8, 30))
		skipped.State, skipped.Error = app.StateSkipped, "El scheduler estaba en pausa."

		// when
		n, err := s.RecordExecutions(t.Context(), []app.Execution{
			missedRun(7, at(1, 8, 30)), missedRun(7, at(2, 8, 30)), missedRun(7, at(3, 8, 30)), missedRun(7, at(4, 8, 30)),
			skipped,
		})

		// then
		if err != nil || n != 3 {
			t.Fatalf("inserted %d, %v; want 3 (days 1 and 4 of trigger 7, day 4 of trigger 8)", n, err)
		}
		page, err := s.Executions(t.Context(), app.ExecutionFilter{})
		if err != nil || page.Total != 5 {
			t.Fatalf("rows: %d, %v; want 5", page.Total, err)
		}
		newest := page.Executions[0]
		want := skipped
		want.ID = newest.ID
		if !reflect.DeepEqual(newest, want) {
			t.Fatalf("recorded row:\n got %+v\nwant %+v", newest, want)
		}
		missed, _ := s.Executions(t.Context(), app.ExecutionFilter{TriggerID: 7, State: app.StateMissed})
		if missed.Total != 3 {
			t.Fatalf("perdida rows of trigger 7: %d, want 3", missed.Total)
		}
	})
}

func TestRecordExecutionsRefusesRowsThatAreNotSlots(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: a good row and a manual one, which no slot guard would catch twice
		s := db.Open(t)
		manual := missedRun(7, at(2, 8, 30))
		manual.Origin = app.OriginManual

		// when
		n, err := s.RecordExecutions(t.Context(), []app.Execution{missedRun(7, at(1, 8, 30)), manual})

		// then: nothing is written
		if err == nil || n != 0 {
			t.Fatalf("record with a manual row: %d, %v; want an error", n, err)
		}
		if page, _ := s.Executions(t.Context(), app.ExecutionFilter{}); page.Total != 0 {
			t.Fatalf("%d rows written by a refused record", page.Total)
		}
	})
}

func TestLastSlotsIsTheNewestSlotRowOfEachTrigger(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		ctx := t.Context()
		var ids []int64
		for _, name := range []string{"a", "b", "c", "d", "borrado"} {
			tr, err := s.CreateTrigger(ctx, dailyTrigger(name))
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tr.ID)
		}
		a, b, c, d, gone := ids[0], ids[1], ids[2], ids[3], ids[4]
		claim := func(e app.Execution, origin app.RunOrigin) {
			t.Helper()
			e.Origin = origin
			if _, err := s.ClaimExecution(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		// a: run on day 2, missed on days 3 and 5, skipped on day 4, run by hand on day 9
		claim(scheduledRun(a, at(2, 8, 30)), app.OriginScheduled)
		skipped := missedRun(a, at(4, 8, 30))
		skipped.State = app.StateSkipped
		if _, err := s.RecordExecutions(ctx, []app.Execution{missedRun(a, at(5, 8, 30)), missedRun(a, at(3, 8, 30)), skipped}); err != nil {
			t.Fatal(err)
		}
		claim(scheduledRun(a, at(9, 8, 30)), app.OriginManual)
		// b: run on day 1, recovered on day 3 (claimed in that order or not)
		claim(scheduledRun(b, at(3, 8, 30)), app.OriginRecovery)
		claim(scheduledRun(b, at(1, 8, 30)), app.OriginScheduled)
		// c: only manual runs; d: nothing; the deleted trigger had a run
		claim(scheduledRun(c, at(6, 8, 30)), app.OriginManual)
		claim(scheduledRun(gone, at(6, 8, 30)), app.OriginScheduled)
		if err := s.DeleteTrigger(ctx, gone); err != nil {
			t.Fatal(err)
		}

		// when
		last, err := s.LastSlots(ctx)

		// then
		want := map[int64]time.Time{a: at(5, 8, 30), b: at(3, 8, 30)}
		if err != nil || !reflect.DeepEqual(last, want) {
			t.Fatalf("last slots = %v, %v; want %v (nothing for %d, %d, %d)", last, err, want, c, d, gone)
		}
	})
}
