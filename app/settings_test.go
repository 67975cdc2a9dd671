package app_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

func TestPreferencesGiveDefaultsUntilSomethingIsStored(t *testing.T) {
	// given a new database
	prefs := app.Preferences{Store: storagetest.Open(t, storage.Open)}
	ctx := context.Background()

	// when every preference is read
	all, err := prefs.All(ctx)
	if err != nil {
		t.Fatalf("All: %v", err)
	}

	// then each has its default
	if len(all) != len(app.SettingKeys()) {
		t.Fatalf("All has %d keys, want %d", len(all), len(app.SettingKeys()))
	}
	for _, k := range app.SettingKeys() {
		if all[k] != k.Default() {
			t.Errorf("%s = %q, want default %q", k, all[k], k.Default())
		}
	}
	if all[app.SettingZone] != "America/Bogota" || all[app.SettingNotifySuccess] != "true" {
		t.Errorf("zone %q, notify success %q; want America/Bogota, true", all[app.SettingZone], all[app.SettingNotifySuccess])
	}
}

func TestPreferencesSetStoresOnlyTheGivenKeysAndEmptyRestoresTheDefault(t *testing.T) {
	// given a stored host and zone
	st := storagetest.Open(t, storage.Open)
	prefs := app.Preferences{Store: st}
	ctx := context.Background()
	if err := prefs.Set(ctx, map[app.SettingKey]string{app.SettingSMTPHost: "smtp.ejemplo.com", app.SettingZone: "Europe/Madrid"}); err != nil {
		t.Fatalf("Set: %v", err)
	}
	before, err := st.ScheduleVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// when the zone is emptied and the port set
	if err := prefs.Set(ctx, map[app.SettingKey]string{app.SettingZone: "", app.SettingSMTPPort: "2525"}); err != nil {
		t.Fatalf("Set: %v", err)
	}

	// then the host stays, the zone is the default again, and other processes can see the change
	for k, want := range map[app.SettingKey]string{app.SettingSMTPHost: "smtp.ejemplo.com", app.SettingSMTPPort: "2525", app.SettingZone: "America/Bogota"} {
		if got, err := prefs.Get(ctx, k); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", k, got, err, want)
		}
	}
	if after, err := st.ScheduleVersion(ctx); err != nil || after == before {
		t.Errorf("schedule version %d -> %d (%v), want a change", before, after, err)
	}
}

func TestPreferencesRefuseAnUnknownKeyBeforeWritingAnything(t *testing.T) {
	// given a new database
	prefs := app.Preferences{Store: storagetest.Open(t, storage.Open)}
	ctx := context.Background()

	// when a known and an unknown key are set together
	err := prefs.Set(ctx, map[app.SettingKey]string{app.SettingSMTPHost: "smtp.ejemplo.com", "otra.cosa": "x"})

	// then nothing is written
	if err == nil {
		t.Fatal("Set accepted an unknown key")
	}
	if got, _ := prefs.Get(ctx, app.SettingSMTPHost); got != "" {
		t.Errorf("host = %q after a refused Set, want empty", got)
	}
}

func TestSettingKeysMapToTheirVariables(t *testing.T) {
	for name, want := range map[string]app.SettingKey{
		"SMTP_HOST": app.SettingSMTPHost, "SMTP_PORT": app.SettingSMTPPort, "SMTP_TLS": app.SettingSMTPTLS,
		"SMTP_USER": app.SettingSMTPUser, "SMTP_PASSWORD": app.SettingSMTPPassword, "SMTP_FROM": app.SettingSMTPFrom,
		"EMAIL_DESTINATARIOS": app.SettingDefaultRecipients, "VIGIA_TZ": app.SettingZone,
	} {
		if got, ok := app.SettingForEnv(name); !ok || got != want || got.EnvVar() != name {
			t.Errorf("SettingForEnv(%s) = %q, %v (EnvVar %q), want %q", name, got, ok, got.EnvVar(), want)
		}
	}
	if _, ok := app.SettingForEnv("VIGIA_ADDR"); ok {
		t.Error("VIGIA_ADDR has a stored preference")
	}
	if app.SettingLanguage.EnvVar() != "" {
		t.Error("the language has a variable")
	}
}

