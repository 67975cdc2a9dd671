package app

import (
	"time"
)

// DraftCheck is what an editor shows while the user types: whether the draft
// can be saved and when it would run.
type DraftCheck struct {
	// Trigger is what saving would store; zero when Err is set.
	Trigger Trigger
	// Err is a *ValidationError listing every bad field, or nil.
	Err error
	// Schedule is the draft's schedule as soon as its fields are valid, even
	// while other fields are not: the preview follows the schedule while the
	// name is still empty. Zero while the schedule is invalid.
	Schedule Schedule
	// NextRuns are Schedule's next n slots from now.
	NextRuns []time.Time
}

// CheckDraft validates d laid over current (nil for a new trigger) exactly as
// CreateTrigger and UpdateTrigger would, without saving, and previews its
// next n slots (0 <= n <= MaxNextRuns). Unlike PreviewSchedule, an edited
// hourly trigger keeps its grid, so the preview matches what saving does.
// It reads nothing from the store: the editor calls it on every keystroke.
func (s *Service) CheckDraft(current *Trigger, d TriggerDraft, n int) DraftCheck {
	n = min(max(n, 0), MaxNextRuns)
	now := s.clock.Now()
	anchor := now.Truncate(time.Minute)
	var c DraftCheck
	c.Trigger, c.Err = d.Build(current, anchor, s.DefaultRecipients())
	sched, ok := c.Trigger.Schedule, c.Err == nil
	if !ok {
		sched, ok = draftSchedule(current, d, anchor)
	}
	if ok {
		c.Schedule = sched
		if n > 0 {
			c.NextRuns = sched.NextN(now, s.location(), n)
		}
	}
	return c
}

// draftSchedule is the schedule Build would give d over current, when the
// schedule fields are valid, whatever the other fields say.
func draftSchedule(current *Trigger, d TriggerDraft, anchor time.Time) (Schedule, bool) {
	sched, ok := buildSchedule(d.over(fieldsOf(current)), fieldErrors{})
	if !ok {
		return Schedule{}, false
	}
	if sched.Frequency == FrequencyHourly {
		sched.Anchor = anchor
		if current != nil && current.Schedule.Frequency == FrequencyHourly && !current.Schedule.Anchor.IsZero() {
			sched.Anchor = current.Schedule.Anchor
		}
	}
	return sched, true
}
