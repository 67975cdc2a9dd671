package storage_test

import (
	"reflect"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

// readCalendar saves n alerts of company c, due a month apart, and returns
// them as a regeneration reads them.
func readCalendar(t *testing.T, s *storage.Store, c app.Company, n int) []app.Alert {
	t.Helper()
	var create []app.Alert
	for i := range n {
		create = append(create, calendarAlert(c.ID, "retencion_fuente", "2026-0"+string(rune('1'+i)), 0, due(time.Month(2+i), 10)))
	}
	if out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: create}); err != nil || len(out.Create) != n {
		t.Fatalf("create %d calendar alerts: %d, %v", n, len(out.Create), err)
	}
	read, err := s.CalendarAlerts(t.Context())
	if err != nil || len(read) != n {
		t.Fatalf("read %d calendar alerts: %v", len(read), err)
	}
	return read
}

// userSaves saves a as the user changed it, through the store.
func userSaves(t *testing.T, s *storage.Store, a app.Alert, change func(*app.Alert)) app.Alert {
	t.Helper()
	ref := *a.Calendar
	a.Calendar = &ref
	change(&a)
	saved, err := s.UpdateAlert(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// stalePlan is what a regeneration planned from read: change applied to
// each, with the UpdatedAt it read.
func stalePlan(read []app.Alert, change func(*app.Alert)) app.CalendarChanges {
	var plan app.CalendarChanges
	for _, a := range read {
		ref := *a.Calendar
		a.Calendar = &ref
		plan.ReadAt = append(plan.ReadAt, a.UpdatedAt)
		change(&a)
		plan.Update = append(plan.Update, a)
	}
	return plan
}

// keepsUserState checks that each of want reads back as the user saved it.
func keepsUserState(t *testing.T, s *storage.Store, want map[string]app.Alert) {
	t.Helper()
	for name, w := range want {
		got, err := s.Alert(t.Context(), w.ID)
		if err != nil || !reflect.DeepEqual(got, w) {
			t.Errorf("%s alert reads %+v (%v); want the user's %+v", name, got, err, w)
		}
	}
}

func TestApplyCalendarDoesNotMoveAnAlertTheUserResolvedOrEditedAfterTheRead(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given five calendar alerts as a regeneration read them
		s := db.Open(t)
		c := newCompany(t, s, "Acme")
		read := readCalendar(t, s, c, 5)
		later := createdAt.Add(time.Hour)

		// when, before the regeneration saves, the user resolves one and edits
		// another, and does the same to two more within the same millisecond
		// the regeneration read them (their UpdatedAt as read)
		user := map[string]app.Alert{
			"resolved": userSaves(t, s, read[0], func(a *app.Alert) {
				a.Open, a.ResolvedAt, a.ResolutionNote, a.UpdatedAt = false, later, "Presentada", later
			}),
			"edited": userSaves(t, s, read[1], func(a *app.Alert) {
				a.Title, a.Calendar.Edited, a.UpdatedAt = "Retención de marzo (revisada)", true, later
			}),
			"edited at once": userSaves(t, s, read[2], func(a *app.Alert) {
				a.DueOn, a.Calendar.Edited, a.Calendar.State = due(4, 20), true, "editada"
			}),
			"resolved at once": userSaves(t, s, read[3], func(a *app.Alert) {
				a.Open, a.ResolvedAt, a.ResolutionNote = false, createdAt, "Pagada"
			}),
		}
		// and the regeneration then saves what it planned from its read: every
		// date moved two days
		moved := later.Add(time.Minute)
		plan := stalePlan(read, func(a *app.Alert) {
			a.Calendar.PreviousDueOn, a.Calendar.MovedAt = a.DueOn, moved
			a.DueOn, a.UpdatedAt = a.DueOn.AddDate(0, 0, 2), moved
			a.Detail += " Fecha cambiada."
		})
		out, err := s.ApplyCalendar(t.Context(), plan)

		// then only the alert the user left alone moved, and only it is returned;
		// the others read as the user saved them
		if err != nil || len(out.Update) != 1 || out.Update[0].ID != read[4].ID {
			t.Fatalf("ApplyCalendar wrote %+v, %v; want the untouched alert %d alone", out.Update, err, read[4].ID)
		}
		keepsUserState(t, s, user)
		if got, err := s.Alert(t.Context(), read[4].ID); err != nil || !reflect.DeepEqual(got, out.Update[0]) ||
			!got.DueOn.Equal(read[4].DueOn.AddDate(0, 0, 2)) {
			t.Errorf("untouched alert reads %+v (%v), returned %+v; want it moved two days", got, err, out.Update[0])
		}
	})
}

