package app_test

import (
	"testing"
	"time"

	"vigia/app"
)

func TestDelayIsTheStartMinusTheSlotWhenThereIsASlot(t *testing.T) {
	slot := time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		x     app.Execution
		delay time.Duration
		ok    bool
	}{
		{"scheduled", app.Execution{Origin: app.OriginScheduled, ScheduledFor: slot, StartedAt: slot.Add(42 * time.Millisecond)}, 42 * time.Millisecond, true},
		{"recovered hours later", app.Execution{Origin: app.OriginRecovery, ScheduledFor: slot, StartedAt: slot.Add(3 * time.Hour)}, 3 * time.Hour, true},
		{"started a little early", app.Execution{Origin: app.OriginScheduled, ScheduledFor: slot, StartedAt: slot.Add(-5 * time.Millisecond)}, -5 * time.Millisecond, true},
		{"manual: no slot", app.Execution{Origin: app.OriginManual, ScheduledFor: slot, StartedAt: slot.Add(time.Second)}, 0, false},
		{"test mail: no slot", app.Execution{Origin: app.OriginTest, ScheduledFor: slot, StartedAt: slot}, 0, false},
		{"no slot recorded", app.Execution{Origin: app.OriginScheduled, StartedAt: slot}, 0, false},
		{"no start recorded", app.Execution{Origin: app.OriginScheduled, ScheduledFor: slot}, 0, false},
	} {
		if d, ok := c.x.Delay(); d != c.delay || ok != c.ok {
			t.Errorf("%s: Delay() = %v, %v; want %v, %v", c.name, d, ok, c.delay, c.ok)
		}
	}
}
