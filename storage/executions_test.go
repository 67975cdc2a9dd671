package storage_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"vigia/app"
	"vigia/messages"
	"vigia/storage"
)

func TestClaimedExecutionReadsBackAsClaimed(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		in := scheduledRun(7, at(2, 8, 30))
		in.StartedAt = at(2, 8, 30).Add(1234567 * time.Nanosecond)
		in.Recipients = []string{"b@example.com", "a@example.com"}
		in.Instance = "equipo-1/4242"

		// when
		claimed, err := s.ClaimExecution(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Execution(t.Context(), claimed.ID)
		if err != nil {
			t.Fatal(err)
		}

		// then
		if claimed.ID == 0 || !reflect.DeepEqual(got, claimed) {
			t.Fatalf("read back:\n got %+v\nwant %+v", got, claimed)
		}
		if want := at(2, 8, 30).Add(time.Millisecond); !got.StartedAt.Equal(want) || got.StartedAt.Location() != time.UTC {
			t.Fatalf("StartedAt = %v, want %v in UTC (whole milliseconds)", got.StartedAt, want)
		}
		if !got.FinishedAt.IsZero() || got.State != app.StateRunning || got.Instance != "equipo-1/4242" {
			t.Fatalf("a claimed run is running, unfinished and names its instance: %+v", got)
		}
	})
}

func TestFinishExecutionWritesFinalStateAndMetrics(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		claimed, err := s.ClaimExecution(t.Context(), scheduledRun(7, at(2, 8, 30)))
		if err != nil {
			t.Fatal(err)
		}

		// when
		done := claimed
		done.FinishedAt = at(2, 8, 31)
		done.State = app.StateFailed
		done.Companies, done.Alerts, done.Notified, done.Attempts = 3, 12, 12, 2
		done.Recipients = []string{"x@example.com", "w@example.com"}
		done.MailRoute = app.MailRouteOutbox
		done.Error = "smtp: 535 autenticación rechazada"
		if err := s.FinishExecution(t.Context(), done); err != nil {
			t.Fatal(err)
		}

		// then
		got, err := s.Execution(t.Context(), claimed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, done) {
			t.Fatalf("finished row:\n got %+v\nwant %+v", got, done)
		}
		if got.Duration() != time.Minute-40*time.Millisecond {
			t.Fatalf("duration = %v", got.Duration())
		}
	})
}

func TestMissingExecutionIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)

		_, getErr := s.Execution(t.Context(), 99)
		finishErr := s.FinishExecution(t.Context(), app.Execution{ID: 99, State: app.StateSucceeded})

		if !errors.Is(getErr, app.ErrNotFound) || !errors.Is(finishErr, app.ErrNotFound) {
			t.Fatalf("get: %v, finish: %v; want app.ErrNotFound", getErr, finishErr)
		}
	})
}

func TestScheduledSlotIsClaimedOnce(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		slot := at(2, 8, 30)
		if _, err := s.ClaimExecution(t.Context(), scheduledRun(7, slot)); err != nil {
			t.Fatal(err)
		}

		// when
		again := scheduledRun(7, slot)
		_, scheduledErr := s.ClaimExecution(t.Context(), again)
		again.Origin = app.OriginRecovery
		_, recoveryErr := s.ClaimExecution(t.Context(), again)

		// then
		if !errors.Is(scheduledErr, app.ErrSlotTaken) || !errors.Is(recoveryErr, app.ErrSlotTaken) {
			t.Fatalf("second claims: %v / %v, want app.ErrSlotTaken", scheduledErr, recoveryErr)
		}
		if page, _ := s.Executions(t.Context(), app.ExecutionFilter{}); page.Total != 1 || len(page.Executions) != 1 {
			t.Fatalf("rows after refused claims: total %d, %d rows; want 1", page.Total, len(page.Executions))
		}
	})
}

func TestOtherSlotsAndOtherTriggersAreNotTaken(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		claims := []app.Execution{
			scheduledRun(7, at(2, 8, 30)),
			scheduledRun(7, at(3, 8, 30)),
			scheduledRun(8, at(2, 8, 30)),
		}

		for _, e := range claims {
			if _, err := s.ClaimExecution(t.Context(), e); err != nil {
				t.Fatalf("claim %d at %v: %v", e.TriggerID, e.ScheduledFor, err)
			}
		}
	})
}

func TestManualRunsOfTheSameSlotAreAllRecorded(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		slot := at(2, 8, 30)
		if _, err := s.ClaimExecution(t.Context(), scheduledRun(7, slot)); err != nil {
			t.Fatal(err)
		}

		// when
		manual := scheduledRun(7, slot)
		manual.Origin = app.OriginManual
		_, err1 := s.ClaimExecution(t.Context(), manual)
		_, err2 := s.ClaimExecution(t.Context(), manual)

		// then
		if err1 != nil || err2 != nil {
			t.Fatalf("manual runs refused: %v / %v", err1, err2)
		}
		if page, _ := s.Executions(t.Context(), app.ExecutionFilter{TriggerID: 7}); page.Total != 3 {
			t.Fatalf("total = %d, want 3", page.Total)
		}
	})
}

