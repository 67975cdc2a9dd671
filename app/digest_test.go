package app_test

import (
	"testing"
	"time"

	"vigia/app"
)

func TestDigestCountsAndSubjectUseTheEffectivePriority(t *testing.T) {
	// given one alert given ALTA but raised to CRITICA by its due date, one
	// CRITICA without escalation computed, and one BAJA left as it was
	d := app.Digest{TriggerName: "Diario", Companies: []app.CompanyAlerts{{Alerts: []app.Alert{
		{Priority: app.PriorityHigh, EffectivePriority: app.PriorityCritical},
		{Priority: app.PriorityCritical},
		{Priority: app.PriorityLow, EffectivePriority: app.PriorityLow},
	}}}}

	// when
	critical, high, low := d.CountByPriority(app.PriorityCritical), d.CountByPriority(app.PriorityHigh), d.CountByPriority(app.PriorityLow)

	// then
	if critical != 2 || high != 0 || low != 1 {
		t.Errorf("counts CRITICA %d, ALTA %d, BAJA %d; want 2, 0, 1", critical, high, low)
	}
	if want := "[Vigía] Diario: 3 alertas (2 críticas)"; d.Subject() != want {
		t.Errorf("subject %q, want %q", d.Subject(), want)
	}
}

func TestDigestOfATestRunHasNoSlot(t *testing.T) {
	// given runs of every origin at the same instant
	at := time.Date(2025, 12, 8, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		origin app.RunOrigin
		slot   bool
	}{
		{app.OriginScheduled, true},
		{app.OriginRecovery, true},
		{app.OriginManual, false},
		{app.OriginTest, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.origin), func(t *testing.T) {
			// when
			d := app.NewDigest(app.Execution{ID: 1, TriggerID: 2, ScheduledFor: at, Origin: tt.origin}, app.Trigger{ID: 2}, nil, nil, at)

			// then
			if got := !d.Slot.IsZero(); got != tt.slot {
				t.Errorf("has slot = %v, want %v", got, tt.slot)
			}
		})
	}
}
