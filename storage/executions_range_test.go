package storage_test

import (
	"cmp"
	"reflect"
	"slices"
	"testing"
	"time"

	"vigia/app"
)

func TestExecutionsByScheduledDateRange(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: 3 days of hourly slots of triggers 1 and 2 (alternating), every
		// fourth one failed, recorded in shuffled order (a late catch-up writes old
		// slots), plus two manual runs sharing the slot of a failed scheduled one
		// of trigger 1: one of trigger 1, failed, one of trigger 2
		s := db.Open(t)
		type row struct {
			trigger int64
			slot    time.Time
			state   app.RunState
		}
		var rows []row
		for i := range 72 {
			st := app.StateSucceeded
			if i%4 == 0 {
				st = app.StateFailed
			}
			rows = append(rows, row{int64(1 + i%2), at(10, 0, 0).Add(time.Duration(i) * time.Hour), st})
		}
		var batch []app.Execution
		var recorded []row // in the order of their IDs
		for i := range 72 {
			r := rows[(i*29)%72] // 29 is prime to 72: a permutation
			recorded = append(recorded, r)
			batch = append(batch, app.Execution{TriggerID: r.trigger, TriggerName: "T", ScheduledFor: r.slot,
				StartedAt: r.slot, FinishedAt: r.slot.Add(time.Second), State: r.state, Origin: app.OriginScheduled})
		}
		if n, err := s.RecordExecutions(t.Context(), batch); err != nil || n != 72 {
			t.Fatalf("recorded %d, %v", n, err)
		}
		var manual []int64
		for _, r := range []row{{1, at(11, 4, 0), app.StateFailed}, {2, at(11, 4, 0), app.StateSucceeded}} {
			x, err := s.ClaimExecution(t.Context(), app.Execution{TriggerID: r.trigger, TriggerName: "T", ScheduledFor: r.slot,
				StartedAt: r.slot, State: r.state, Origin: app.OriginManual})
			if err != nil {
				t.Fatal(err)
			}
			recorded, manual = append(recorded, r), append(manual, x.ID)
		}
		// newest first: by slot, then trigger, state and ID (all descending)
		newest := slices.Clone(recorded)
		slices.Reverse(newest)
		slices.SortStableFunc(newest, func(a, b row) int {
			if c := b.slot.Compare(a.slot); c != 0 {
				return c
			}
			if c := cmp.Compare(b.trigger, a.trigger); c != 0 {
				return c
			}
			return cmp.Compare(b.state, a.state)
		})

		tests := []struct {
			name   string
			filter app.ExecutionFilter
		}{
			{"one day", app.ExecutionFilter{From: at(11, 0, 0), To: at(12, 0, 0)}},
			{"from only", app.ExecutionFilter{From: at(12, 20, 0)}},
			{"to only", app.ExecutionFilter{To: at(10, 3, 0)}},
			{"day and trigger", app.ExecutionFilter{From: at(11, 0, 0), To: at(12, 0, 0), TriggerID: 2}},
			{"day and state", app.ExecutionFilter{From: at(11, 0, 0), To: at(12, 0, 0), State: app.StateFailed}},
			{"trigger and state", app.ExecutionFilter{From: at(10, 0, 0), TriggerID: 1, State: app.StateFailed}},
			{"second page", app.ExecutionFilter{From: at(10, 12, 0), To: at(12, 0, 0), Limit: 5, Offset: 5}},
			{"empty range", app.ExecutionFilter{From: at(20, 0, 0), To: at(21, 0, 0)}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// when
				page, err := s.Executions(t.Context(), tt.filter)
				if err != nil {
					t.Fatal(err)
				}

				// then: the matching rows, newest slot first
				f := tt.filter
				var want []string
				for _, r := range newest {
					if (!f.From.IsZero() && r.slot.Before(f.From)) || (!f.To.IsZero() && !r.slot.Before(f.To)) ||
						(f.TriggerID != 0 && r.trigger != f.TriggerID) || (f.State != "" && r.state != f.State) {
						continue
					}
					want = append(want, key(r.trigger, r.slot, r.state))
				}
				total := len(want)
				want = want[min(f.Offset, len(want)):]
				if f.Limit > 0 {
					want = want[:min(f.Limit, len(want))]
				}
				var got []string
				for _, e := range page.Executions {
					got = append(got, key(e.TriggerID, e.ScheduledFor, e.State))
				}
				if page.Total != total || !reflect.DeepEqual(got, want) {
					t.Fatalf("total %d rows %v\nwant total %d rows %v", page.Total, got, total, want)
				}
			})
		}

		t.Run("ties by trigger, state, then the newest", func(t *testing.T) {
			page, err := s.Executions(t.Context(), app.ExecutionFilter{From: at(11, 4, 0), To: at(11, 5, 0)})
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, x := range page.Executions {
				got = append(got, x.ID)
			}
			if len(got) != 3 || got[0] != manual[1] || got[1] != manual[0] || page.Executions[2].Origin != app.OriginScheduled {
				t.Fatalf("rows %v, want trigger 2's manual run %d, trigger 1's %d, then the scheduled one", got, manual[1], manual[0])
			}
		})
	})
}

func key(trigger int64, slot time.Time, st app.RunState) string {
	return slot.UTC().Format("02T15") + "/" + string(rune('0'+trigger)) + "/" + string(st)
}
