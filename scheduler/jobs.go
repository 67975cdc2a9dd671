package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/go-co-op/gocron/v2"

	"vigia/app"
)

// armedJob is what a trigger's gocron job was built from.
type armedJob struct {
	key      jobKey
	name     string
	schedule app.Schedule
	loc      *time.Location // the zone the job reads its schedule in
}

// jobKey fingerprints what a job depends on: the trigger's name and schedule,
// and the zone. An unchanged key means the armed job is already right.
type jobKey struct {
	zone          string
	name          string
	frequency     app.Frequency
	hour, minute  int
	weekdays      uint8 // bit d set: runs on time.Weekday(d)
	dayOfMonth    int
	intervalHours int
	anchor        int64 // UnixNano; 0 when unset
}

func keyOf(t app.Trigger, loc *time.Location) jobKey {
	sc := t.Schedule
	k := jobKey{zone: loc.String(), name: t.Name, frequency: sc.Frequency, hour: sc.Hour, minute: sc.Minute}
	switch sc.Frequency {
	case app.FrequencyWeekly:
		for _, d := range sc.Weekdays {
			k.weekdays |= 1 << uint(d%7)
		}
	case app.FrequencyMonthly:
		k.dayOfMonth = sc.DayOfMonth
	case app.FrequencyHourly:
		k.hour, k.minute = 0, 0
		k.intervalHours = sc.IntervalHours
		if !sc.Anchor.IsZero() {
			k.anchor = sc.Anchor.UnixNano()
		}
	}
	return k
}

// Sync makes the jobs equal to the active triggers in triggers: unchanged ones
// are left alone, changed ones re-armed, inactive and vanished ones removed.
// A trigger that cannot be armed does not stop the others; every failure is
// returned, joined.
func (s *Scheduler) Sync(ctx context.Context, triggers []app.Trigger) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	loc := s.location()

	want := make(map[int64]struct{}, len(triggers))
	for _, t := range triggers {
		if t.Active {
			want[t.ID] = struct{}{}
		}
	}
	var errs []error
	changed := false
	for id := range s.armed {
		if _, ok := want[id]; !ok {
			if err := s.disarm(id); err != nil {
				errs = append(errs, err)
			}
			changed = true
		}
	}
	for _, t := range triggers {
		if !t.Active {
			continue
		}
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("sync triggers: %w", err))
			break
		}
		if a, ok := s.armed[t.ID]; ok && a.key == keyOf(t, loc) {
			continue
		}
		changed = true
		if err := s.arm(t, loc); err != nil {
			errs = append(errs, err)
		}
	}
	if changed {
		s.publish()
	}
	return errors.Join(errs...)
}

// Upsert adds or replaces the job of t, or removes it when t is inactive.
func (s *Scheduler) Upsert(t app.Trigger) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !t.Active {
		if _, ok := s.armed[t.ID]; !ok {
			return nil
		}
		defer s.publish()
		return s.disarm(t.ID)
	}
	loc := s.location()
	if a, ok := s.armed[t.ID]; ok && a.key == keyOf(t, loc) {
		return nil
	}
	defer s.publish()
	return s.arm(t, loc)
}

// Remove drops the job of a trigger, if any.
func (s *Scheduler) Remove(triggerID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.armed[triggerID]; !ok {
		return nil
	}
	defer s.publish()
	return s.disarm(triggerID)
}

// Rearm removes every job and creates one per active trigger in triggers,
// from scratch. It is for after the wall clock jumped (sleep, resume, a clock
// or zone change): gocron's timers count monotonic time, which a suspended
// machine does not advance, so a surviving timer would fire late or at the
// wrong wall time. Fresh jobs are timed from the current wall clock. A
// trigger that cannot be armed does not stop the others.
func (s *Scheduler) Rearm(ctx context.Context, triggers []app.Trigger) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rearm(ctx, triggers)
}

// rearmArmed re-creates the jobs the scheduler already has: what a standby
// instance does after a clock jump, as only the leader reads the store then.
func (s *Scheduler) rearmArmed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	triggers := make([]app.Trigger, 0, len(s.armed))
	for id, a := range s.armed {
		triggers = append(triggers, app.Trigger{ID: id, Name: a.name, Active: true, Schedule: a.schedule})
	}
	return s.rearm(context.Background(), triggers)
}

// rearm replaces every job with a fresh one per active trigger. s.mu is held.
func (s *Scheduler) rearm(ctx context.Context, triggers []app.Trigger) error {
	defer s.publish()
	loc := s.location()
	var errs []error
	for id := range s.armed {
		if err := s.disarm(id); err != nil {
			errs = append(errs, err)
		}
	}
	for _, t := range triggers {
		if !t.Active {
			continue
		}
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("rearm triggers: %w", err))
			break
		}
		if err := s.arm(t, loc); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// arm creates or replaces the job of an active trigger, reading its schedule
// in loc. On failure the trigger has no job: an old schedule must not keep
// firing. s.mu is held.
func (s *Scheduler) arm(t app.Trigger, loc *time.Location) error {
	t.Schedule.Weekdays = slices.Clone(t.Schedule.Weekdays) // the caller keeps its slice
	a := armedJob{key: keyOf(t, loc), name: t.Name, schedule: t.Schedule, loc: loc}
	if a.name == "" {
		a.name = jobTag(t.ID)
	}
	cron := slotCron{schedule: t.Schedule, loc: loc}
	if err := cron.IsValid("", loc, s.clock.Now()); err != nil {
		return errors.Join(fmt.Errorf("arm trigger %d: %w", t.ID, err), s.disarm(t.ID))
	}
	id, name, schedule := t.ID, a.name, t.Schedule
	task := gocron.NewTask(func() { s.fire(id, name, schedule, loc) })
	// No singleton mode: a long run must not swallow the trigger's next slot.
	opts := []gocron.JobOption{
		gocron.WithIdentifier(jobID(id)),
		gocron.WithName(name),
		gocron.WithTags(jobTag(id)),
		gocron.WithCronImplementation(cron),
		gocron.WithDaylightSavingsTimePolicy(gocron.DaylightSavingsTimeRunAfterTransition),
	}
	def := gocron.CronJob(jobTag(id), false)
	var err error
	if _, ok := s.armed[id]; ok {
		_, err = s.gs.Update(jobID(id), def, task, opts...)
	} else {
		_, err = s.gs.NewJob(def, task, opts...)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("arm trigger %d: %w", id, err), s.disarm(id))
	}
	s.armed[id] = a
	return nil
}

// disarm removes a trigger's job. s.mu is held.
func (s *Scheduler) disarm(triggerID int64) error {
	if _, ok := s.armed[triggerID]; !ok {
		return nil
	}
	delete(s.armed, triggerID)
	if err := s.gs.RemoveJob(jobID(triggerID)); err != nil && !errors.Is(err, gocron.ErrJobNotFound) {
		return fmt.Errorf("remove job of trigger %d: %w", triggerID, err)
	}
	return nil
}
