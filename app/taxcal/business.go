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
	days := c.businessDays(year, month)
	if n < 1 || n > len(days) {
		return time.Time{}, false
	}
	return days[n-1], true
}

// businessDays lists month's business days, computed once per month: the
// rule asks for them for every NIT and period.
func (c *Calendar) businessDays(year int, month time.Month) []time.Time {
	key := year*12 + int(month) - 1
	if days, ok := c.months.Load(key); ok {
		return days.([]time.Time)
	}
	days := make([]time.Time, 0, 23)
	for d := date(year, month, 1); d.Month() == month; d = d.AddDate(0, 0, 1) {
		if c.IsBusinessDay(d) {
			days = append(days, d)
		}
	}
	stored, _ := c.months.LoadOrStore(key, days)
	return stored.([]time.Time)
}

// BusinessDayOrdinal is d's place among its month's business days (1-based),
// 0 when d is not a business day.
func (c *Calendar) BusinessDayOrdinal(d time.Time) int {
	d = day(d)
	days := c.businessDays(d.Year(), d.Month())
	if i, found := slices.BinarySearchFunc(days, d, time.Time.Compare); found {
		return i + 1
	}
	return 0
}

// day is d's calendar date at 00:00 UTC.
func day(d time.Time) time.Time {
	y, m, dd := d.Date()
	return date(y, m, dd)
}
