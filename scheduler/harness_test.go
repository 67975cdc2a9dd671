package scheduler

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
)

// failAfter bounds every wait of a test; it only guards against a hang.
const failAfter = 5 * time.Second

type firing struct {
	triggerID int64
	name      string
	slot      time.Time
}

// harness is a started Scheduler on a fake clock whose RunFunc reports every
// firing on a channel.
type harness struct {
	t     *testing.T
	clock *clockwork.FakeClock
	sched *Scheduler
	loc   *time.Location
	fired chan firing
}

func newHarness(t *testing.T, loc *time.Location, start time.Time) *harness {
	t.Helper()
	h := &harness{t: t, clock: clockwork.NewFakeClockAt(start), loc: loc, fired: make(chan firing, 64)}
	s, err := New(func(id int64, name string, slot time.Time) {
		h.fired <- firing{triggerID: id, name: name, slot: slot}
	}, WithClock(h.clock), WithLocation(loc), WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatalf("new scheduler: %v", err)
	}
	s.Start()
	t.Cleanup(func() {
		if err := s.Shutdown(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	h.sched = s
	return h
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}

func (h *harness) upsert(tr app.Trigger) {
	h.t.Helper()
	if err := h.sched.Upsert(tr); err != nil {
		h.t.Fatalf("upsert trigger %d: %v", tr.ID, err)
	}
}

// nextRunInGocron asks gocron itself when it will fire a trigger's job.
func (h *harness) nextRunInGocron(triggerID int64) time.Time {
	h.t.Helper()
	for _, j := range h.sched.gs.Jobs() {
		if j.ID() == jobID(triggerID) {
			next, err := j.NextRun()
			if err != nil {
				h.t.Fatalf("gocron next run of trigger %d: %v", triggerID, err)
			}
			return next
		}
	}
	h.t.Fatalf("gocron has no job for trigger %d", triggerID)
	return time.Time{}
}

// gocronJobs returns the trigger IDs gocron has a job for, as their tags say.
func (h *harness) gocronJobs() map[string]bool {
	out := map[string]bool{}
	for _, j := range h.sched.gs.Jobs() {
		for _, tag := range j.Tags() {
			out[tag] = true
		}
	}
	return out
}

// advanceTo waits until gocron armed the timers of armed jobs, then moves the
// fake clock to at.
func (h *harness) advanceTo(at time.Time, armed int) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), failAfter)
	defer cancel()
	if err := h.clock.BlockUntilContext(ctx, armed); err != nil {
		h.t.Fatalf("waiting for %d armed timers: %v", armed, err)
	}
	h.clock.Advance(at.Sub(h.clock.Now()))
}

func (h *harness) nextFiring() firing {
	h.t.Helper()
	select {
	case f := <-h.fired:
		return f
	case <-time.After(failAfter):
		h.t.Fatalf("no firing within %s (clock at %s)", failAfter, h.clock.Now().In(h.loc))
		return firing{}
	}
}

// expectSlots checks that trigger id, the only armed job, is timed for each
// slot in turn and fires there with that slot.
func (h *harness) expectSlots(id int64, slots ...time.Time) {
	h.t.Helper()
	for _, want := range slots {
		if got := h.nextRunInGocron(id); !got.Equal(want) {
			h.t.Fatalf("gocron next run = %s, want %s", got.In(h.loc), want)
		}
		h.advanceTo(want, 1)
		f := h.nextFiring()
		if f.triggerID != id || !f.slot.Equal(want) {
			h.t.Fatalf("fired trigger %d slot %s, want trigger %d slot %s", f.triggerID, f.slot.In(h.loc), id, want)
		}
	}
}

func at(loc *time.Location, year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, loc)
}

func daily(id int64, name string, hour, minute int) app.Trigger {
	return app.Trigger{ID: id, Name: name, Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: hour, Minute: minute}}
}

// lastRunInGocron is when gocron last fired a trigger's job; zero for a job
// that never fired (a fresh one).
func (h *harness) lastRunInGocron(triggerID int64) time.Time {
	h.t.Helper()
	for _, j := range h.sched.gs.Jobs() {
		if j.ID() == jobID(triggerID) {
			//nolint:staticcheck // LastRun is set before the task runs; LastRunStartedAt is not.
			last, err := j.LastRun()
			if err != nil {
				h.t.Fatalf("gocron last run of trigger %d: %v", triggerID, err)
			}
			return last
		}
	}
	h.t.Fatalf("gocron has no job for trigger %d", triggerID)
	return time.Time{}
}
