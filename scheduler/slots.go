package scheduler

import (
	"errors"
	"time"

	"github.com/go-co-op/gocron/v2"

	"vigia/app"
)

// ErrNoSlots is returned for a schedule that never runs (an invalid one).
var ErrNoSlots = errors.New("la programación no tiene próximas ejecuciones")

// slotCron makes gocron time the slots of an app.Schedule.
//
// Next resolves DST itself, as app.Schedule does: a local time inside a
// spring-forward gap runs at the transition, an ambiguous one once, at its
// first occurrence. Jobs still set gocron's DaylightSavingsTimeRunAfterTransition
// policy (arm), the one that agrees with that rule, so the intent is written
// down and a future gocron default cannot change it. Its branch never fires
// here, though: gocron runs in UTC (see New) and Next answers in UTC or a
// fixed zone, zones without gaps. That is on purpose, because in a local zone
// the branch walks every day between two runs and inserts a run on any day
// whose wall time falls in a gap, even a day the schedule does not run (a
// weekly Monday trigger would also run on the Sunday of the transition).
//
// A slotCron is immutable: it keeps the zone its job was armed with, so a
// zone change (Scheduler.SetLocation) never races with gocron asking Next;
// the job is re-armed with a new slotCron instead.
type slotCron struct {
	schedule app.Schedule
	loc      *time.Location
}

var _ gocron.Cron = slotCron{}

// IsValid accepts any crontab (it is only the job's label) and refuses a
// schedule without a next slot.
func (c slotCron) IsValid(_ string, _ *time.Location, now time.Time) error {
	if c.schedule.Next(now, c.loc).IsZero() {
		return ErrNoSlots
	}
	return nil
}

// Next is the first slot after lastRun, in UTC (see New for why UTC).
func (c slotCron) Next(lastRun time.Time) time.Time {
	next := c.schedule.Next(lastRun, c.loc)
	switch {
	case next.IsZero():
		return next
	case next.Unix() == lastRun.Unix():
		// gocron's cronJob.next takes a next run whose wall clock equals
		// lastRun's to the second for a DST fall-back repeat, and skips it.
		// In UTC that only happens to a slot less than a second after the
		// time the job is armed (an anchor with a fraction of a second): in a
		// zone one second off UTC the wall clocks differ and gocron keeps it.
		return next.In(oneSecondEast)
	}
	return next.UTC()
}

var oneSecondEast = time.FixedZone("UTC+00:00:01", 1)

// fire is a job's task: it hands the due slot to the RunFunc. gocron fires at
// or after a slot, so the due slot is the latest one at or before now, in the
// zone loc the job was armed with. The run
// goes on its own goroutine so that gocron's stop never waits on a digest: the
// Service waits for its runs, with its own bound.
func (s *Scheduler) fire(triggerID int64, name string, schedule app.Schedule, loc *time.Location) {
	slot := schedule.Prev(s.clock.Now(), loc)
	if slot.IsZero() {
		s.log.Warn("disparo sin turno vencido: se omite", "trigger_id", triggerID)
		return
	}
	go s.run(triggerID, name, slot)
}
