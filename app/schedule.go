package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Frequency is how often a trigger runs. Its string form is the product's name.
type Frequency string

const (
	FrequencyDaily   Frequency = "diaria"
	FrequencyWeekly  Frequency = "semanal"
	FrequencyMonthly Frequency = "mensual"
	FrequencyHourly  Frequency = "personalizada" // every IntervalHours hours
)

// LastDayOfMonth as DayOfMonth runs a monthly trigger on the month's last day.
const LastDayOfMonth = -1

// MaxIntervalHours bounds the "every N hours" frequency (one week).
const MaxIntervalHours = 168

// Schedule says when a trigger runs. Next and Prev define its slots; the
// scheduler adapter only times them.
//
// Calendar frequencies run at Hour:Minute local time in the configured zone. A
// local time that does not exist (DST spring-forward) runs at the transition; an
// ambiguous one (fall-back) runs once, at its first occurrence. Day 29-31 runs on
// the last day of a shorter month. The hourly frequency runs on a grid of
// IntervalHours anchored at Anchor (the trigger's creation), in absolute time, so
// restarts and DST keep the same slots.
type Schedule struct {
	Frequency     Frequency
	Hour          int
	Minute        int
	Weekdays      []time.Weekday // semanal; sorted, unique
	DayOfMonth    int            // mensual: 1..31 or LastDayOfMonth
	IntervalHours int            // personalizada: 1..MaxIntervalHours
	Anchor        time.Time      // personalizada: grid origin
}

// calendarSearchDays bounds the day-by-day walk of calendar schedules: every
// valid calendar schedule has a slot at least once a month.
const calendarSearchDays = 70

// Next returns the first slot strictly after after, in loc. It returns the zero
// time for a schedule without slots (an invalid one).
func (s Schedule) Next(after time.Time, loc *time.Location) time.Time {
	if s.Frequency == FrequencyHourly {
		step := time.Duration(s.IntervalHours) * time.Hour
		if step <= 0 || s.Anchor.IsZero() {
			return time.Time{}
		}
		k := int64(1)
		if d := after.Sub(s.Anchor); d >= 0 {
			k = int64(d/step) + 1
		}
		return s.Anchor.Add(time.Duration(k) * step).In(loc)
	}
	local := after.In(loc)
	// Start a day early: a slot resolved across a DST gap can move past midnight.
	for i := -1; i <= calendarSearchDays; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+i, 12, 0, 0, 0, loc)
		if !s.runsOn(day) {
			continue
		}
		if slot := s.slotOn(day, loc); slot.After(after) {
			return slot
		}
	}
	return time.Time{}
}

// Prev returns the latest slot at or before at, in loc, or the zero time when
// there is none (an hourly grid that has not produced its first slot yet).
func (s Schedule) Prev(at time.Time, loc *time.Location) time.Time {
	if s.Frequency == FrequencyHourly {
		step := time.Duration(s.IntervalHours) * time.Hour
		if step <= 0 || s.Anchor.IsZero() {
			return time.Time{}
		}
		k := int64(at.Sub(s.Anchor) / step)
		if at.Before(s.Anchor) || k < 1 {
			return time.Time{}
		}
		return s.Anchor.Add(time.Duration(k) * step).In(loc)
	}
	local := at.In(loc)
	for i := 1; i >= -calendarSearchDays; i-- {
		day := time.Date(local.Year(), local.Month(), local.Day()+i, 12, 0, 0, 0, loc)
		if !s.runsOn(day) {
			continue
		}
		if slot := s.slotOn(day, loc); !slot.After(at) {
			return slot
		}
	}
	return time.Time{}
}

// NextN returns the next n slots after after.
func (s Schedule) NextN(after time.Time, loc *time.Location, n int) []time.Time {
	out := make([]time.Time, 0, n)
	for len(out) < n {
		after = s.Next(after, loc)
		if after.IsZero() {
			break
		}
		out = append(out, after)
	}
	return out
}

