package app

import (
	"context"
	"fmt"
	"time"
)

// MaxNextRuns bounds the next-runs preview.
const MaxNextRuns = 50

// CreateTrigger validates d and saves a new trigger; the scheduler arms it at once.
func (s *Service) CreateTrigger(ctx context.Context, d TriggerDraft) (Trigger, error) {
	now := s.clock.Now()
	t, err := d.Build(nil, now.Truncate(time.Minute), s.DefaultRecipients())
	if err != nil {
		return Trigger{}, err
	}
	t.CreatedAt, t.UpdatedAt = now, now
	t, err = s.store.CreateTrigger(ctx, t)
	if err != nil {
		return Trigger{}, fmt.Errorf("create trigger: %w", err)
	}
	s.armed(t)
	return s.inZone(t), nil
}

// UpdateTrigger lays d over trigger id (absent fields keep their value),
// validates and saves it; the scheduler re-arms it at once.
func (s *Service) UpdateTrigger(ctx context.Context, id int64, d TriggerDraft) (Trigger, error) {
	current, err := s.store.Trigger(ctx, id)
	if err != nil {
		return Trigger{}, fmt.Errorf("load trigger %d: %w", id, err)
	}
	now := s.clock.Now()
	t, err := d.Build(&current, now.Truncate(time.Minute), s.DefaultRecipients())
	if err != nil {
		return Trigger{}, err
	}
	t.UpdatedAt = now
	t, err = s.store.UpdateTrigger(ctx, t)
	if err != nil {
		return Trigger{}, fmt.Errorf("update trigger %d: %w", id, err)
	}
	s.armed(t)
	return s.inZone(t), nil
}

// DeleteTrigger removes a trigger and its job; its history stays.
func (s *Service) DeleteTrigger(ctx context.Context, id int64) error {
	if err := s.store.DeleteTrigger(ctx, id); err != nil {
		return fmt.Errorf("delete trigger %d: %w", id, err)
	}
	if err := s.sched.Remove(id); err != nil {
		s.log.Error("no se pudo quitar el trigger del scheduler", "trigger_id", id, "error", err)
	}
	s.publish(Event{Kind: EventTriggersChanged})
	return nil
}

// armed re-syncs one trigger's job after a change. The trigger is already saved,
// so a scheduler error is logged, not returned: a reload re-arms it.
func (s *Service) armed(t Trigger) {
	if err := s.sched.Upsert(t); err != nil {
		s.log.Error("no se pudo programar el trigger", "trigger_id", t.ID, "error", err)
	}
	s.publish(Event{Kind: EventTriggersChanged})
}

// CheckDefaultRecipients says whether addrs may become the default
// recipients. Clearing them is refused while a trigger names no recipients of
// its own: it would have nobody to e-mail. The *ValidationError is keyed
// EMAIL_DESTINATARIOS, like the Configuración screen's other errors.
// Defaults that vanish anyway (the variable removed before a restart) make
// such a trigger's runs fail, saying how to set them.
func (s *Service) CheckDefaultRecipients(ctx context.Context, addrs []string) error {
	if len(addrs) > 0 {
		return nil
	}
	ts, err := s.store.Triggers(ctx)
	if err != nil {
		return fmt.Errorf("check default recipients: %w", err)
	}
	var names []string
	for _, t := range ts {
		if len(t.Recipients) == 0 {
			names = append(names, t.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	shown := min(len(names), maxNamesShown)
	return Invalid(SettingDefaultRecipients.EnvVar(), CodeDefaultRecipientsInUse,
		Args{"N": len(names), "Names": names[:shown], "More": len(names) - shown})
}

// CodeDefaultRecipientsInUse refuses to clear the default recipients: N
// triggers rely on them, the first of them in Names and how many more in More.
const CodeDefaultRecipientsInUse Code = "destinatarios.defecto.en_uso"

// maxNamesShown bounds the names a message lists.
const maxNamesShown = 5

// Trigger returns one trigger.
func (s *Service) Trigger(ctx context.Context, id int64) (Trigger, error) {
	t, err := s.store.Trigger(ctx, id)
	if err != nil {
		return Trigger{}, fmt.Errorf("load trigger %d: %w", id, err)
	}
	return s.inZone(t), nil
}

// Triggers returns every trigger, by ID.
func (s *Service) Triggers(ctx context.Context) ([]Trigger, error) {
	ts, err := s.store.Triggers(ctx)
	if err != nil {
		return nil, fmt.Errorf("list triggers: %w", err)
	}
	for i := range ts {
		ts[i] = s.inZone(ts[i])
	}
	return ts, nil
}

// NextRun is the trigger's next slot, or the zero time when it is inactive.
func (s *Service) NextRun(t Trigger) time.Time {
	if !t.Active {
		return time.Time{}
	}
	return t.Schedule.Next(s.clock.Now(), s.location())
}

// CodeNextRunsCount refuses a count of next runs out of 1..MaxNextRuns.
const CodeNextRunsCount Code = "proximas.n"

// NextRuns returns the next n slots of trigger id (1 <= n <= MaxNextRuns),
// whether or not it is active: it is a preview of its schedule.
func (s *Service) NextRuns(ctx context.Context, id int64, n int) ([]time.Time, error) {
	if n < 1 || n > MaxNextRuns {
		return nil, Invalid("n", CodeNextRunsCount, Args{"Max": MaxNextRuns})
	}
	t, err := s.store.Trigger(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load trigger %d: %w", id, err)
	}
	return t.Schedule.NextN(s.clock.Now(), s.location(), n), nil
}

// PreviewSchedule validates a draft and returns its next n slots, for editors
// that show them as the user types.
func (s *Service) PreviewSchedule(d TriggerDraft, n int) ([]time.Time, error) {
	now := s.clock.Now()
	t, err := d.Build(nil, now.Truncate(time.Minute), s.DefaultRecipients())
	if err != nil {
		return nil, err
	}
	return t.Schedule.NextN(now, s.location(), n), nil
}

func (s *Service) inZone(t Trigger) Trigger {
	t.CreatedAt = t.CreatedAt.In(s.location())
	t.UpdatedAt = t.UpdatedAt.In(s.location())
	if !t.Schedule.Anchor.IsZero() {
		t.Schedule.Anchor = t.Schedule.Anchor.In(s.location())
	}
	return t
}
