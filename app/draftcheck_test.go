package app_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"vigia/app"
)

func TestCheckDraftPreviewsTheScheduleWhileOtherFieldsAreStillInvalid(t *testing.T) {
	// given a service whose clock says Monday 2025-12-08 07:00 in Bogotá
	w := newWorld(t)

	// when an editor checks a daily 08:00 draft without a name yet
	c := w.svc.CheckDraft(nil, app.TriggerDraft{
		Name: ptr(""), Frequency: ptr("diaria"), Time: ptr("08:00"), Priorities: ptr([]string{"ALTA"}),
		Recipients: ptr([]string{"contador@ejemplo.com"}),
	}, 3)

	// then the name is reported and the next runs are shown all the same
	var v *app.ValidationError
	if !errors.As(c.Err, &v) || len(v.Problems) != 1 || v.Problems["nombre"].Code != app.CodeNameRequired {
		t.Fatalf("err = %v, want only nombre", c.Err)
	}
	want := []time.Time{day(8, 8, 0), day(9, 8, 0), day(10, 8, 0)}
	if !slices.EqualFunc(c.NextRuns, want, time.Time.Equal) {
		t.Errorf("next runs = %v, want %v", c.NextRuns, want)
	}
}

func TestCheckDraftOfABadScheduleHasNoPreview(t *testing.T) {
	// given a service
	w := newWorld(t)

	// when the hour cannot be read
	c := w.svc.CheckDraft(nil, app.TriggerDraft{
		Name: ptr("Resumen"), Frequency: ptr("diaria"), Time: ptr("25:00"), Priorities: ptr([]string{"ALTA"}),
	}, 5)

	// then the hour is reported and there is nothing to preview
	var v *app.ValidationError
	if !errors.As(c.Err, &v) || v.Problems["hora"].Code == "" {
		t.Fatalf("err = %v, want hora", c.Err)
	}
	if len(c.NextRuns) != 0 {
		t.Errorf("next runs = %v, want none", c.NextRuns)
	}
}

func TestCheckDraftOfAValidDraftSavesNothing(t *testing.T) {
	// given a service without triggers
	w := newWorld(t)

	// when a complete draft is checked
	c := w.svc.CheckDraft(nil, app.TriggerDraft{
		Name: ptr(" Cierre de mes "), Frequency: ptr("mensual"), Time: ptr("09:30"), DayOfMonth: ptr(31),
		Recipients: ptr([]string{"contador@ejemplo.com"}), Priorities: ptr([]string{"CRITICA"}),
	}, 2)

	// then it is valid, shows the trigger that saving would store, and stores nothing
	if c.Err != nil {
		t.Fatalf("err = %v", c.Err)
	}
	if c.Trigger.Name != "Cierre de mes" || c.Trigger.Schedule.DayOfMonth != 31 {
		t.Errorf("trigger = %+v", c.Trigger)
	}
	want := []time.Time{day(31, 9, 30), time.Date(2026, 1, 31, 9, 30, 0, 0, bogota)}
	if !slices.EqualFunc(c.NextRuns, want, time.Time.Equal) {
		t.Errorf("next runs = %v, want %v", c.NextRuns, want)
	}
	ts, err := w.svc.Triggers(context.Background())
	if err != nil || len(ts) != 0 {
		t.Errorf("triggers = %v, %v; want none stored", ts, err)
	}
}

func TestCheckDraftOfAnEditedHourlyTriggerKeepsItsGrid(t *testing.T) {
	// given an every-5-hours trigger created at 07:00, and the clock at 08:13
	w := newWorld(t)
	ctx := context.Background()
	tr, err := w.svc.CreateTrigger(ctx, app.TriggerDraft{
		Name: ptr("Cada 5 horas"), Frequency: ptr("personalizada"), IntervalHours: ptr(5),
		Recipients: ptr([]string{"contador@ejemplo.com"}), Priorities: ptr([]string{"ALTA"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(73 * time.Minute)

	// when the editor checks the same interval over the trigger
	d := app.TriggerDraft{Name: ptr("Cada 5 horas"), Frequency: ptr("personalizada"), IntervalHours: ptr(5)}
	c := w.svc.CheckDraft(&tr, d, 3)

	// then the preview is the trigger's own grid (12:00, 17:00, 22:00), which
	// saving keeps, not a grid starting now
	want := []time.Time{day(8, 12, 0), day(8, 17, 0), day(8, 22, 0)}
	if c.Err != nil || !slices.EqualFunc(c.NextRuns, want, time.Time.Equal) {
		t.Fatalf("check = %v, %v; want %v", c.NextRuns, c.Err, want)
	}
	if _, err := w.svc.UpdateTrigger(ctx, tr.ID, d); err != nil {
		t.Fatal(err)
	}
	saved, err := w.svc.NextRuns(ctx, tr.ID, 3)
	if err != nil || !slices.EqualFunc(saved, want, time.Time.Equal) {
		t.Errorf("saved next runs = %v, %v; want %v", saved, err, want)
	}
}
