package app_test

import (
	"context"
	"errors"
	"testing"

	"vigia/app"
)

func TestCheckEscalationSaysWhatWouldBeSavedAndSavesNothing(t *testing.T) {
	// given the default thresholds (1, 3, 7)
	w := newWorld(t, withoutTimers())
	ctx := context.Background()

	// when a medium threshold of 10 is checked, then one below the high one
	ok, err := w.svc.CheckEscalation(ctx, app.EscalationDraft{MediumDays: ptr(10)})
	_, orderErr := w.svc.CheckEscalation(ctx, app.EscalationDraft{MediumDays: ptr(2)})

	// then the first is laid over the thresholds in force, the second
	// refused keyed as SetEscalation keys it, and neither was saved
	if err != nil || ok != (app.Escalation{CriticalDays: 1, HighDays: 3, MediumDays: 10}) {
		t.Errorf("check of 10 days = %+v, %v", ok, err)
	}
	var invalid *app.ValidationError
	if !errors.As(orderErr, &invalid) || invalid.Problems["escalamiento"].Code != app.CodeEscalationOrder {
		t.Errorf("check of 2 days: %v", orderErr)
	}
	if now, err := w.svc.Escalation(ctx); err != nil || now != app.DefaultEscalation {
		t.Errorf("after the checks the thresholds are %+v, %v", now, err)
	}
}

func TestCheckCalendarHorizonRefusesWhatSetCalendarHorizonRefuses(t *testing.T) {
	for _, months := range []int{0, app.MaxCalendarHorizon + 1} {
		var invalid *app.ValidationError
		if err := app.CheckCalendarHorizon(months); !errors.As(err, &invalid) || invalid.Problems["horizonte_meses"].Code != app.CodeCalendarHorizonRange {
			t.Errorf("CheckCalendarHorizon(%d) = %v", months, err)
		}
	}
	for _, months := range []int{1, app.MaxCalendarHorizon} {
		if err := app.CheckCalendarHorizon(months); err != nil {
			t.Errorf("CheckCalendarHorizon(%d) = %v", months, err)
		}
	}
}