func TestSetLocationMovesNextRunsAndTellsTheViews(t *testing.T) {
	// given a daily 08:00 trigger in Bogotá at 07:00 Bogotá (13:00 Madrid)
	w := newWorld(t)
	ctx := context.Background()
	tr := w.trigger(t, "Diario", []string{"a@ejemplo.com"}, "CRITICA")
	changed := make(chan struct{}, 10)
	w.svc.Subscribe(func(e app.Event) {
		if e.Kind == app.EventTriggersChanged {
			changed <- struct{}{}
		}
	})

	// when the zone becomes Madrid
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.svc.SetLocation(ctx, madrid); err != nil {
		t.Fatalf("SetLocation: %v", err)
	}

	// then the next run is 08:00 Madrid tomorrow, everywhere, and the views were told
	want := time.Date(2025, 12, 9, 8, 0, 0, 0, madrid)
	if w.svc.Location() != madrid {
		t.Errorf("Location = %s, want Europe/Madrid", w.svc.Location())
	}
	runs, err := w.svc.NextRuns(ctx, tr.ID, 1)
	if err != nil || len(runs) != 1 || !runs[0].Equal(want) || runs[0].Location() != madrid {
		t.Errorf("NextRuns = %v, %v; want [%s]", runs, err, want)
	}
	jobs := w.svc.SchedulerStatus().Jobs
	if len(jobs) != 1 || !jobs[0].NextRun.Equal(want) {
		t.Errorf("scheduler jobs = %+v, want next run %s", jobs, want)
	}
	select {
	case <-changed:
	default:
		t.Error("no EventTriggersChanged after the zone change")
	}

	// and the timer fires at that time
	if err := w.clock.BlockUntilContext(ctx, 1); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(want.Sub(w.clock.Now()))
	ev := w.waitRun(t)
	if !ev.Execution.ScheduledFor.Equal(want) {
		t.Errorf("ran slot %s, want %s", ev.Execution.ScheduledFor, want)
	}
}

func TestSetLocationToTheSameZoneChangesNothing(t *testing.T) {
	// given a service in Bogotá
	w := newWorld(t)
	changed := 0
	w.svc.Subscribe(func(e app.Event) {
		if e.Kind == app.EventTriggersChanged {
			changed++
		}
	})

	// when Bogotá is set again (another *time.Location of the same zone)
	again, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.svc.SetLocation(context.Background(), again); err != nil {
		t.Fatalf("SetLocation: %v", err)
	}

	// then no event was published
	if changed != 0 {
		t.Errorf("%d EventTriggersChanged for an unchanged zone", changed)
	}
}

func TestSetDefaultRecipientsAppliesToTheNextRun(t *testing.T) {
	// given a trigger without recipients and old defaults
	w := newWorld(t, withDefaults("viejo@ejemplo.com"))
	ctx := context.Background()
	w.alert(t, w.company(t, "Acme S.A.S."), "IVA", "CRITICA")
	tr := w.trigger(t, "Sin destinatarios", nil, "CRITICA")

	// when the defaults change and the trigger runs
	w.svc.SetDefaultRecipients([]string{"nuevo@ejemplo.com", "otro@ejemplo.com"})
	if _, err := w.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatalf("RunNow: %v", err)
	}
	w.waitRun(t)

	// then the new addresses received it
	msgs := w.smtp.Messages()
	if len(msgs) != 1 || !slices.Equal(msgs[0].To, []string{"nuevo@ejemplo.com", "otro@ejemplo.com"}) {
		t.Fatalf("messages = %+v, want one to the new defaults", msgs)
	}
	if got := w.svc.DefaultRecipients(); !slices.Equal(got, []string{"nuevo@ejemplo.com", "otro@ejemplo.com"}) {
		t.Errorf("DefaultRecipients = %v", got)
	}
}

func TestZoneAndRecipientsChangeSafelyWhileRunsGoOn(t *testing.T) {
	// given a trigger without recipients
	w := newWorld(t, withDefaults("a@ejemplo.com"))
	ctx := context.Background()
	w.alert(t, w.company(t, "Acme S.A.S."), "IVA", "CRITICA")
	tr := w.trigger(t, "Sin destinatarios", nil, "CRITICA")
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}

	// when zones and recipients change while the trigger runs and views read
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 10 {
			loc := madrid
			if i%2 == 0 {
				loc = bogota
			}
			if err := w.svc.SetLocation(ctx, loc); err != nil {
				t.Errorf("SetLocation: %v", err)
			}
			w.svc.SetDefaultRecipients([]string{"b@ejemplo.com"})
			_ = w.svc.Now()
			_, _ = w.svc.Triggers(ctx)
		}
	})
	if _, err := w.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatalf("RunNow: %v", err)
	}
	w.waitRun(t)
	wg.Wait()

	// then the last zone is in effect (the race detector checks the rest)
	if got := w.svc.Location().String(); got != "Europe/Madrid" {
		t.Errorf("Location = %s, want Europe/Madrid", got)
	}
}
