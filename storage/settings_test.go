package storage_test

import (
	"context"
	"errors"
	"testing"

	"vigia/app"
)

func TestSettingReadsBackWhatWasSetAndEmptyWhenUnset(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)

		// when
		unset, unsetErr := s.Setting(t.Context(), "scheduler.pausado_desde")
		if err := s.SetSetting(t.Context(), "scheduler.pausado_desde", "2025-03-02T08:00:00Z"); err != nil {
			t.Fatal(err)
		}
		first, _ := s.Setting(t.Context(), "scheduler.pausado_desde")
		if err := s.SetSetting(t.Context(), "scheduler.pausado_desde", ""); err != nil {
			t.Fatal(err)
		}
		cleared, err := s.Setting(t.Context(), "scheduler.pausado_desde")

		// then
		if unset != "" || unsetErr != nil {
			t.Fatalf("unset setting = %q, %v; want \"\"", unset, unsetErr)
		}
		if first != "2025-03-02T08:00:00Z" {
			t.Fatalf("setting = %q after set", first)
		}
		if cleared != "" || err != nil {
			t.Fatalf("setting = %q, %v after overwrite with \"\"", cleared, err)
		}
	})
}

func TestScheduleVersionChangesWithTriggersAndSettings(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		ctx := t.Context()
		var tr app.Trigger
		steps := []struct {
			name   string
			change func() error
		}{
			{"create trigger", func() (err error) { tr, err = s.CreateTrigger(ctx, dailyTrigger("uno")); return err }},
			{"update trigger", func() (err error) { tr.Active = false; _, err = s.UpdateTrigger(ctx, tr); return err }},
			{"set a new setting", func() error { return s.SetSetting(ctx, "scheduler.pausado_desde", "ayer") }},
			{"change a setting", func() error { return s.SetSetting(ctx, "scheduler.pausado_desde", "") }},
			{"delete trigger", func() error { return s.DeleteTrigger(ctx, tr.ID) }},
		}
		for _, step := range steps {
			// given
			before, err := s.ScheduleVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}

			// when
			if err := step.change(); err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}

			// then
			if after, err := s.ScheduleVersion(ctx); err != nil || after == before {
				t.Fatalf("%s: version %d -> %d (%v); want a change", step.name, before, after, err)
			}
		}
	})
}

func TestScheduleVersionIgnoresHistoryWritesAndUnchangedSettings(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		ctx := t.Context()
		tr, err := s.CreateTrigger(ctx, dailyTrigger("uno"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetSetting(ctx, "scheduler.pausado_desde", "ayer"); err != nil {
			t.Fatal(err)
		}
		before, err := s.ScheduleVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}

		// when: runs are claimed, finished, recorded and interrupted; a setting is rewritten as it is
		run, err := s.ClaimExecution(ctx, scheduledRun(tr.ID, at(2, 8, 30)))
		if err != nil {
			t.Fatal(err)
		}
		run.State, run.FinishedAt = app.StateSucceeded, at(2, 8, 31)
		if err := s.FinishExecution(ctx, run); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordExecutions(ctx, []app.Execution{missedRun(tr.ID, at(1, 8, 30))}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ClaimExecution(ctx, scheduledRun(tr.ID, at(3, 8, 30))); err != nil {
			t.Fatal(err)
		}
		if _, err := s.InterruptRunning(ctx, at(3, 9, 0), app.Msg(app.CodeRunCrashed, nil), "otro"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetSetting(ctx, "scheduler.pausado_desde", "ayer"); err != nil {
			t.Fatal(err)
		}

		// then
		if after, err := s.ScheduleVersion(ctx); err != nil || after != before {
			t.Fatalf("version %d -> %d (%v); history writes must not change it", before, after, err)
		}
	})
}

func TestScheduleVersionSeesTriggerChangesOfAnotherProcess(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: two stores on one database, as two processes would have
		scheduling, other := db.Open(t), db.Open(t)
		tr, err := other.CreateTrigger(t.Context(), dailyTrigger("uno"))
		if err != nil {
			t.Fatal(err)
		}
		before, err := scheduling.ScheduleVersion(t.Context())
		if err != nil {
			t.Fatal(err)
		}

		// when
		tr.Schedule.Hour = 9
		if _, err := other.UpdateTrigger(t.Context(), tr); err != nil {
			t.Fatal(err)
		}

		// then
		after, err := scheduling.ScheduleVersion(t.Context())
		if err != nil || after == before {
			t.Fatalf("version seen by the scheduling process: %d -> %d (%v); want a change", before, after, err)
		}
		if got, _ := scheduling.Trigger(t.Context(), tr.ID); got.Schedule.Hour != 9 {
			t.Fatalf("scheduling process reads hour %d, want 9", got.Schedule.Hour)
		}
	})
}

