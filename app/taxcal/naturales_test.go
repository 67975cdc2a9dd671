package taxcal

import (
	"fmt"
	"testing"
	"time"
)

// Renta personas naturales, tax year 2024 (due 2025), pair by pair: the table
// of actualicese.com (?p=865096, art. 1.6.1.13.2.15 as substituted by
// Decreto 2229 de 2023) with wradio.com.co (2025-08-27) for 41–50; 91–96 are
// the only business days between 89–90 (17 Oct) and 97–98 (23 Oct,
// caracol.com.co 2025-06-26).
var naturales2025 = []string{
	"2025-08-12", "2025-08-13", "2025-08-14", "2025-08-15", "2025-08-19", "2025-08-20", "2025-08-21",
	"2025-08-22", "2025-08-25", "2025-08-26", "2025-08-27", "2025-08-28", "2025-08-29",
	"2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05", "2025-09-08", "2025-09-09",
	"2025-09-10", "2025-09-11", "2025-09-12", "2025-09-15", "2025-09-16", "2025-09-17", "2025-09-18",
	"2025-09-19", "2025-09-22", "2025-09-23", "2025-09-24", "2025-09-25", "2025-09-26",
	"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09",
	"2025-10-10", "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17", "2025-10-20", "2025-10-21",
	"2025-10-22", "2025-10-23", "2025-10-24",
}

// Tax year 2025 (due 2026): semana.com (2025-12-26) and wradio.com.co
// (2026-01-03) list August and the start of September; the range ends on
// 26 October (lafm.com.co, noticiashoy.co).
var naturales2026 = map[int]string{
	1: "2026-08-12", 2: "2026-08-13", 3: "2026-08-14", 4: "2026-08-18", 5: "2026-08-19", 6: "2026-08-20",
	7: "2026-08-21", 8: "2026-08-24", 9: "2026-08-25", 10: "2026-08-26", 11: "2026-08-27", 12: "2026-08-28",
	13: "2026-08-31", 14: "2026-09-01", 15: "2026-09-02", 16: "2026-09-03", 17: "2026-09-04", 18: "2026-09-07",
	50: "2026-10-26",
}

func checkPair(t *testing.T, c *Calendar, taxYear string, pair int, want string) {
	t.Helper()
	for _, two := range []int{2*pair - 1, 2 * pair % 100} {
		nit := fmt.Sprintf("10203%02d", two)
		got, ok := c.DeadlineFor(RentaPersonasNaturales, taxYear, 0, nit)
		if !ok || got.DueOn.Format(time.DateOnly) != want {
			t.Errorf("año gravable %s, NIT ending %02d: %s (%v), want %s", taxYear, two, got.DueOn.Format(time.DateOnly), ok, want)
		}
	}
}

func TestPersonasNaturales2025FollowsThePublishedTable(t *testing.T) {
	both(t, func(t *testing.T, c *Calendar) {
		for i, want := range naturales2025 {
			checkPair(t, c, "2024", i+1, want)
		}
	})
}

func TestPersonasNaturales2026FollowsThePublishedDates(t *testing.T) {
	both(t, func(t *testing.T, c *Calendar) {
		for pair, want := range naturales2026 {
			checkPair(t, c, "2025", pair, want)
		}
	})
}

func TestPersonasNaturalesNeedTwoDigits(t *testing.T) {
	if _, ok := Embedded().DeadlineFor(RentaPersonasNaturales, "2025", 0, "7"); ok {
		t.Error("a date for a one-digit NIT")
	}
	if got := Embedded().Deadlines(RentaPersonasNaturales, "7", d("2026-01-01"), d("2026-12-31")); len(got) != 0 {
		t.Errorf("dates for a one-digit NIT: %v", got)
	}
}
