package scheduler

import (
	"cmp"
	"slices"
	"time"

	"vigia/app"
)

// snapshot is what Status copies out. It is rebuilt when the jobs change and,
// lazily, when a fire moved the earliest next runs into the past. It is never
// modified once published.
type snapshot struct {
	jobs      []app.ScheduledJob // by next run, then trigger ID
	schedules []app.Schedule     // schedules[i] is the schedule of jobs[i]
	locs      []*time.Location   // locs[i] is the zone jobs[i] was armed in
}

// Status returns the armed triggers with their next run. It never asks gocron:
// next runs come from app.Schedule.Next, which is what gocron times. Without
// a Coordinator this process is the leader.
func (s *Scheduler) Status() app.SchedulerStatus {
	snap := s.snap.Load()
	if now := s.clock.Now(); len(snap.jobs) > 0 && due(snap.jobs[0], now) {
		snap = s.advance(snap, now)
	}
	st := app.SchedulerStatus{Running: s.Running(), Role: app.RoleLeader, Jobs: slices.Clone(snap.jobs)}
	if s.coord != nil {
		st.Role, st.Leader, st.Problem = s.coord.role()
	}
	return st
}

// publish rebuilds the snapshot from the armed jobs. s.mu is held.
func (s *Scheduler) publish() {
	now := s.clock.Now()
	entries := make([]statusEntry, 0, len(s.armed))
	for id, a := range s.armed {
		entries = append(entries, statusEntry{
			job:      app.ScheduledJob{TriggerID: id, Name: a.name, NextRun: a.schedule.Next(now, a.loc)},
			schedule: a.schedule,
			loc:      a.loc,
		})
	}
	s.snap.Store(sorted(entries))
}

// advance moves the next runs that have come (a prefix, as jobs are sorted)
// to their following slot and publishes the result, unless a change published
// a newer snapshot meanwhile.
func (s *Scheduler) advance(old *snapshot, now time.Time) *snapshot {
	entries := make([]statusEntry, len(old.jobs))
	for i, job := range old.jobs {
		if due(job, now) {
			job.NextRun = old.schedules[i].Next(now, old.locs[i])
		}
		entries[i] = statusEntry{job: job, schedule: old.schedules[i], loc: old.locs[i]}
	}
	next := sorted(entries)
	s.snap.CompareAndSwap(old, next)
	return next
}

// due reports whether a job's next run has come: gocron fired it and armed
// the following slot.
func due(job app.ScheduledJob, now time.Time) bool {
	return !job.NextRun.IsZero() && !job.NextRun.After(now)
}

type statusEntry struct {
	job      app.ScheduledJob
	schedule app.Schedule
	loc      *time.Location
}

// sorted orders entries by next run (none last), then trigger ID.
func sorted(entries []statusEntry) *snapshot {
	slices.SortFunc(entries, func(a, b statusEntry) int {
		if c := compareNext(a.job.NextRun, b.job.NextRun); c != 0 {
			return c
		}
		return cmp.Compare(a.job.TriggerID, b.job.TriggerID)
	})
	snap := &snapshot{
		jobs:      make([]app.ScheduledJob, len(entries)),
		schedules: make([]app.Schedule, len(entries)),
		locs:      make([]*time.Location, len(entries)),
	}
	for i, e := range entries {
		snap.jobs[i], snap.schedules[i], snap.locs[i] = e.job, e.schedule, e.loc
	}
	return snap
}

func compareNext(a, b time.Time) int {
	if a.IsZero() || b.IsZero() {
		return cmp.Compare(boolInt(a.IsZero()), boolInt(b.IsZero()))
	}
	return a.Compare(b)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
