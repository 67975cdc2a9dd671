package app_test

import (
	"testing"

	"vigia/app"
)

func TestAChangeElsewhereTellsTheViewsOfItsArea(t *testing.T) {
	// given a service whose events are collected
	svc := app.NewService(app.Config{})
	var got []app.EventKind
	svc.Subscribe(func(e app.Event) { got = append(got, e.Kind) })

	// when the database tells of changed alerts, settings and triggers
	for _, area := range app.ChangeAreas() {
		svc.ChangedElsewhere(area)
	}

	// then the alert views and the settings' views are told; the triggers
	// are the coordinator's to reload, and their reload tells the views
	want := []app.EventKind{app.EventSettingsChanged, app.EventCalendarChanged}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("events %v, want %v", got, want)
	}
}

func TestAChangeAreaIsParsedFromItsNoticeOnlyWhenVigiaSendsIt(t *testing.T) {
	for _, area := range app.ChangeAreas() {
		if a, ok := app.ParseChangeArea(string(area)); !ok || a != area {
			t.Errorf("ParseChangeArea(%q) = %q, %v", area, a, ok)
		}
	}
	for _, s := range []string{"", "Triggers", "alerta", "ajustes "} {
		if a, ok := app.ParseChangeArea(s); ok {
			t.Errorf("ParseChangeArea(%q) = %q, want none", s, a)
		}
	}
}
