package app

import (
	"slices"
	"testing"
	"time"
)

// fuzzZones are zones whose clocks jump: a one-hour DST in the north
// (America/New_York, Europe/Madrid) and in the south (America/Santiago, which
// moves at midnight), Lord Howe's half hour, Dublin's negative DST, Apia's
// skipped 30 December 2011, Bogotá (the default, with DST only in 1992-93)
// and UTC.
var fuzzZones = []string{
	"America/New_York", "Europe/Madrid", "Australia/Lord_Howe", "America/Bogota",
	"America/Santiago", "Europe/Dublin", "Pacific/Apia", "UTC",
}

// fuzzEpoch and fuzzSpan bound the instants: 1990 to 2070.
var (
	fuzzEpoch = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	fuzzSpan  = time.Date(2070, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - fuzzEpoch
)

// fuzzInstant folds any number into an instant between 1990 and 2070, to the second.
func fuzzInstant(n int64) time.Time {
	return time.Unix(fuzzEpoch+int64(uint64(n)%uint64(fuzzSpan)), 0)
}

// fuzzSchedule builds a valid schedule out of any numbers: every frequency,
// any time of day, any non-empty set of weekdays, days 1-31 and the last,
// intervals 1-168 hours anchored anywhere.
func fuzzSchedule(freq, hour, minute, days uint8, interval uint16, anchor int64) Schedule {
	s := Schedule{Hour: int(hour % 24), Minute: int(minute % 60)}
	switch freq % 4 {
	case 0:
		s.Frequency = FrequencyDaily
	case 1:
		s.Frequency = FrequencyWeekly
		for d := time.Sunday; d <= time.Saturday; d++ {
			if days&(1<<d) != 0 {
				s.Weekdays = append(s.Weekdays, d)
			}
		}
		if len(s.Weekdays) == 0 {
			s.Weekdays = []time.Weekday{time.Weekday(days>>7) + time.Monday}
		}
	case 2:
		s.Frequency = FrequencyMonthly
		s.DayOfMonth = int(days%32) + 1
		if s.DayOfMonth == 32 {
			s.DayOfMonth = LastDayOfMonth
		}
	default:
		s = Schedule{Frequency: FrequencyHourly, IntervalHours: int(interval%MaxIntervalHours) + 1, Anchor: fuzzInstant(anchor)}
	}
	return s
}

// FuzzScheduleNextPrev checks the contract of Next and Prev for any schedule,
// zone and instant: Next is strictly after, Prev at or before; the slot
// Next finds is a slot (Prev of it is itself) and no slot lies between the
// instant and it (Prev just before it is Prev of the instant); a calendar slot
// is at its time of day on a day it runs, or, when that wall time does not
// exist, at the clock change that skipped it, and an ambiguous wall time runs at its
// first occurrence; an hourly slot is on its grid.
func FuzzScheduleNextPrev(f *testing.F) {
	ny := time.Date(2026, 3, 8, 6, 59, 0, 0, time.UTC).Unix()       // a minute before New York springs forward
	madrid := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC).Unix() // Madrid's repeated hour
	lordHowe := time.Date(2026, 4, 4, 14, 45, 0, 0, time.UTC).Unix()
	apia := time.Date(2011, 12, 29, 12, 0, 0, 0, time.UTC).Unix()
	for _, c := range []struct {
		zone                     uint8
		freq, hour, minute, days uint8
		interval                 uint16
		anchor, instant          int64
		near                     int16
	}{
		{0, 0, 2, 30, 0, 0, 0, ny, 0},             // daily 02:30 across the gap
		{0, 0, 1, 30, 0, 0, 0, ny + 238*86400, 0}, // daily 01:30 across the fall back
		{1, 1, 2, 15, 1 << time.Sunday, 0, 0, madrid, 0},
		{1, 2, 2, 30, 24, 0, 0, madrid, 0}, // monthly on the 25th at the repeated 02:30
		{2, 0, 2, 10, 0, 0, 0, lordHowe, 0},
		{2, 2, 2, 0, 31, 0, 0, lordHowe, 0}, // last day of the month
		{3, 1, 8, 0, 0x3e, 0, 0, time.Date(2025, 12, 8, 12, 0, 0, 0, time.UTC).Unix(), 0},
		{4, 0, 0, 0, 0, 0, 0, time.Date(2026, 9, 5, 3, 30, 0, 0, time.UTC).Unix(), 0}, // Santiago's midnight gap
		{6, 0, 9, 0, 0, 0, 0, apia, 0},
		{6, 2, 10, 0, 29, 0, 0, apia, 0}, // monthly on the 30th: the day Samoa skipped
		{0, 3, 0, 0, 0, 4, ny - 3600, ny, 0},
		{5, 3, 0, 0, 0, 167, madrid, madrid - 86400, 0},
		{2, 0, 2, 15, 0, 0, 0, lordHowe, -30},            // Lord Howe's half-hour gap or fold
		{4, 1, 0, 0, 0x7f, 0, 0, madrid, 1},              // Santiago at midnight, every weekday
		{5, 0, 1, 30, 0, 0, 0, madrid + 180*86400, -90},  // Dublin's winter "DST"
		{1, 2, 2, 30, 31, 0, 0, madrid + 150*86400, 120}, // Madrid's gap, last day of the month
	} {
		f.Add(c.zone, c.freq, c.hour, c.minute, c.days, c.interval, c.anchor-fuzzEpoch, c.instant-fuzzEpoch, c.near)
	}
	locs := make([]*time.Location, len(fuzzZones))
	for i, name := range fuzzZones {
		locs[i] = mustZoneF(f, name)
	}
	f.Fuzz(func(t *testing.T, zone, freq, hour, minute, days uint8, interval uint16, anchor, instant int64, near int16) {
		loc := locs[int(zone)%len(locs)]
		s := fuzzSchedule(freq, hour, minute, days, interval, anchor)
		at := nearClockChange(fuzzInstant(instant), loc, near)
		next := s.Next(at, loc)
		if next.IsZero() || !next.After(at) {
			t.Fatalf("%s in %s: Next(%v) = %v, want a slot strictly after", s.Describe(), loc, at, next)
		}
		if next.Location() != loc {
			t.Errorf("Next(%v) is in %v, want %v", at, next.Location(), loc)
		}
		if p := s.Prev(next, loc); !p.Equal(next) {
			t.Fatalf("%s in %s: Prev(Next(%v) = %v) = %v, want the slot itself", s.Describe(), loc, at, next, p)
		}
		prev := s.Prev(at, loc)
		if before := s.Prev(next.Add(-time.Nanosecond), loc); !before.Equal(prev) {
			t.Fatalf("%s in %s: a slot %v lies between %v and Next = %v (Prev(%v) = %v)",
				s.Describe(), loc, before, at, next, at, prev)
		}
		checkPrev(t, s, loc, at, prev, next)
		checkSlot(t, s, loc, next)
	})
}