func (s Schedule) runsOn(day time.Time) bool {
	switch s.Frequency {
	case FrequencyDaily:
		return true
	case FrequencyWeekly:
		return slices.Contains(s.Weekdays, day.Weekday())
	case FrequencyMonthly:
		last := daysIn(day.Year(), day.Month())
		want := s.DayOfMonth
		if want == LastDayOfMonth || want > last {
			want = last
		}
		return want >= 1 && day.Day() == want
	}
	return false
}

func (s Schedule) slotOn(day time.Time, loc *time.Location) time.Time {
	return resolveLocal(day.Year(), day.Month(), day.Day(), s.Hour, s.Minute, loc)
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// resolveLocal turns a local wall time into an instant: a time inside a DST gap
// becomes the transition instant, an ambiguous one its first occurrence.
func resolveLocal(year int, month time.Month, day, hour, minute int, loc *time.Location) time.Time {
	want := time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
	t := time.Date(year, month, day, hour, minute, 0, 0, loc)
	if wall := wallClock(t); !wall.Equal(want) {
		start, end := t.ZoneBounds()
		if wall.After(want) {
			return start // t was normalised past the gap: the gap ends where t's zone starts
		}
		return end
	}
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, offBefore := start.Add(-time.Second).Zone()
	_, offNow := t.Zone()
	if offBefore > offNow {
		earlier := t.Add(-time.Duration(offBefore-offNow) * time.Second)
		if earlier.Before(start) && wallClock(earlier).Equal(want) {
			return earlier
		}
	}
	return t
}

func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// weekdayNames are the Spanish names, indexed by time.Weekday.
var weekdayNames = [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}

// WeekdayName is the Spanish name of a weekday.
func WeekdayName(d time.Weekday) string { return weekdayNames[d] }

// ParseWeekday accepts a Spanish weekday name, in any case, accents optional.
func ParseWeekday(s string) (time.Weekday, bool) {
	s = foldAccents(strings.ToLower(strings.TrimSpace(s)))
	for i, name := range weekdayNames {
		if s == foldAccents(name) {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

func foldAccents(s string) string {
	return strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "Á", "a", "É", "e", "Í", "i", "Ó", "o", "Ú", "u").Replace(s)
}

// SortWeekdays orders weekdays Monday first, as a Spanish calendar does, without duplicates.
func SortWeekdays(days []time.Weekday) []time.Weekday {
	out := slices.Clone(days)
	slices.SortFunc(out, func(a, b time.Weekday) int { return mondayFirst(a) - mondayFirst(b) })
	return slices.Compact(out)
}

func mondayFirst(d time.Weekday) int { return (int(d) + 6) % 7 }

// TimeOfDay is the "HH:MM" form of the schedule's time.
func (s Schedule) TimeOfDay() string { return fmt.Sprintf("%02d:%02d", s.Hour, s.Minute) }

// Describe is the one-line Spanish description: "Semanal (lunes, viernes) a las 15:00".
func (s Schedule) Describe() string {
	switch s.Frequency {
	case FrequencyDaily:
		return "Diaria a las " + s.TimeOfDay()
	case FrequencyWeekly:
		names := make([]string, 0, len(s.Weekdays))
		for _, d := range SortWeekdays(s.Weekdays) {
			names = append(names, WeekdayName(d))
		}
		return fmt.Sprintf("Semanal (%s) a las %s", strings.Join(names, ", "), s.TimeOfDay())
	case FrequencyMonthly:
		if s.DayOfMonth == LastDayOfMonth {
			return "Mensual (último día) a las " + s.TimeOfDay()
		}
		return fmt.Sprintf("Mensual (día %d) a las %s", s.DayOfMonth, s.TimeOfDay())
	case FrequencyHourly:
		if s.IntervalHours == 1 {
			return "Cada hora"
		}
		return fmt.Sprintf("Cada %d horas", s.IntervalHours)
	}
	return string(s.Frequency)
}
