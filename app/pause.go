package app

import (
	"context"
	"fmt"
	"time"
)

// settingPausedSince holds when the scheduler was paused ("" when running).
// It is a setting so that a pause survives restarts and reaches every process
// on the database.
const settingPausedSince = "scheduler.pausado_desde"

// Pause stops the scheduler from running slots: until Resume, each slot that
// comes is recorded omitida, and none is recovered later.
func (s *Service) Pause(ctx context.Context) error {
	if err := s.store.SetSetting(ctx, settingPausedSince, s.clock.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("pause scheduler: %w", err)
	}
	s.paused.Store(true)
	s.publish(Event{Kind: EventSchedulerChanged})
	return nil
}

// Resume lets the scheduler run slots again.
func (s *Service) Resume(ctx context.Context) error {
	if err := s.store.SetSetting(ctx, settingPausedSince, ""); err != nil {
		return fmt.Errorf("resume scheduler: %w", err)
	}
	s.paused.Store(false)
	s.publish(Event{Kind: EventSchedulerChanged})
	return nil
}

// Paused reports whether the scheduler is paused.
func (s *Service) Paused() bool { return s.paused.Load() }

// loadPaused reads the pause from the store: another process may have changed it.
func (s *Service) loadPaused(ctx context.Context) error {
	v, err := s.store.Setting(ctx, settingPausedSince)
	if err != nil {
		return fmt.Errorf("read pause setting: %w", err)
	}
	if was := s.paused.Swap(v != ""); was != (v != "") {
		s.publish(Event{Kind: EventSchedulerChanged})
	}
	return nil
}

// PausedSince is when the scheduler was paused, in the configured zone; the
// zero time while it runs. It reads the store: another process may have paused it.
func (s *Service) PausedSince(ctx context.Context) (time.Time, error) {
	v, err := s.store.Setting(ctx, settingPausedSince)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	at, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("read pause setting %q: %w", v, err)
	}
	return at.In(s.location()), nil
}