// nearClockChange moves at to within two days of the next clock change of
// loc when near is not 0, where slots move: near is the distance in minutes.
func nearClockChange(at time.Time, loc *time.Location, near int16) time.Time {
	if near == 0 {
		return at
	}
	if _, end := at.In(loc).ZoneBounds(); !end.IsZero() {
		return end.Add(time.Duration(near%2880) * time.Minute)
	}
	return at
}

// checkPrev checks Prev(at): at or before at, a slot, and Next of it is next.
func checkPrev(t *testing.T, s Schedule, loc *time.Location, at, prev, next time.Time) {
	t.Helper()
	if prev.IsZero() {
		if s.Frequency != FrequencyHourly || !next.Equal(s.Anchor.Add(time.Duration(s.IntervalHours)*time.Hour)) {
			t.Fatalf("%s in %s: Prev(%v) = none, but Next = %v is not the first slot of the grid", s.Describe(), loc, at, next)
		}
		return
	}
	if prev.After(at) {
		t.Fatalf("%s in %s: Prev(%v) = %v is after it", s.Describe(), loc, at, prev)
	}
	if n := s.Next(prev, loc); !n.Equal(next) {
		t.Fatalf("%s in %s: Next(Prev(%v) = %v) = %v, want %v", s.Describe(), loc, at, prev, n, next)
	}
	checkSlot(t, s, loc, prev)
}

// checkSlot checks that slot is one of s's slots by the documented rule.
func checkSlot(t *testing.T, s Schedule, loc *time.Location, slot time.Time) {
	t.Helper()
	if s.Frequency == FrequencyHourly {
		step := time.Duration(s.IntervalHours) * time.Hour
		if d := slot.Sub(s.Anchor); d < step || d%step != 0 {
			t.Fatalf("%s anchored at %v: %v is not on the grid", s.Describe(), s.Anchor, slot)
		}
		return
	}
	local := slot.In(loc)
	var days []time.Time // the days whose slot this may be
	if local.Hour() == s.Hour && local.Minute() == s.Minute && local.Second() == 0 {
		days = append(days, local)
		for _, back := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
			if earlier := slot.Add(-back); wallClock(earlier.In(loc)).Equal(wallClock(local)) {
				t.Fatalf("%s in %s: slot %v is the second occurrence of %v; %v is the first",
					s.Describe(), loc, slot, wallClock(local), earlier)
			}
		}
	}
	// A wall time the clock skipped runs at the instant the clock jumped.
	if start, _ := slot.ZoneBounds(); start.Equal(slot) {
		days = append(days, skippedDays(s, slot.Add(-time.Second).In(loc), local)...)
	}
	if len(days) == 0 {
		t.Fatalf("%s in %s: slot %v (%v local) is not at %s and not at a clock change that skipped it",
			s.Describe(), loc, slot, local, s.TimeOfDay())
	}
	for _, day := range days {
		if runsOnDate(s, day) {
			return
		}
	}
	t.Fatalf("%s in %s: slot %v is on %v, a day it does not run", s.Describe(), loc, slot, days[0].Format("Monday 2006-01-02"))
}

// skippedDays are the days whose H:M the clock skipped in jumping from the
// wall time before to the wall time after.
func skippedDays(s Schedule, before, after time.Time) []time.Time {
	var out []time.Time
	from, to := wallClock(before), wallClock(after)
	for d := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC); !d.After(to); d = d.AddDate(0, 0, 1) {
		want := time.Date(d.Year(), d.Month(), d.Day(), s.Hour, s.Minute, 0, 0, time.UTC)
		if from.Before(want) && !to.Before(want) {
			out = append(out, d)
		}
	}
	return out
}

// runsOnDate is the calendar rule written out again: every day, a listed
// weekday, or the day of the month (the last one for days the month lacks).
func runsOnDate(s Schedule, day time.Time) bool {
	switch s.Frequency {
	case FrequencyDaily:
		return true
	case FrequencyWeekly:
		return slices.Contains(s.Weekdays, day.Weekday())
	}
	last := time.Date(day.Year(), day.Month()+1, 0, 12, 0, 0, 0, time.UTC).Day()
	if s.DayOfMonth == LastDayOfMonth || s.DayOfMonth > last {
		return day.Day() == last
	}
	return day.Day() == s.DayOfMonth
}

func mustZoneF(f *testing.F, name string) *time.Location {
	f.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		f.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}