func TestApplyCalendarDoesNotCloseAnAlertTheUserResolvedOrEditedAfterTheRead(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given four calendar alerts as a regeneration read them, and their open count
		s := db.Open(t)
		c := newCompany(t, s, "Acme")
		read := readCalendar(t, s, c, 4)
		later := createdAt.Add(time.Hour)

		// when, before the regeneration saves, the user resolves one within the
		// millisecond it was read, edits another later, and edits a third
		// within that millisecond
		user := map[string]app.Alert{
			"resolved at once": userSaves(t, s, read[0], func(a *app.Alert) {
				a.Open, a.ResolvedAt, a.ResolutionNote = false, createdAt, "Presentada"
			}),
			"edited": userSaves(t, s, read[1], func(a *app.Alert) {
				a.Priority, a.Calendar.Edited, a.UpdatedAt = app.PriorityHigh, true, later
			}),
		}
		userSaves(t, s, read[2], func(a *app.Alert) { a.Title, a.Calendar.Edited = "Retención revisada", true })
		// and the regeneration then closes all four: the obligation was removed
		closedAt := later.Add(time.Minute)
		note := "Cerrada por Vigía: la empresa ya no tiene la responsabilidad «Retención en la fuente»."
		out, err := s.ApplyCalendar(t.Context(), stalePlan(read, func(a *app.Alert) {
			a.Open, a.ResolvedAt, a.UpdatedAt, a.ResolutionNote = false, closedAt, closedAt, note
		}))

		// then the resolved one keeps the user's resolution and the one edited
		// later stays open as edited; the one edited in the same millisecond was
		// open and unchanged since the read, so it closes (a close takes edited
		// alerts too), as does the untouched one: two written, two returned
		if err != nil || len(out.Update) != 2 || out.Update[0].ID != read[2].ID || out.Update[1].ID != read[3].ID {
			t.Fatalf("ApplyCalendar wrote %+v, %v; want alerts %d and %d", out.Update, err, read[2].ID, read[3].ID)
		}
		keepsUserState(t, s, user)
		for _, a := range out.Update {
			if got, err := s.Alert(t.Context(), a.ID); err != nil || got.Open || got.ResolutionNote != note {
				t.Errorf("alert %d reads %+v (%v); want closed with the note", a.ID, got, err)
			}
		}
		day := app.DefaultEscalation.On(due(1, 1))
		want := map[app.Priority]int{app.PriorityHigh: 1}
		if counts, err := s.OpenAlertCounts(t.Context(), day); err != nil || !reflect.DeepEqual(counts[c.ID], want) {
			t.Errorf("open counts = %v, %v; want %v (the edited one alone)", counts[c.ID], err, want)
		}
	})
}

func TestApplyCalendarRefusesUpdatesWithoutTheirReadTimes(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		c := newCompany(t, s, "Acme")
		read := readCalendar(t, s, c, 2)
		out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Update: read, ReadAt: []time.Time{read[0].UpdatedAt}})
		if err == nil || len(out.Update) != 0 {
			t.Fatalf("ApplyCalendar with one read time for two updates = %+v, %v; want an error", out, err)
		}
	})
}
