package taxcal

import (
	"testing"
	"time"
)

// bare is a calendar without civic days: holidays and weekends only.
func bare(t *testing.T) *Calendar {
	t.Helper()
	c, err := Parse([]byte(`{"version": "t", "obtenido_el": "2026-01-01"}`))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCivicDaysOfTheDataAreNotBusinessDays(t *testing.T) {
	// given the three civic days the shipped data holds, all on weekdays
	for _, s := range []string{"2024-04-19", "2024-07-15", "2026-04-17"} {
		// then only a calendar that holds them closes them
		if Embedded().IsBusinessDay(d(s)) {
			t.Errorf("%s is a business day in the shipped calendar", s)
		}
		if !bare(t).IsBusinessDay(d(s)) {
			t.Errorf("%s is not a business day in a calendar without civic days", s)
		}
	}
	if got := len(Embedded().NonBusinessDays()); got != 3 {
		t.Errorf("%d non-business days, want 3", got)
	}
}

func TestWeekendsAndHolidaysAreNotBusinessDays(t *testing.T) {
	c := bare(t)
	for _, s := range []string{"2026-04-02", "2026-04-03", "2026-08-17", "2026-01-03", "2026-01-04", "2025-06-30"} {
		if c.IsBusinessDay(d(s)) {
			t.Errorf("%s is a business day", s)
		}
	}
	for _, s := range []string{"2026-04-01", "2026-08-18", "2026-01-02"} {
		if !c.IsBusinessDay(d(s)) {
			t.Errorf("%s is not a business day", s)
		}
	}
	// a time of day or another zone does not change the date asked about
	bogota := time.FixedZone("COT", -5*3600)
	if c.IsBusinessDay(time.Date(2026, 8, 17, 23, 0, 0, 0, bogota)) {
		t.Error("17 Aug 2026 23:00 in Bogotá is a business day")
	}
}

func TestNthBusinessDayCountsTheCivicDay(t *testing.T) {
	// April 2026: 2 and 3 are Jueves and Viernes Santo, 17 the civic day.
	if got, ok := Embedded().NthBusinessDay(2026, time.April, 16); !ok || !got.Equal(d("2026-04-27")) {
		t.Errorf("16th business day of April 2026 = %s, want 2026-04-27", got.Format(time.DateOnly))
	}
	if got, ok := bare(t).NthBusinessDay(2026, time.April, 16); !ok || !got.Equal(d("2026-04-24")) {
		t.Errorf("without the civic day: %s, want 2026-04-24", got.Format(time.DateOnly))
	}
	if _, ok := bare(t).NthBusinessDay(2026, time.April, 25); ok {
		t.Error("April 2026 has a 25th business day")
	}
	if _, ok := bare(t).NthBusinessDay(2026, time.April, 0); ok {
		t.Error("a 0th business day")
	}
	if n := Embedded().BusinessDayOrdinal(d("2026-04-27")); n != 16 {
		t.Errorf("27 Apr 2026 is business day %d, want 16", n)
	}
	if n := Embedded().BusinessDayOrdinal(d("2026-04-17")); n != 0 {
		t.Errorf("the civic day is business day %d, want 0", n)
	}
}
