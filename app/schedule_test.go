package app

import (
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}

func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

func TestScheduleNextAndPrev(t *testing.T) {
	bog := mustZone(t, "America/Bogota")
	anchor := at(bog, 2025, 12, 1, 9, 17)
	tests := []struct {
		name string
		s    Schedule
		from time.Time
		next time.Time
		prev time.Time // latest slot at or before from
	}{
		{"daily before time", Schedule{Frequency: FrequencyDaily, Hour: 8}, at(bog, 2025, 12, 8, 7, 59), at(bog, 2025, 12, 8, 8, 0), at(bog, 2025, 12, 7, 8, 0)},
		{"daily exactly at slot", Schedule{Frequency: FrequencyDaily, Hour: 8}, at(bog, 2025, 12, 8, 8, 0), at(bog, 2025, 12, 9, 8, 0), at(bog, 2025, 12, 8, 8, 0)},
		{"daily across year end", Schedule{Frequency: FrequencyDaily, Hour: 23, Minute: 59}, at(bog, 2025, 12, 31, 23, 59), at(bog, 2026, 1, 1, 23, 59), at(bog, 2025, 12, 31, 23, 59)},
		{"weekly monday friday from sunday", Schedule{Frequency: FrequencyWeekly, Hour: 15, Weekdays: []time.Weekday{time.Monday, time.Friday}}, at(bog, 2025, 12, 7, 10, 0), at(bog, 2025, 12, 8, 15, 0), at(bog, 2025, 12, 5, 15, 0)},
		{"weekly after monday slot", Schedule{Frequency: FrequencyWeekly, Hour: 15, Weekdays: []time.Weekday{time.Monday, time.Friday}}, at(bog, 2025, 12, 8, 15, 1), at(bog, 2025, 12, 12, 15, 0), at(bog, 2025, 12, 8, 15, 0)},
		{"monthly 15th", Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: 15}, at(bog, 2025, 12, 16, 0, 0), at(bog, 2026, 1, 15, 9, 0), at(bog, 2025, 12, 15, 9, 0)},
		{"monthly 31 in february common year", Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: 31}, at(bog, 2026, 2, 1, 0, 0), at(bog, 2026, 2, 28, 9, 0), at(bog, 2026, 1, 31, 9, 0)},
		{"monthly 31 in february leap year", Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: 31}, at(bog, 2028, 2, 1, 0, 0), at(bog, 2028, 2, 29, 9, 0), at(bog, 2028, 1, 31, 9, 0)},
		{"monthly 30 in february leap year", Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: 30}, at(bog, 2028, 2, 29, 9, 0), at(bog, 2028, 3, 30, 9, 0), at(bog, 2028, 2, 29, 9, 0)},
		{"monthly 29 in february common year", Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: 29}, at(bog, 2026, 2, 28, 10, 0), at(bog, 2026, 3, 29, 9, 0), at(bog, 2026, 2, 28, 9, 0)},
		{"monthly 31 in april", Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: 31}, at(bog, 2026, 4, 1, 0, 0), at(bog, 2026, 4, 30, 9, 0), at(bog, 2026, 3, 31, 9, 0)},
		{"monthly last day", Schedule{Frequency: FrequencyMonthly, Hour: 18, DayOfMonth: LastDayOfMonth}, at(bog, 2026, 2, 28, 18, 0), at(bog, 2026, 3, 31, 18, 0), at(bog, 2026, 2, 28, 18, 0)},
		{"hourly before first slot", Schedule{Frequency: FrequencyHourly, IntervalHours: 4, Anchor: anchor}, at(bog, 2025, 12, 1, 10, 0), at(bog, 2025, 12, 1, 13, 17), time.Time{}},
		{"hourly on the grid", Schedule{Frequency: FrequencyHourly, IntervalHours: 4, Anchor: anchor}, at(bog, 2025, 12, 3, 1, 17), at(bog, 2025, 12, 3, 5, 17), at(bog, 2025, 12, 3, 1, 17)},
		{"hourly weekly interval", Schedule{Frequency: FrequencyHourly, IntervalHours: 168, Anchor: anchor}, at(bog, 2025, 12, 9, 0, 0), at(bog, 2025, 12, 15, 9, 17), at(bog, 2025, 12, 8, 9, 17)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Next(tt.from, bog); !got.Equal(tt.next) {
				t.Errorf("Next(%v) = %v, want %v", tt.from, got, tt.next)
			}
			if got := tt.s.Prev(tt.from, bog); !got.Equal(tt.prev) {
				t.Errorf("Prev(%v) = %v, want %v", tt.from, got, tt.prev)
			}
		})
	}
}

