package app

import "time"

// Delay is how late a run started: StartedAt minus its slot, ScheduledFor.
// ok is false when there is no slot to be late for (a run on demand, manual
// or a test, whose ScheduledFor is only the moment it was asked for) or when
// either time is missing.
func (e Execution) Delay() (delay time.Duration, ok bool) {
	if e.Origin == OriginManual || e.Origin == OriginTest || e.ScheduledFor.IsZero() || e.StartedAt.IsZero() {
		return 0, false
	}
	return e.StartedAt.Sub(e.ScheduledFor), true
}
