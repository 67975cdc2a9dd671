package taxcal

import (
	"slices"
	"time"
)

// IsBusinessDay reports whether d (00:00 UTC) is a business day: not a
// Saturday or Sunday, not a public holiday, and not one of c's civic or other
// dated non-business days (DIAN Concepto 761 de 2024 leaves civic days out
// when counting tax deadlines).
func (c *Calendar) IsBusinessDay(d time.Time) bool {
	d = day(d)
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if isHoliday(d) {
		return false
	}
	_, closed := c.nonBusiness[d]
	return !closed
}

// NonBusinessDays lists c's civic and other dated non-business days, by date.
func (c *Calendar) NonBusinessDays() []NonBusinessDay {
	out := make([]NonBusinessDay, 0, len(c.nonBusiness))
	for _, n := range c.nonBusiness {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b NonBusinessDay) int { return a.Date.Compare(b.Date) })
	return out
}

// NthBusinessDay is the nth (1-based) business day of month in year, false
// when the month has fewer.
func (c *Calendar) NthBusinessDay(year int, month time.Month, n int) (time.Time, bool) {
	if n < 1 {
		return time.Time{}, false
	}
	for d := date(year, month, 1); d.Month() == month; d = d.AddDate(0, 0, 1) {
		if c.IsBusinessDay(d) {
			n--
			if n == 0 {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// BusinessDayOrdinal is d's place among its month's business days (1-based),
// 0 when d is not a business day.
func (c *Calendar) BusinessDayOrdinal(d time.Time) int {
	d = day(d)
	if !c.IsBusinessDay(d) {
		return 0
	}
	n := 0
	for x := date(d.Year(), d.Month(), 1); !x.After(d); x = x.AddDate(0, 0, 1) {
		if c.IsBusinessDay(x) {
			n++
		}
	}
	return n
}

// day is d's calendar date at 00:00 UTC.
func day(d time.Time) time.Time {
	y, m, dd := d.Date()
	return date(y, m, dd)
}
