package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// MaxMissedRows bounds the perdida/omitida rows one evaluation records per
// trigger; older missed slots are only counted in the log.
const MaxMissedRows = 100

// Recovery is the outcome of one evaluation of missed slots.
type Recovery struct {
	EvaluatedAt time.Time
	Recovered   int // newest missed slots run now, origen recuperacion
	Missed      int // slots recorded perdida
	Skipped     int // slots recorded omitida because the scheduler was paused
	Uncounted   int // missed slots too old to get a row of their own
}

// CatchUp finds, for every active trigger, the slots that passed without a
// history row since its newest slot row (or its creation or last edit: a
// scheduler was up then), and records them. The newest one of a trigger whose
// CatchUp is set runs once now (recuperacion); the others become perdida rows.
// While the scheduler is paused they all become omitida. It runs at start,
// before timers are armed, and after the wall clock jumps.
func (s *Service) CatchUp(ctx context.Context) (Recovery, error) {
	now := s.clock.Now()
	rep := Recovery{EvaluatedAt: now.In(s.location())}
	triggers, err := s.store.Triggers(ctx)
	if err != nil {
		return rep, fmt.Errorf("catch up: list triggers: %w", err)
	}
	last, err := s.store.LastSlots(ctx)
	if err != nil {
		return rep, fmt.Errorf("catch up: last slots: %w", err)
	}
	paused := s.Paused()
	var rows []Execution
	var recover []recoveryRun
	for _, t := range triggers {
		if !t.Active {
			continue
		}
		missed, run, uncounted := s.missedRuns(t, latest(last[t.ID], t.CreatedAt, t.UpdatedAt), now, paused)
		rows = append(rows, missed...)
		if run != nil {
			recover = append(recover, *run)
		}
		rep.Uncounted += uncounted
	}
	inserted, err := s.store.RecordExecutions(ctx, rows)
	if err != nil {
		return rep, fmt.Errorf("catch up: record missed slots: %w", err)
	}
	if paused {
		rep.Skipped = inserted
	} else {
		rep.Missed = inserted
	}
	for _, r := range recover {
		if s.startRecovery(r) {
			rep.Recovered++
		}
	}
	s.keepRecovery(rep)
	return rep, nil
}

// missedRuns is what one evaluation does about trigger t's slots in
// (base, now]: the perdida rows (omitida while paused), the newest slot to
// run now when t catches up (nil otherwise), and how many slots are too old
// for a row.
func (s *Service) missedRuns(t Trigger, base, now time.Time, paused bool) ([]Execution, *recoveryRun, int) {
	slots, total := missedSlots(t.Schedule, base, now, s.location())
	if total == 0 {
		return nil, nil, 0
	}
	state, reason := StateMissed, Message{Code: CodeRunMissed, Args: nil}
	var run *recoveryRun
	switch {
	case paused:
		state, reason = StateSkipped, Message{Code: CodeRunPaused, Args: nil}
	case t.CatchUp:
		run = &recoveryRun{trigger: t, slot: slots[len(slots)-1]}
		slots, total = slots[:len(slots)-1], total-1
	}
	if len(slots) > MaxMissedRows {
		slots = slots[len(slots)-MaxMissedRows:]
	}
	rows := make([]Execution, len(slots))
	for i, slot := range slots {
		rows[i] = Execution{
			TriggerID: t.ID, TriggerName: t.Name, ScheduledFor: slot, StartedAt: now, FinishedAt: now,
			State: state, Origin: OriginScheduled, Problem: &reason, Instance: s.instance,
		}
	}
	return rows, run, total - len(slots)
}

// keepRecovery logs an evaluation that found something, keeps it for
// LastRecovery and announces it.
func (s *Service) keepRecovery(rep Recovery) {
	if rep.Recovered+rep.Missed+rep.Skipped+rep.Uncounted > 0 {
		s.log.Debug("ejecuciones perdidas evaluadas", "recuperadas", rep.Recovered, "perdidas", rep.Missed,
			"omitidas", rep.Skipped, "sin_fila", rep.Uncounted)
	}
	s.recoveryMu.Lock()
	s.recovery = rep
	s.recoveryMu.Unlock()
	s.publish(Event{Kind: EventRecovered, Recovery: rep})
}

// LastRecovery is the latest evaluation of missed slots.
func (s *Service) LastRecovery() Recovery {
	s.recoveryMu.Lock()
	defer s.recoveryMu.Unlock()
	return s.recovery
}

type recoveryRun struct {
	trigger Trigger
	slot    time.Time
}

// startRecovery claims a missed slot as recuperacion and runs it in the
// background; false when the slot is taken or Vigía is stopping.
func (s *Service) startRecovery(r recoveryRun) bool {
	if err := s.begin(r.trigger.ID, false); err != nil {
		return false
	}
	e, err := s.store.ClaimExecution(s.runCtx, Execution{
		TriggerID: r.trigger.ID, TriggerName: r.trigger.Name, ScheduledFor: r.slot, StartedAt: s.clock.Now(),
		State: StateRunning, Origin: OriginRecovery, Instance: s.instance,
	})
	if err != nil {
		s.end(r.trigger.ID)
		if !errors.Is(err, ErrSlotTaken) {
			s.log.Error("no se pudo registrar la recuperación", "trigger_id", r.trigger.ID, "error", err)
		}
		return false
	}
	go s.process(e)
	return true
}

// missedSlots returns the newest MaxMissedRows+1 slots in (after, until] and
// how many there are in all.
func missedSlots(sch Schedule, after, until time.Time, loc *time.Location) ([]time.Time, int) {
	var ring []time.Time
	total := 0
	for slot := sch.Next(after, loc); !slot.IsZero() && !slot.After(until); slot = sch.Next(slot, loc) {
		total++
		ring = append(ring, slot)
		if len(ring) > 2*(MaxMissedRows+1) {
			ring = append(ring[:0], ring[len(ring)-(MaxMissedRows+1):]...)
		}
	}
	if len(ring) > MaxMissedRows+1 {
		ring = ring[len(ring)-(MaxMissedRows+1):]
	}
	return ring, total
}

func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}
