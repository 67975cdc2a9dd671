package app_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
)

func TestANewDayRegeneratesBeforeADigestCollects(t *testing.T) {
	// given a one-month horizon, a company with retención and a trigger, no timers running
	w := newWorld(t, withClockAt(march2), withoutTimers())
	ctx := context.Background()
	if _, err := w.svc.SetCalendarHorizon(ctx, 1); err != nil {
		t.Fatal(err)
	}
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")
	tr := w.trigger(t, "Diario", []string{"admin@ejemplo.com"}, "CRITICA", "ALTA", "MEDIA", "BAJA")
	before := len(w.calendarAlerts(t, c.ID))

	// when 40 days pass and the trigger runs
	w.clock.Advance(40 * 24 * time.Hour)
	if n := len(w.calendarAlerts(t, c.ID)); n != before {
		t.Fatalf("alerts changed before any run: %d -> %d", before, n)
	}
	if _, err := w.svc.RunNow(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	ev := w.waitRun(t)

	// then the month the day opened has its alert, and the digest sent it
	after := w.calendarAlerts(t, c.ID)
	if len(after) <= before {
		t.Fatalf("alerts %d -> %d after a new day's run", before, len(after))
	}
	last := after[len(after)-1]
	if last.DueOn.Before(dateOn("2026-04-11")) || last.DueOn.After(dateOn("2026-05-11")) {
		t.Fatalf("last alert due %s, want within the horizon of 11 April", last.DueOn)
	}
	if ev.Execution.State != app.StateSucceeded || ev.Execution.Alerts == 0 {
		t.Fatalf("run = %+v", ev.Execution)
	}
}

func TestStartRegeneratesWhatAnotherWriterLeftUnwritten(t *testing.T) {
	// given a company saved with responsibilities straight into the database
	path := filepath.Join(t.TempDir(), "vigia.db")
	w := newWorldAt(t, path, withClockAt(march2))
	ctx := context.Background()
	c, err := w.store.CreateCompany(ctx, app.Company{Name: "Acme", NIT: nitEnding(6), Active: true, Responsibilities: []string{"retencion_fuente"}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(w.calendarAlerts(t, c.ID)); n != 0 {
		t.Fatalf("alerts before a start = %d", n)
	}
	w.stop()

	// when Vigía starts again on the database
	w = newWorldAt(t, path, withClockAt(march2))

	// then the company has its alerts
	if n := len(w.calendarAlerts(t, c.ID)); n < 12 {
		t.Fatalf("alerts after start = %d", n)
	}
}

func TestTheDigestCarriesTheCalendarSourceOfItsAlerts(t *testing.T) {
	// given a company whose retención is due the next day (16 April 2026 for digit 4)
	w := newWorld(t, withClockAt(time.Date(2026, 4, 15, 8, 0, 0, 0, bogota)))
	ctx := context.Background()
	w.client(t, "Acme S.A.S.", nitEnding(4), "retencion_fuente")

	// when the digest of critical alerts is collected
	groups, err := w.svc.OpenAlertsByCompany(ctx, []app.Priority{app.PriorityCritical})
	if err != nil {
		t.Fatal(err)
	}

	// then it holds that alert, escalated, with where its date comes from
	if len(groups) != 1 || len(groups[0].Alerts) != 1 {
		t.Fatalf("groups = %+v", groups)
	}
	a := groups[0].Alerts[0]
	if a.Calendar == nil || a.Calendar.Period != "2026-03" || a.Calendar.Source != "Decreto 2229 de 2023 · calendario DIAN 2026" ||
		a.EffectivePriority != app.PriorityCritical || a.Priority != app.PriorityLow {
		t.Fatalf("alert = %+v", a)
	}
}

func TestCalendarItemsListTheComingDatesOfEveryClientFiltered(t *testing.T) {
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	a := w.client(t, "Beta S.A.S.", nitEnding(6), "retencion_fuente", "iva_bimestral")
	w.client(t, "Alfa S.A.S.", nitEnding(6), "retencion_fuente")
	w.alert(t, a, "Conciliación bancaria", "BAJA")

	items, err := w.svc.CalendarItems(ctx, app.CalendarFilter{From: dateOn("2026-04-01"), To: dateOn("2026-04-30")})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Company.Name != "Alfa S.A.S." || items[1].Company.Name != "Beta S.A.S." ||
		!items[0].Alert.DueOn.Equal(dateOn("2026-04-21")) || items[0].Alert.EffectivePriority == "" {
		t.Fatalf("April = %+v", items)
	}
	iva, err := w.svc.CalendarItems(ctx, app.CalendarFilter{Obligation: "iva_bimestral", CompanyID: a.ID, OpenOnly: true})
	if err != nil || len(iva) != 6 {
		t.Fatalf("IVA of Beta = %d, %v", len(iva), err)
	}
	for i := 1; i < len(iva); i++ {
		if iva[i].Alert.DueOn.Before(iva[i-1].Alert.DueOn) {
			t.Fatal("not by due date")
		}
	}
	if _, err := w.svc.CalendarItems(ctx, app.CalendarFilter{Obligation: "iva"}); err == nil {
		t.Fatal("an unknown obligation was accepted")
	}
}

func TestTheDemoCompaniesTaxAlertsComeFromTheCalendar(t *testing.T) {
	// given a new database on 8 December 2025
	w := newWorld(t)
	ctx := context.Background()

	// when the demo is loaded
	sum, err := w.svc.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// then every company owes retención, one ICA Bogotá, and their tax alerts are the calendar's
	companies, err := w.svc.Companies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ica, calendar, manual := 0, 0, 0
	for _, c := range companies {
		if len(c.Responsibilities) == 0 || c.Responsibilities[0] != taxcal.RetencionFuente || c.NIT == "" {
			t.Errorf("%s owes %v", c.Name, c.Responsibilities)
		}
		if strings.Contains(strings.Join(c.Responsibilities, ","), taxcal.ICABogotaBimestral) {
			ica++
		}
		alerts, err := w.svc.Alerts(ctx, app.AlertFilter{CompanyID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range alerts {
			if wd := a.DueOn.Weekday(); !a.DueOn.IsZero() && a.Calendar != nil && (wd == time.Saturday || wd == time.Sunday) {
				t.Errorf("%s: %q due on a %s", c.Name, a.Title, wd)
			}
			if a.Calendar != nil {
				calendar++
				continue
			}
			manual++
			for _, tax := range []string{"IVA", "Retención", "exógena", "industria y comercio", "Renta"} {
				if strings.Contains(a.Title, tax) {
					t.Errorf("%s: hand-typed tax alert %q", c.Name, a.Title)
				}
			}
		}
	}
	if ica != 1 || calendar < 5*12 || manual < 3 || sum.Alerts != calendar+manual || sum.Companies != len(companies) {
		t.Fatalf("ICA %d, calendar %d, manual %d, summary %+v", ica, calendar, manual, sum)
	}
}

func TestAWakeOnANewDayRegeneratesTheCalendar(t *testing.T) {
	// given a one-month horizon and a company with retención
	w := newWorld(t, withClockAt(march2), withoutTimers())
	ctx := context.Background()
	if _, err := w.svc.SetCalendarHorizon(ctx, 1); err != nil {
		t.Fatal(err)
	}
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")
	before := len(w.calendarAlerts(t, c.ID))

	// when the machine sleeps 40 days and the watchdog asks to recover
	w.clock.Advance(40 * 24 * time.Hour)
	if _, err := w.svc.Recover(ctx); err != nil {
		t.Fatal(err)
	}

	// then the month the new day opened has its alert
	if after := len(w.calendarAlerts(t, c.ID)); after != before+1 {
		t.Fatalf("alerts %d -> %d after a wake on a new day", before, after)
	}
}

func TestATickOnANewDayRegeneratesTheCalendarAndOnTheSameDayDoesNothing(t *testing.T) {
	// given a one-month horizon and a company with retención
	w := newWorld(t, withClockAt(march2), withoutTimers())
	ctx := context.Background()
	if _, err := w.svc.SetCalendarHorizon(ctx, 1); err != nil {
		t.Fatal(err)
	}
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")
	before := len(w.calendarAlerts(t, c.ID))

	// when a tick comes later the same day
	w.clock.Advance(2 * time.Hour)
	w.svc.Tick(ctx)
	if n := len(w.calendarAlerts(t, c.ID)); n != before {
		t.Fatalf("alerts %d -> %d after a tick on the same day", before, n)
	}

	// and when the days pass with a tick each (no run, no wake)
	for range 40 {
		w.clock.Advance(24 * time.Hour)
		w.svc.Tick(ctx)
	}

	// then the month the days opened has its alert
	if after := len(w.calendarAlerts(t, c.ID)); after != before+1 {
		t.Fatalf("alerts %d -> %d after 40 days of ticks", before, after)
	}
}