func TestConcurrentClaimsOfOneSlotHaveExactlyOneWinner(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		const callers = 64
		var (
			wg          sync.WaitGroup
			mu          sync.Mutex
			wins, taken int
			other       []error
		)

		// when
		for range callers {
			wg.Go(func() {
				_, err := s.ClaimExecution(t.Context(), scheduledRun(7, at(2, 8, 30)))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case errors.Is(err, app.ErrSlotTaken):
					taken++
				default:
					other = append(other, err)
				}
			})
		}
		wg.Wait()

		// then
		if wins != 1 || taken != callers-1 || len(other) > 0 {
			t.Fatalf("wins %d, taken %d, other errors %v; want 1 and %d", wins, taken, other, callers-1)
		}
		page, err := s.Executions(t.Context(), app.ExecutionFilter{})
		if err != nil || page.Total != 1 || len(page.Executions) != 1 {
			t.Fatalf("rows: %+v, %v; want exactly one", page, err)
		}
	})
}

func TestExecutionsPageNewestFirstWithFilteredTotals(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: triggers 1 and 2, alternating, states cycling
		s := db.Open(t)
		states := []app.RunState{app.StateSucceeded, app.StateFailed, app.StateSucceeded, app.StateSkipped}
		var ids []int64
		for i := range 20 {
			e := scheduledRun(int64(1+i%2), at(1, 0, 0).Add(time.Duration(i)*time.Hour))
			claimed, err := s.ClaimExecution(t.Context(), e)
			if err != nil {
				t.Fatal(err)
			}
			claimed.State = states[(i/2)%len(states)]
			claimed.FinishedAt = claimed.StartedAt.Add(time.Second)
			if err := s.FinishExecution(t.Context(), claimed); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, claimed.ID)
		}

		tests := []struct {
			name      string
			filter    app.ExecutionFilter
			wantTotal int
			match     func(i int) bool // over creation index
		}{
			{"every row", app.ExecutionFilter{Limit: 5}, 20, func(int) bool { return true }},
			{"second page", app.ExecutionFilter{Limit: 5, Offset: 5}, 20, func(int) bool { return true }},
			{"no limit", app.ExecutionFilter{}, 20, func(int) bool { return true }},
			{"by trigger", app.ExecutionFilter{TriggerID: 2, Limit: 3}, 10, func(i int) bool { return i%2 == 1 }},
			{"by state", app.ExecutionFilter{State: app.StateSucceeded, Limit: 4}, 10,
				func(i int) bool { return states[(i/2)%4] == app.StateSucceeded }},
			{"by trigger and state", app.ExecutionFilter{TriggerID: 1, State: app.StateFailed, Limit: 50}, 3,
				func(i int) bool { return i%2 == 0 && states[(i/2)%4] == app.StateFailed }},
			{"no match", app.ExecutionFilter{State: app.StateMissed}, 0, func(int) bool { return false }},
			{"past the end", app.ExecutionFilter{Limit: 5, Offset: 40}, 20, func(int) bool { return false }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// when
				page, err := s.Executions(t.Context(), tt.filter)
				if err != nil {
					t.Fatal(err)
				}

				// then
				var want []int64
				for i := len(ids) - 1; i >= 0; i-- {
					if tt.match(i) {
						want = append(want, ids[i])
					}
				}
				want = want[min(tt.filter.Offset, len(want)):]
				if tt.filter.Limit > 0 {
					want = want[:min(tt.filter.Limit, len(want))]
				}
				var got []int64
				for _, e := range page.Executions {
					got = append(got, e.ID)
				}
				if page.Total != tt.wantTotal || !reflect.DeepEqual(got, want) {
					t.Fatalf("total %d ids %v, want total %d ids %v", page.Total, got, tt.wantTotal, want)
				}
			})
		}
	})
}

