package scheduler

import (
	"testing"
	"time"

	"vigia/app"
)

func TestDailyTriggerFiresAtEightInBogota(t *testing.T) {
	// given a daily 08:00 trigger armed on a Sunday afternoon in Bogotá
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 1, 15, 0))
	h.upsert(daily(7, "Resumen diario", 8, 0))

	// then it fires at 08:00 Bogotá time on each following day, with that slot
	h.expectSlots(7,
		at(bogota, 2026, time.March, 2, 8, 0),
		at(bogota, 2026, time.March, 3, 8, 0),
		at(bogota, 2026, time.March, 4, 8, 0),
	)
}

func TestDailyTriggerHandsItsIDAndNameToTheRun(t *testing.T) {
	// given a daily trigger
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 1, 7, 0))
	h.upsert(daily(42, "Vencimientos DIAN", 8, 0))

	// when its slot comes
	h.advanceTo(at(bogota, 2026, time.March, 1, 8, 0), 1)

	// then the run gets the trigger's ID, name and slot
	f := h.nextFiring()
	if f.triggerID != 42 || f.name != "Vencimientos DIAN" || !f.slot.Equal(at(bogota, 2026, time.March, 1, 8, 0)) {
		t.Fatalf("fired %+v", f)
	}
}

func TestWeeklyTriggerFiresMondayAndFridayForTwoWeeks(t *testing.T) {
	// given a Monday+Friday 15:00 trigger armed on Sunday 2026-03-01
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 1, 9, 0))
	h.upsert(app.Trigger{ID: 3, Name: "Semanal", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyWeekly, Hour: 15, Minute: 0,
		Weekdays: []time.Weekday{time.Monday, time.Friday},
	}})

	// then it fires on those days only, at 15:00
	h.expectSlots(3,
		at(bogota, 2026, time.March, 2, 15, 0),  // Monday
		at(bogota, 2026, time.March, 6, 15, 0),  // Friday
		at(bogota, 2026, time.March, 9, 15, 0),  // Monday
		at(bogota, 2026, time.March, 13, 15, 0), // Friday
	)
}

func TestMonthlyDay31FiresOnTheLastDayOfShorterMonths(t *testing.T) {
	// given a trigger on day 31 at 07:30, armed in January 2027 (February has 28 days)
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2027, time.January, 15, 0, 0))
	h.upsert(app.Trigger{ID: 5, Name: "Cierre", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyMonthly, Hour: 7, Minute: 30, DayOfMonth: 31,
	}})

	// then it fires on Jan 31, Feb 28, Mar 31, Apr 30
	h.expectSlots(5,
		at(bogota, 2027, time.January, 31, 7, 30),
		at(bogota, 2027, time.February, 28, 7, 30),
		at(bogota, 2027, time.March, 31, 7, 30),
		at(bogota, 2027, time.April, 30, 7, 30),
	)
}

func TestMonthlyDay31FiresOnFebruary29InALeapYear(t *testing.T) {
	// given a trigger on day 31, armed in February 2028
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2028, time.February, 10, 0, 0))
	h.upsert(app.Trigger{ID: 5, Name: "Cierre", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyMonthly, Hour: 7, Minute: 30, DayOfMonth: 31,
	}})

	// then February's slot is the 29th
	h.expectSlots(5,
		at(bogota, 2028, time.February, 29, 7, 30),
		at(bogota, 2028, time.March, 31, 7, 30),
	)
}

func TestMonthlyLastDayFiresOnEachMonthsLastDay(t *testing.T) {
	// given a trigger on the last day of the month (-1) at 18:00
	bogota := mustLoad(t, "America/Bogota")
	h := newHarness(t, bogota, at(bogota, 2026, time.January, 31, 18, 1))
	h.upsert(app.Trigger{ID: 6, Name: "Fin de mes", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyMonthly, Hour: 18, Minute: 0, DayOfMonth: app.LastDayOfMonth,
	}})

	// then it fires on Feb 28, Mar 31, Apr 30
	h.expectSlots(6,
		at(bogota, 2026, time.February, 28, 18, 0),
		at(bogota, 2026, time.March, 31, 18, 0),
		at(bogota, 2026, time.April, 30, 18, 0),
	)
}

