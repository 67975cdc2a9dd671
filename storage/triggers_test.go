package storage_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"vigia/app"
)

func TestCreatedTriggerReadsBackWithEveryField(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		bogota := time.FixedZone("COT", -5*3600)
		in := app.Trigger{
			Name:        "Vencimientos semanales",
			Description: "Lunes y viernes, críticas y bajas",
			Schedule: app.Schedule{
				Frequency:     app.FrequencyWeekly,
				Hour:          15,
				Minute:        5,
				Weekdays:      []time.Weekday{time.Friday, time.Monday},
				DayOfMonth:    app.LastDayOfMonth,
				IntervalHours: 4,
				Anchor:        time.Date(2025, 3, 1, 10, 0, 0, 123456789, bogota),
			},
			Recipients:    []string{"zoe@example.com", "ana@example.com"},
			Priorities:    []app.Priority{app.PriorityLow, app.PriorityCritical},
			Active:        true,
			SendWhenEmpty: true,
			CatchUp:       true,
			CreatedAt:     time.Date(2025, 3, 1, 10, 0, 0, 987654321, bogota),
			UpdatedAt:     time.Date(2025, 3, 2, 11, 0, 0, 0, bogota),
		}

		// when
		created, err := s.CreateTrigger(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Trigger(t.Context(), created.ID)
		if err != nil {
			t.Fatal(err)
		}

		// then
		if created.ID == 0 {
			t.Fatal("created trigger has no ID")
		}
		if !reflect.DeepEqual(got, created) {
			t.Fatalf("read back differs from what Create returned:\n got %+v\nwant %+v", got, created)
		}
		want := in
		want.ID = created.ID
		want.Schedule.Anchor = time.Date(2025, 3, 1, 15, 0, 0, 123000000, time.UTC)
		want.CreatedAt = time.Date(2025, 3, 1, 15, 0, 0, 987000000, time.UTC)
		want.UpdatedAt = time.Date(2025, 3, 2, 16, 0, 0, 0, time.UTC)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("stored trigger:\n got %+v\nwant %+v (UTC, whole milliseconds, lists in order)", got, want)
		}
	})
}

func TestTriggerWithoutListsReadsBackNil(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		in := dailyTrigger("Sin listas")
		in.Recipients, in.Priorities = []string{}, nil

		created, err := s.CreateTrigger(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Trigger(t.Context(), created.ID)
		if err != nil {
			t.Fatal(err)
		}

		if got.Recipients != nil || got.Priorities != nil || got.Schedule.Weekdays != nil {
			t.Fatalf("empty lists should read back nil, got %q %q %v", got.Recipients, got.Priorities, got.Schedule.Weekdays)
		}
	})
}

func TestTriggersAreListedByID(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		for _, name := range []string{"c", "a", "b"} {
			if _, err := s.CreateTrigger(t.Context(), dailyTrigger(name)); err != nil {
				t.Fatal(err)
			}
		}

		list, err := s.Triggers(t.Context())

		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for i, tr := range list {
			names = append(names, tr.Name)
			if i > 0 && tr.ID <= list[i-1].ID {
				t.Fatalf("triggers not by ID: %d after %d", tr.ID, list[i-1].ID)
			}
		}
		if !reflect.DeepEqual(names, []string{"c", "a", "b"}) {
			t.Fatalf("names = %q, want creation order", names)
		}
	})
}

func TestUpdateTriggerReplacesFieldsButKeepsCreationTime(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		created, err := s.CreateTrigger(t.Context(), dailyTrigger("Antes"))
		if err != nil {
			t.Fatal(err)
		}

		// when
		change := created
		change.Name = "Después"
		change.Schedule = app.Schedule{Frequency: app.FrequencyMonthly, Hour: 7, DayOfMonth: 31}
		change.Recipients = []string{"b@example.com", "a@example.com"}
		change.Active = false
		change.CatchUp = !created.CatchUp
		change.CreatedAt = time.Time{} // a caller that does not know it
		change.UpdatedAt = at(5, 12, 0)
		updated, err := s.UpdateTrigger(t.Context(), change)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Trigger(t.Context(), created.ID)
		if err != nil {
			t.Fatal(err)
		}

		// then
		if !got.CreatedAt.Equal(created.CreatedAt) || !updated.CreatedAt.Equal(created.CreatedAt) {
			t.Fatalf("creation time changed: stored %v, returned %v, want %v", got.CreatedAt, updated.CreatedAt, created.CreatedAt)
		}
		if !reflect.DeepEqual(got, updated) {
			t.Fatalf("read back differs from Update's result:\n got %+v\nwant %+v", got, updated)
		}
		if got.Name != "Después" || got.Schedule.DayOfMonth != 31 || got.Active || got.CatchUp == created.CatchUp ||
			got.Recipients[0] != "b@example.com" {
			t.Fatalf("update not stored: %+v", got)
		}
	})
}

func TestMissingTriggerIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		ghost := dailyTrigger("fantasma")
		ghost.ID = 42

		_, getErr := s.Trigger(t.Context(), 42)
		_, updateErr := s.UpdateTrigger(t.Context(), ghost)
		deleteErr := s.DeleteTrigger(t.Context(), 42)

		for name, err := range map[string]error{"get": getErr, "update": updateErr, "delete": deleteErr} {
			if !errors.Is(err, app.ErrNotFound) {
				t.Errorf("%s: err = %v, want app.ErrNotFound", name, err)
			}
		}
	})
}

func TestDeletedTriggerIsGoneAndItsIDIsNotReused(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		first, _ := s.CreateTrigger(t.Context(), dailyTrigger("uno"))
		last, err := s.CreateTrigger(t.Context(), dailyTrigger("dos"))
		if err != nil {
			t.Fatal(err)
		}

		// when
		if err := s.DeleteTrigger(t.Context(), last.ID); err != nil {
			t.Fatal(err)
		}
		next, err := s.CreateTrigger(t.Context(), dailyTrigger("tres"))
		if err != nil {
			t.Fatal(err)
		}

		// then
		if _, err := s.Trigger(t.Context(), last.ID); !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("deleted trigger: err = %v, want app.ErrNotFound", err)
		}
		if next.ID == last.ID || next.ID == first.ID {
			t.Fatalf("new trigger reused id %d: old history would attach to it", next.ID)
		}
	})
}

func TestDeletingTriggerKeepsItsHistory(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		tr, _ := s.CreateTrigger(t.Context(), dailyTrigger("con historia"))
		run, err := s.ClaimExecution(t.Context(), scheduledRun(tr.ID, at(2, 8, 30)))
		if err != nil {
			t.Fatal(err)
		}

		// when
		if err := s.DeleteTrigger(t.Context(), tr.ID); err != nil {
			t.Fatal(err)
		}

		// then
		got, err := s.Execution(t.Context(), run.ID)
		if err != nil {
			t.Fatalf("history row lost with its trigger: %v", err)
		}
		if got.TriggerID != tr.ID || got.TriggerName != run.TriggerName {
			t.Fatalf("history row changed: %+v", got)
		}
		page, err := s.Executions(t.Context(), app.ExecutionFilter{TriggerID: tr.ID})
		if err != nil || page.Total != 1 || len(page.Executions) != 1 {
			t.Fatalf("history of deleted trigger: %+v, %v", page, err)
		}
	})
}