func TestInterruptRunningMarksRunningRowsOfOtherInstancesOnly(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: two runs left by a dead process, one run of this process, one finished run
		s := db.Open(t)
		claim := func(triggerID int64, instance string) app.Execution {
			t.Helper()
			e := scheduledRun(triggerID, at(2, 8, 0))
			e.Instance = instance
			claimed, err := s.ClaimExecution(t.Context(), e)
			if err != nil {
				t.Fatal(err)
			}
			return claimed
		}
		dead1, dead2 := claim(1, "muerto"), claim(2, "")
		mine := claim(4, "vivo")
		finished := claim(3, "muerto")
		finished.State, finished.FinishedAt = app.StateSucceeded, at(2, 8, 1)
		if err := s.FinishExecution(t.Context(), finished); err != nil {
			t.Fatal(err)
		}

		// when
		reason := app.Msg(app.CodeRunCrashed, nil)
		n, err := s.InterruptRunning(t.Context(), at(2, 9, 0), reason, "vivo")

		// then: the reason is kept as its code and as its Spanish words
		if err != nil || n != 2 {
			t.Fatalf("interrupted %d, %v; want 2", n, err)
		}
		for _, id := range []int64{dead1.ID, dead2.ID} {
			got, _ := s.Execution(t.Context(), id)
			if got.State != app.StateInterrupted || !got.FinishedAt.Equal(at(2, 9, 0)) ||
				got.Problem == nil || !reflect.DeepEqual(*got.Problem, reason) || got.Error != messages.Text("es", reason) ||
				!strings.HasPrefix(got.Error, "Vigía se cerró durante la ejecución") {
				t.Fatalf("row %d: %+v", id, got)
			}
		}
		if got, _ := s.Execution(t.Context(), mine.ID); !reflect.DeepEqual(got, mine) {
			t.Fatalf("this instance's running row touched:\n got %+v\nwant %+v", got, mine)
		}
		if got, _ := s.Execution(t.Context(), finished.ID); got.State != app.StateSucceeded || got.Error != "" {
			t.Fatalf("finished row touched: %+v", got)
		}
		running, _ := s.Executions(t.Context(), app.ExecutionFilter{State: app.StateRunning})
		interrupted, _ := s.Executions(t.Context(), app.ExecutionFilter{State: app.StateInterrupted})
		if running.Total != 1 || interrupted.Total != 2 {
			t.Fatalf("totals after interrupt: en_curso %d, interrumpida %d; want 1 and 2", running.Total, interrupted.Total)
		}
		if n, err := s.InterruptRunning(t.Context(), at(2, 10, 0), app.Msg(app.CodeRunCrashed, nil), "vivo"); n != 0 || err != nil {
			t.Fatalf("second interrupt: %d, %v; want 0", n, err)
		}
	})
}

func TestAcknowledgedClaimIsDurable(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		claimed, err := s.ClaimExecution(t.Context(), scheduledRun(7, at(2, 8, 30)))
		if err != nil {
			t.Fatal(err)
		}

		// when: another process looks before this store closes (the claim was
		// committed when acknowledged, not at Close)...
		seen, err := db.Open(t).Execution(t.Context(), claimed.ID)

		// then
		if err != nil || !reflect.DeepEqual(seen, claimed) {
			t.Fatalf("claim seen by another process: %+v, %v; want %+v", seen, err, claimed)
		}

		// and it survives closing and reopening
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		reopened := db.Open(t)
		got, err := reopened.Execution(t.Context(), claimed.ID)
		if err != nil || !reflect.DeepEqual(got, claimed) {
			t.Fatalf("after reopen: %+v, %v; want %+v", got, err, claimed)
		}
		if _, err := reopened.ClaimExecution(t.Context(), scheduledRun(7, at(2, 8, 30))); !errors.Is(err, app.ErrSlotTaken) {
			t.Fatalf("slot claimed before reopen: err = %v, want app.ErrSlotTaken", err)
		}
	})
}

func TestClaimsAndFinishesRacingCloseAreCommittedOrRefused(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		const callers = 100
		results := make([]error, callers)
		ids := make([]int64, callers)
		var wg sync.WaitGroup
		for i := range callers {
			wg.Go(func() {
				e, err := s.ClaimExecution(t.Context(), scheduledRun(int64(i+1), at(2, 8, 30)))
				results[i], ids[i] = err, e.ID
			})
		}

		// when
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()

		// then: each caller was told the truth
		reopened := db.Open(t)
		acked := 0
		for i, err := range results {
			switch {
			case err == nil:
				acked++
				if _, err := reopened.Execution(t.Context(), ids[i]); err != nil {
					t.Errorf("acknowledged claim %d lost: %v", ids[i], err)
				}
			case errors.Is(err, storage.ErrClosed) && errors.Is(err, app.ErrShuttingDown):
			default:
				t.Errorf("caller %d: unexpected error %v", i, err)
			}
		}
		page, err := reopened.Executions(t.Context(), app.ExecutionFilter{})
		if err != nil || page.Total != acked {
			t.Fatalf("rows %d, acknowledged %d (%v)", page.Total, acked, err)
		}
	})
}

func TestWritesAfterCloseAreRefused(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}

		_, err := s.ClaimExecution(t.Context(), scheduledRun(1, at(2, 8, 30)))

		if !errors.Is(err, app.ErrShuttingDown) {
			t.Fatalf("err = %v, want app.ErrShuttingDown", err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	})
}

func ExampleStore_Executions() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "vigia-example")
	defer os.RemoveAll(dir)
	s, err := storage.Open(ctx, filepath.Join(dir, "vigia.db"))
	if err != nil {
		panic(err)
	}
	defer s.Close()
	slot := time.Date(2025, 3, 3, 13, 30, 0, 0, time.UTC)
	for _, origin := range []app.RunOrigin{app.OriginScheduled, app.OriginScheduled, app.OriginManual} {
		_, err := s.ClaimExecution(ctx, app.Execution{TriggerID: 1, ScheduledFor: slot, StartedAt: slot, Origin: origin})
		fmt.Println(origin, err == nil)
	}
	page, _ := s.Executions(ctx, app.ExecutionFilter{TriggerID: 1, Limit: 50})
	fmt.Println("total", page.Total, "newest", page.Executions[0].Origin)
	// Output:
	// programada true
	// programada false
	// manual true
	// total 2 newest manual
}