func TestHourlyTriggerFiresEveryFourHoursOnItsAnchorGrid(t *testing.T) {
	// given an every-4-hours trigger created at 09:17 the day before
	bogota := mustLoad(t, "America/Bogota")
	anchor := at(bogota, 2026, time.March, 2, 9, 17)
	h := newHarness(t, bogota, at(bogota, 2026, time.March, 3, 10, 0))
	h.upsert(app.Trigger{ID: 9, Name: "Cada 4 horas", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyHourly, IntervalHours: 4, Anchor: anchor,
	}})

	// then it fires on the grid anchor + k*4h, not 4h after it was armed
	h.expectSlots(9,
		at(bogota, 2026, time.March, 3, 13, 17),
		at(bogota, 2026, time.March, 3, 17, 17),
		at(bogota, 2026, time.March, 3, 21, 17),
		at(bogota, 2026, time.March, 4, 1, 17),
	)
}

func TestDailyTriggerInASpringForwardGapRunsOnceAtTheTransition(t *testing.T) {
	// given a daily 02:30 trigger in New York; 02:30 does not exist on 2026-03-08
	ny := mustLoad(t, "America/New_York")
	h := newHarness(t, ny, at(ny, 2026, time.March, 7, 12, 0))
	h.upsert(daily(11, "Madrugada", 2, 30))

	// then that day it fires once, at 03:00 EDT (the transition), and 02:30 again after
	transition := time.Date(2026, time.March, 8, 7, 0, 0, 0, time.UTC)
	h.expectSlots(11,
		transition,
		at(ny, 2026, time.March, 9, 2, 30),
	)
	if got := transition.In(ny).Format("15:04 MST"); got != "03:00 EDT" {
		t.Fatalf("transition slot = %s, want 03:00 EDT", got)
	}
}

func TestDailyTriggerAtAnAmbiguousTimeRunsOnceOnFallBackDay(t *testing.T) {
	// given a daily 01:30 trigger in New York; 01:30 happens twice on 2026-11-01
	ny := mustLoad(t, "America/New_York")
	h := newHarness(t, ny, at(ny, 2026, time.October, 31, 12, 0))
	h.upsert(daily(12, "Madrugada", 1, 30))

	// then it fires at the first 01:30 (EDT) only, and next at 01:30 EST the day after
	h.expectSlots(12,
		time.Date(2026, time.November, 1, 5, 30, 0, 0, time.UTC), // 01:30 EDT
		time.Date(2026, time.November, 2, 6, 30, 0, 0, time.UTC), // 01:30 EST
	)
}

func TestHourlyTriggerKeepsBothRepeatedHoursOnFallBackDay(t *testing.T) {
	// given an hourly trigger in New York; 01:00 happens twice on 2026-11-01
	ny := mustLoad(t, "America/New_York")
	anchor := time.Date(2026, time.October, 30, 0, 0, 0, 0, time.UTC)
	h := newHarness(t, ny, time.Date(2026, time.November, 1, 4, 30, 0, 0, time.UTC))
	h.upsert(app.Trigger{ID: 13, Name: "Cada hora", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: anchor,
	}})

	// then it fires every absolute hour: 01:00 EDT, 01:00 EST, 02:00 EST
	// (gocron's own fall-back check would skip the second 01:00 were it
	// comparing New York wall clocks)
	h.expectSlots(13,
		time.Date(2026, time.November, 1, 5, 0, 0, 0, time.UTC),
		time.Date(2026, time.November, 1, 6, 0, 0, 0, time.UTC),
		time.Date(2026, time.November, 1, 7, 0, 0, 0, time.UTC),
	)
}

