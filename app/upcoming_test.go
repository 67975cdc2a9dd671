package app_test

import (
	"testing"
	"time"

	"vigia/app"
)

func TestUpcomingRunsMergeTheActiveTriggersSlotsEarliestFirstThenByID(t *testing.T) {
	bogota, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, time.March, 2, 7, 0, 0, 0, bogota) // a Monday
	daily := func(id int64, h int, active bool) app.Trigger {
		return app.Trigger{ID: id, Name: "T", Active: active, Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: h}}
	}
	every4 := app.Trigger{ID: 1, Name: "Cada 4 horas", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 4, Anchor: now.Add(-time.Hour)}}
	triggers := []app.Trigger{daily(3, 8, true), daily(2, 8, true), every4, daily(4, 9, false)}

	got := app.UpcomingRuns(triggers, now, bogota, 5)

	want := []struct {
		at time.Time
		id int64
	}{
		{now.Add(1 * time.Hour), 2}, // 08:00, trigger 2 before 3 at the same time
		{now.Add(1 * time.Hour), 3},
		{now.Add(3 * time.Hour), 1}, // 10:00, the interval's grid
		{now.Add(7 * time.Hour), 1},
		{now.Add(11 * time.Hour), 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d runs, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if !got[i].At.Equal(w.at) || got[i].Trigger.ID != w.id {
			t.Errorf("run %d = %s trigger %d, want %s trigger %d", i, got[i].At, got[i].Trigger.ID, w.at, w.id)
		}
	}
	if n := len(app.UpcomingRuns(triggers[3:], now, bogota, 5)); n != 0 {
		t.Errorf("an inactive trigger gave %d runs", n)
	}
}
