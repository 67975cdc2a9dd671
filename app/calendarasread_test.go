package app_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

// racingStore runs beforeApply (once) just before the next ApplyCalendar:
// the user acting between the regeneration's read and its save.
type racingStore struct {
	*storage.Store
	beforeApply atomic.Pointer[func(app.CalendarChanges)]
}

func (s *racingStore) ApplyCalendar(ctx context.Context, c app.CalendarChanges) (app.CalendarChanges, error) {
	if f := s.beforeApply.Swap(nil); f != nil {
		(*f)(c)
	}
	return s.Store.ApplyCalendar(ctx, c)
}

func TestARegenerationDoesNotUndoNorCountWhatTheUserDidAfterItsRead(t *testing.T) {
	// given a company with retención and IVA bimestral, its calendar written
	var st *racingStore
	w := newWorld(t, withClockAt(march2), func(c *worldConfig) {
		c.wrap = func(s *storage.Store) app.Store { st = &racingStore{Store: s}; return st }
	})
	ctx := context.Background()
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente", "iva_bimestral")
	alerts := w.calendarAlerts(t, c.ID)
	var retencion, iva int
	for _, a := range alerts {
		if a.Calendar.Obligation == "retencion_fuente" {
			retencion++
		} else {
			iva++
		}
	}
	// and, saved behind the service's back, a NIT ending in 0 (every date
	// moves) and IVA removed (its alerts close)
	w.clock.Advance(time.Hour)
	c.NIT, c.Responsibilities = nitEnding(0), []string{"retencion_fuente"}
	if _, err := w.store.UpdateCompany(ctx, c); err != nil {
		t.Fatal(err)
	}

	// when the user resolves an IVA alert and edits a retención one after
	// the regeneration read them, before it saves
	resolved := alertOf(t, alerts, "iva_bimestral", "2026-B2", 0)
	edited := alertOf(t, alerts, "retencion_fuente", "2026-04", 0)
	before := func(app.CalendarChanges) {
		w.clock.Advance(time.Minute)
		if _, err := w.svc.ResolveAlert(ctx, resolved.ID, "Pagado"); err != nil {
			t.Error(err)
		}
		if _, err := w.svc.UpdateAlert(ctx, edited.ID, app.AlertDraft{Title: ptr("Retención de abril (revisada)")}); err != nil {
			t.Error(err)
		}
	}
	st.beforeApply.Store(&before)
	sync, err := w.svc.RegenerateCalendar(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// then the regeneration counts only what it wrote
	want := app.CalendarSync{Moved: retencion - 1, Closed: iva - 1}
	if sync != want {
		t.Errorf("sync = %+v, want %+v", sync, want)
	}
	// and the user's resolution and edit stand
	after := w.calendarAlerts(t, c.ID)
	if r := alertOf(t, after, "iva_bimestral", "2026-B2", 0); r.Open || r.ResolutionNote != "Pagado" {
		t.Errorf("resolved alert = open %v, note %q; want the user's «Pagado»", r.Open, r.ResolutionNote)
	}
	e := alertOf(t, after, "retencion_fuente", "2026-04", 0)
	if e.Title != "Retención de abril (revisada)" || !e.Calendar.Edited || !e.DueOn.Equal(edited.DueOn) || !e.Calendar.MovedAt.IsZero() {
		t.Errorf("edited alert = %q due %s %+v; want the user's, not moved", e.Title, e.DueOn.Format(app.DateLayout), *e.Calendar)
	}
	if again, err := w.svc.RegenerateCalendar(ctx); err != nil || again != (app.CalendarSync{}) {
		t.Errorf("next regeneration = %+v, %v; want nothing left to do", again, err)
	}
}
