package scheduler_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/scheduler"
)

// manyTriggers returns n active triggers of every frequency, spread over the day.
func manyTriggers(n int, now time.Time) []app.Trigger {
	out := make([]app.Trigger, n)
	for i := range out {
		sc := app.Schedule{Hour: i % 24, Minute: (i / 24) % 60}
		switch i % 4 {
		case 0:
			sc.Frequency = app.FrequencyDaily
		case 1:
			sc.Frequency = app.FrequencyWeekly
			sc.Weekdays = app.SortWeekdays([]time.Weekday{time.Monday, time.Weekday(i % 7)})
		case 2:
			sc.Frequency = app.FrequencyMonthly
			sc.DayOfMonth = i%31 + 1
		case 3:
			sc = app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: i%12 + 1, Anchor: now.Add(-time.Duration(i) * time.Minute)}
		}
		out[i] = app.Trigger{ID: int64(i + 1), Name: fmt.Sprintf("Trigger %d", i+1), Schedule: sc, Active: true}
	}
	return out
}

func startedScheduler(b *testing.B) *scheduler.Scheduler {
	b.Helper()
	bogota, err := time.LoadLocation("America/Bogota")
	if err != nil {
		b.Fatal(err)
	}
	s, err := scheduler.New(func(int64, string, time.Time) {},
		scheduler.WithLocation(bogota), scheduler.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		b.Fatal(err)
	}
	s.Start()
	return s
}

func shutdown(b *testing.B, s *scheduler.Scheduler) {
	b.Helper()
	if err := s.Shutdown(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSync10000 is a reload of 10,000 triggers (target < 500 ms): cold
// into a started scheduler with no jobs, warm over the same triggers.
func BenchmarkSync10000(b *testing.B) {
	triggers := manyTriggers(10_000, time.Now())
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := startedScheduler(b)
			b.StartTimer()
			if err := s.Sync(context.Background(), triggers); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			shutdown(b, s)
			b.StartTimer()
		}
	})
	b.Run("warm", func(b *testing.B) {
		s := startedScheduler(b)
		defer shutdown(b, s)
		if err := s.Sync(context.Background(), triggers); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := s.Sync(context.Background(), triggers); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func benchmarkStatus(b *testing.B, n int) {
	s := startedScheduler(b)
	defer shutdown(b, s)
	if err := s.Sync(context.Background(), manyTriggers(n, time.Now())); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if st := s.Status(); len(st.Jobs) != n {
			b.Fatalf("status has %d jobs, want %d", len(st.Jobs), n)
		}
	}
}

// BenchmarkStatus10000 is the status snapshot with 10,000 jobs (target < 50 ms).
func BenchmarkStatus10000(b *testing.B) { benchmarkStatus(b, 10_000) }

// BenchmarkStatus100 is the status snapshot with 100 jobs (microseconds).
func BenchmarkStatus100(b *testing.B) { benchmarkStatus(b, 100) }

// BenchmarkFireLateness1000 puts 1,000 hourly triggers on the same slot, about
// 6 s ahead on the real clock (time to create them, on PostgreSQL too), runs
// them through the real Service and storage (no alerts, so no mail), and
// reports from the history how late each run started (inicio -
// programada_para) and finished (fin - programada_para), on SQLite and on
// PostgreSQL. Run it with -benchtime=1x.
func BenchmarkFireLateness1000(b *testing.B) { onEachBackend(b, benchmarkFireLateness1000) }

func benchmarkFireLateness1000(b *testing.B, be backend) {
	const n = 1000
	var started, finished []time.Duration
	for b.Loop() {
		s, f := fireBurst(b, be, n)
		started, finished = append(started, s...), append(finished, f...)
	}
	report := func(name string, d []time.Duration) {
		slices.Sort(d)
		b.ReportMetric(ms(d[len(d)/2]), name+"_p50_ms")
		b.ReportMetric(ms(d[len(d)*99/100]), name+"_p99_ms")
		b.ReportMetric(ms(d[len(d)-1]), name+"_max_ms")
	}
	report("start", started)
	report("finish", finished)
	b.ReportMetric(float64(len(started))/float64(b.N), "runs/op")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func fireBurst(b *testing.B, be backend, n int) (started, finished []time.Duration) {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	ctx := context.Background()
	bogota, err := time.LoadLocation("America/Bogota")
	if err != nil {
		b.Fatal(err)
	}
	sys := newSystemOn(b, be, clockwork.NewRealClock(), bogota)
	done := make(chan app.Execution, n)
	sys.svc.Subscribe(func(e app.Event) {
		if e.Kind == app.EventRunFinished {
			done <- e.Execution
		}
	})

	// Every trigger's grid has a slot about 6 s from now, on a whole second
	// as real anchors are (whole minutes): anchor = slot - 1 h.
	slot := time.Now().Add(6500 * time.Millisecond).Truncate(time.Second)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			_, err := sys.store.CreateTrigger(ctx, app.Trigger{
				Name: fmt.Sprintf("Ráfaga %d", i+1), Active: true,
				Schedule:   app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: slot.Add(-time.Hour)},
				Priorities: []app.Priority{app.PriorityCritical},
				CreatedAt:  time.Now(), UpdatedAt: time.Now(),
			})
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatalf("create trigger: %v", err)
	}
	if _, err := sys.svc.Reload(ctx); err != nil {
		b.Fatalf("reload: %v", err)
	}
	if until := time.Until(slot); until < 500*time.Millisecond {
		b.Fatalf("setup took too long: the slot is %s away", until)
	}

	b.StartTimer()
	timeout := time.After(time.Until(slot) + 30*time.Second)
	for range n {
		select {
		case <-done:
		case <-timeout:
			b.Fatalf("not every run finished within 30 s of the slot")
		}
	}
	b.StopTimer()

	var rows []app.Execution
	for offset := 0; ; offset += app.MaxHistoryLimit {
		page, err := sys.svc.Executions(ctx, app.ExecutionFilter{Limit: app.MaxHistoryLimit, Offset: offset})
		if err != nil {
			b.Fatalf("history: %v", err)
		}
		rows = append(rows, page.Executions...)
		if len(page.Executions) < app.MaxHistoryLimit {
			break
		}
	}
	if len(rows) != n {
		b.Fatalf("history has %d rows, want %d", len(rows), n)
	}
	for _, e := range rows {
		if e.State != app.StateSucceeded || !e.ScheduledFor.Equal(slot) {
			b.Fatalf("row %+v, want exitoso at %s", e, slot)
		}
		started = append(started, e.StartedAt.Sub(e.ScheduledFor))
		finished = append(finished, e.FinishedAt.Sub(e.ScheduledFor))
	}
	return started, finished
}