func TestHourlyTriggerArmedWithinItsSlotsSecondStillFires(t *testing.T) {
	// given an hourly trigger whose anchor has a fraction of a second, armed
	// 0.7 s before its slot, in the same second
	anchor := time.Date(2026, time.March, 2, 7, 0, 0, 900_000_000, time.UTC)
	h := newHarness(t, time.UTC, anchor.Add(time.Hour-700*time.Millisecond))
	h.upsert(app.Trigger{ID: 14, Name: "Cada hora", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyHourly, IntervalHours: 1, Anchor: anchor,
	}})

	// then that slot fires, and the next one an hour later
	// (gocron would take the first for a fall-back repeat and skip it)
	h.expectSlots(14, anchor.Add(time.Hour), anchor.Add(2*time.Hour))
}

func TestDailyTriggerInBerlinsSpringForwardGapRunsOnceAtTheTransition(t *testing.T) {
	// given a daily 02:30 trigger in Berlin; 02:30 does not exist on 2026-03-29
	berlin := mustLoad(t, "Europe/Berlin")
	h := newHarness(t, berlin, at(berlin, 2026, time.March, 28, 12, 0))
	h.upsert(daily(21, "Madrugada", 2, 30))
	// then that day it fires once, at 03:00 CEST (the transition), and at 02:30 the day after
	transition := time.Date(2026, time.March, 29, 1, 0, 0, 0, time.UTC)
	h.expectSlots(21,
		transition,
		at(berlin, 2026, time.March, 30, 2, 30),
	)
	if got := transition.In(berlin).Format("15:04 MST"); got != "03:00 CEST" {
		t.Fatalf("transition slot = %s, want 03:00 CEST", got)
	}
}

func TestDailyTriggerAtAnAmbiguousTimeRunsOnceOnBerlinsFallBackDay(t *testing.T) {
	// given a daily 02:30 trigger in Berlin; 02:30 happens twice on 2026-10-25
	berlin := mustLoad(t, "Europe/Berlin")
	h := newHarness(t, berlin, at(berlin, 2026, time.October, 24, 12, 0))
	h.upsert(daily(22, "Madrugada", 2, 30))
	// then it fires at the first 02:30 (CEST) only, and next at 02:30 CET the day after
	first := time.Date(2026, time.October, 25, 0, 30, 0, 0, time.UTC)
	h.expectSlots(22,
		first,
		time.Date(2026, time.October, 26, 1, 30, 0, 0, time.UTC),
	)
	if got := first.In(berlin).Format("15:04 MST"); got != "02:30 CEST" {
		t.Fatalf("fall-back slot = %s, want 02:30 CEST", got)
	}
}

func TestWeeklyTriggerOnTheDayAfterAGapGainsNoRunOnTheGapDay(t *testing.T) {
	// given a Monday 02:30 trigger in Berlin, armed the Sunday before; the
	// next Sunday (2026-03-29) has no 02:30
	berlin := mustLoad(t, "Europe/Berlin")
	h := newHarness(t, berlin, at(berlin, 2026, time.March, 22, 12, 0))
	h.upsert(app.Trigger{ID: 23, Name: "Lunes", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyWeekly, Hour: 2, Minute: 30, Weekdays: []time.Weekday{time.Monday},
	}})
	// then it fires on Mondays only (gocron's RunAfterTransition policy,
	// walking Berlin's days, would add a run on the gap Sunday)
	h.expectSlots(23,
		at(berlin, 2026, time.March, 23, 2, 30),
		at(berlin, 2026, time.March, 30, 2, 30),
		at(berlin, 2026, time.April, 6, 2, 30),
	)
}

func TestWeeklyTriggerOnTheDayAfterNewYorksGapGainsNoRunOnTheGapDay(t *testing.T) {
	// given a Monday 02:30 trigger in New York, armed the Sunday before; the
	// next Sunday (2026-03-08) has no 02:30
	ny := mustLoad(t, "America/New_York")
	h := newHarness(t, ny, at(ny, 2026, time.March, 1, 12, 0))
	h.upsert(app.Trigger{ID: 24, Name: "Lunes", Active: true, Schedule: app.Schedule{
		Frequency: app.FrequencyWeekly, Hour: 2, Minute: 30, Weekdays: []time.Weekday{time.Monday},
	}})
	// then it fires on Mondays only
	h.expectSlots(24,
		at(ny, 2026, time.March, 2, 2, 30),
		at(ny, 2026, time.March, 9, 2, 30),
	)
}