func TestSetSettingsWritesEveryValueOrNone(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: three settings, and a rule in the database that refuses one new value
		s := db.Open(t)
		ctx := t.Context()
		before := map[string]string{"a.uno": "1", "b.dos": "2", "c.tres": "3"}
		if err := s.SetSettings(ctx, before); err != nil {
			t.Fatal(err)
		}
		rules, ok := refuseB[db.Backend]
		if !ok {
			t.Fatalf("no refusing rule in %s's words", db.Backend)
		}
		for _, rule := range rules {
			if err := s.ExecSQL(ctx, rule); err != nil {
				t.Fatal(err)
			}
		}
		version, err := s.ScheduleVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}

		// when: a save changes all three, the second write fails
		err = s.SetSettings(ctx, map[string]string{"a.uno": "10", "b.dos": "rechazado", "c.tres": "30", "d.nuevo": "4"})

		// then: nothing of it was written, the first key included
		if err == nil {
			t.Fatal("SetSettings succeeded although the database refused a value")
		}
		for k, want := range map[string]string{"a.uno": "1", "b.dos": "2", "c.tres": "3", "d.nuevo": ""} {
			if got, err := s.Setting(ctx, k); err != nil || got != want {
				t.Errorf("%s = %q (%v) after the failed save, want %q", k, got, err, want)
			}
		}
		if after, err := s.ScheduleVersion(ctx); err != nil || after != version {
			t.Errorf("version %d -> %d (%v) after a failed save; want no change", version, after, err)
		}
	})
}

func TestSetSettingsWithACancelledContextWritesNothing(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		if err := s.SetSettings(t.Context(), map[string]string{"a.uno": "1"}); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()

		// when
		err := s.SetSettings(ctx, map[string]string{"a.uno": "10", "b.dos": "2"})

		// then
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("SetSettings = %v, want context.Canceled", err)
		}
		for k, want := range map[string]string{"a.uno": "1", "b.dos": ""} {
			if got, _ := s.Setting(t.Context(), k); got != want {
				t.Errorf("%s = %q, want %q", k, got, want)
			}
		}
	})
}

func TestSetSettingsMovesTheScheduleVersionOnlyWhenAValueChanges(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		ctx := t.Context()
		values := map[string]string{"a.uno": "1", "b.dos": "2"}
		if err := s.SetSettings(ctx, values); err != nil {
			t.Fatal(err)
		}
		version := func() int64 {
			t.Helper()
			v, err := s.ScheduleVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		before := version()

		// when: the same values are saved again
		if err := s.SetSettings(ctx, values); err != nil {
			t.Fatal(err)
		}

		// then: the version stays; one changed value moves it
		if after := version(); after != before {
			t.Errorf("version %d -> %d after saving the same values; want no change", before, after)
		}
		if err := s.SetSettings(ctx, map[string]string{"a.uno": "1", "b.dos": "3"}); err != nil {
			t.Fatal(err)
		}
		if after := version(); after == before {
			t.Errorf("version stayed %d after a value changed", after)
		}
	})
}

// refuseB is, in each backend's words, a rule that refuses the value
// «rechazado» for the setting b.dos.
var refuseB = map[string][]string{
	"sqlite": {`CREATE TRIGGER refuse_b BEFORE UPDATE ON settings
		WHEN NEW.clave = 'b.dos' AND NEW.valor = 'rechazado' BEGIN SELECT RAISE(ABORT, 'rechazado'); END`},
	"postgres": {`CREATE FUNCTION refuse_b() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.clave = 'b.dos' AND NEW.valor = 'rechazado' THEN RAISE EXCEPTION 'rechazado'; END IF;
			RETURN NEW;
		END $$`,
		`CREATE TRIGGER refuse_b BEFORE UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION refuse_b()`},
}
