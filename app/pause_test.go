package app_test

import (
	"context"
	"testing"
	"time"
)

func TestPausedSinceTellsWhenThePauseBegan(t *testing.T) {
	// given a running scheduler
	w := newWorld(t)
	ctx := context.Background()
	if at, err := w.svc.PausedSince(ctx); err != nil || !at.IsZero() {
		t.Fatalf("running: paused since %v, %v; want zero", at, err)
	}
	begin := w.clock.Now()

	// when it is paused, and later resumed
	if err := w.svc.Pause(ctx); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(90 * time.Minute)
	at, err := w.svc.PausedSince(ctx)
	if err := w.svc.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	after, errAfter := w.svc.PausedSince(ctx)

	// then the pause's start is told in the configured zone, and nothing once resumed
	if err != nil || !at.Equal(begin.Truncate(time.Second)) || at.Location().String() != "America/Bogota" {
		t.Errorf("paused since %v (%v), %v; want %v in Bogotá", at, at.Location(), err, begin)
	}
	if errAfter != nil || !after.IsZero() {
		t.Errorf("resumed: paused since %v, %v; want zero", after, errAfter)
	}
}