func TestScheduleAcrossDaylightSavingTransitions(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	berlin := mustZone(t, "Europe/Berlin")
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name string
		loc  *time.Location
		s    Schedule
		from time.Time
		want []time.Time // the next slots, in order
	}{
		{
			"new york spring forward gap runs at transition",
			ny, Schedule{Frequency: FrequencyDaily, Hour: 2, Minute: 30},
			at(ny, 2026, 3, 7, 12, 0),
			// 02:30 EST on the 7th... 03:00 EDT (07:00Z) on the 8th, 02:30 EDT on the 9th.
			[]time.Time{utc(2026, 3, 8, 7, 0), utc(2026, 3, 9, 6, 30)},
		},
		{
			"new york fall back ambiguous runs once at first occurrence",
			ny, Schedule{Frequency: FrequencyDaily, Hour: 1, Minute: 30},
			at(ny, 2026, 10, 31, 12, 0),
			// 01:30 EDT (05:30Z) once on Nov 1, then 01:30 EST (06:30Z) on Nov 2.
			[]time.Time{utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)},
		},
		{
			"berlin spring forward weekly sunday",
			berlin, Schedule{Frequency: FrequencyWeekly, Hour: 2, Minute: 15, Weekdays: []time.Weekday{time.Sunday}},
			at(berlin, 2026, 3, 28, 0, 0),
			[]time.Time{utc(2026, 3, 29, 1, 0), utc(2026, 4, 5, 0, 15)},
		},
		{
			"berlin fall back monthly on the 25th",
			berlin, Schedule{Frequency: FrequencyMonthly, Hour: 2, Minute: 30, DayOfMonth: 25},
			at(berlin, 2026, 10, 1, 0, 0),
			[]time.Time{utc(2026, 10, 25, 0, 30), utc(2026, 11, 25, 1, 30)},
		},
		{
			"hourly grid keeps absolute spacing across the gap",
			ny, Schedule{Frequency: FrequencyHourly, IntervalHours: 1, Anchor: utc(2026, 3, 8, 5, 0)},
			utc(2026, 3, 8, 5, 30),
			[]time.Time{utc(2026, 3, 8, 6, 0), utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 8, 0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.s.NextN(tt.from, tt.loc, len(tt.want))
			if len(got) != len(tt.want) {
				t.Fatalf("NextN = %v, want %v", got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("slot %d = %v, want %v", i, got[i], tt.want[i].In(tt.loc))
				}
				// Prev of a slot is that slot: the scheduler relies on it to name what fired.
				if p := tt.s.Prev(got[i], tt.loc); !p.Equal(got[i]) {
					t.Errorf("Prev(slot %d) = %v, want the slot %v", i, p, got[i])
				}
			}
		})
	}
}

func TestAmbiguousSlotRunsOnceInTheRepeatedHour(t *testing.T) {
	// given a daily 01:30 trigger in New York on the fall-back day
	ny := mustZone(t, "America/New_York")
	s := Schedule{Frequency: FrequencyDaily, Hour: 1, Minute: 30}
	first := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC) // 01:30 EDT
	// when asking for the next slot during the repeated hour (01:40 EST)
	next := s.Next(time.Date(2026, 11, 1, 6, 40, 0, 0, time.UTC), ny)
	// then it is the next day's, not the second 01:30
	if want := time.Date(2026, 11, 2, 6, 30, 0, 0, time.UTC); !next.Equal(want) {
		t.Fatalf("Next = %v, want %v", next, want)
	}
	if p := s.Prev(time.Date(2026, 11, 1, 6, 35, 0, 0, time.UTC), ny); !p.Equal(first) {
		t.Fatalf("Prev in repeated hour = %v, want first occurrence %v", p, first)
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		s    Schedule
		want string
	}{
		{Schedule{Frequency: FrequencyDaily, Hour: 8}, "Diaria a las 08:00"},
		{Schedule{Frequency: FrequencyWeekly, Hour: 15, Weekdays: []time.Weekday{time.Friday, time.Monday}}, "Semanal (lunes, viernes) a las 15:00"},
		{Schedule{Frequency: FrequencyWeekly, Hour: 7, Minute: 5, Weekdays: []time.Weekday{time.Sunday, time.Wednesday}}, "Semanal (miércoles, domingo) a las 07:05"},
		{Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: 15}, "Mensual (día 15) a las 09:00"},
		{Schedule{Frequency: FrequencyMonthly, Hour: 9, DayOfMonth: LastDayOfMonth}, "Mensual (último día) a las 09:00"},
		{Schedule{Frequency: FrequencyHourly, IntervalHours: 4}, "Cada 4 horas"},
		{Schedule{Frequency: FrequencyHourly, IntervalHours: 1}, "Cada hora"},
	}
	for _, tt := range tests {
		if got := tt.s.Describe(); got != tt.want {
			t.Errorf("Describe() = %q, want %q", got, tt.want)
		}
	}
}

func TestParseWeekdayAcceptsAccentsAndCase(t *testing.T) {
	for in, want := range map[string]time.Weekday{
		"lunes": time.Monday, "Miércoles": time.Wednesday, "miercoles": time.Wednesday,
		"SABADO": time.Saturday, " sábado ": time.Saturday, "domingo": time.Sunday,
	} {
		if got, ok := ParseWeekday(in); !ok || got != want {
			t.Errorf("ParseWeekday(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := ParseWeekday("monday"); ok {
		t.Error("ParseWeekday accepted an English name")
	}
}
