package ui

import (
	"testing"
	"time"

	"vigia/app"
)

func TestScheduleTextSpeaksTheInterfacesLanguage(t *testing.T) {
	schedules := []app.Schedule{
		{Frequency: app.FrequencyWeekly, Hour: 15, Weekdays: []time.Weekday{time.Friday, time.Monday}},
		{Frequency: app.FrequencyMonthly, Hour: 9, DayOfMonth: app.LastDayOfMonth},
		{Frequency: app.FrequencyMonthly, Hour: 18, Minute: 30, DayOfMonth: 15},
		{Frequency: app.FrequencyHourly, IntervalHours: 4},
		{Frequency: app.FrequencyHourly, IntervalHours: 1},
		{Frequency: app.FrequencyDaily, Hour: 8},
	}
	want := map[string][]string{
		LangSpanish: {"Semanal (lunes, viernes) a las 15:00", "Mensual (último día) a las 09:00", "Mensual (día 15) a las 18:30",
			"Cada 4 horas", "Cada hora", "Diaria a las 08:00"},
		LangEnglish: {"Weekly (Monday, Friday) at 15:00", "Monthly (last day) at 09:00", "Monthly (day 15) at 18:30",
			"Every 4 hours", "Every hour", "Daily at 08:00"},
	}
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	for _, lang := range []string{LangEnglish, LangSpanish} {
		// given the interface in a language
		if err := UseLanguage(lang); err != nil {
			t.Fatal(err)
		}
		for i, s := range schedules {
			// when a schedule is described, then it reads as expected
			if got := scheduleText(s); got != want[lang][i] {
				t.Errorf("%s: %+v = %q, want %q", lang, s, got, want[lang][i])
			}
		}
	}
}

func TestSlotNoteMarksRunsMovedByDaylightSaving(t *testing.T) {
	cases := []struct {
		zone  string
		from  [3]int // year, month, day: the runs after that midnight
		notes []string
	}{
		// Madrid springs forward on 2026-03-29 at 02:00: 02:30 does not exist
		{"Europe/Madrid", [3]int{2026, 3, 28}, []string{"", "ajustada por cambio de hora (se pidió a las 02:30)", ""}},
		// New York springs forward on 2026-03-08
		{"America/New_York", [3]int{2026, 3, 7}, []string{"", "ajustada por cambio de hora (se pidió a las 02:30)", ""}},
		// Madrid falls back on 2025-10-26: 02:30 happens twice and runs once, as asked
		{"Europe/Madrid", [3]int{2025, 10, 25}, []string{"", "", ""}},
	}
	for _, c := range cases {
		// given a daily 02:30 schedule in a zone with DST
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		s := app.Schedule{Frequency: app.FrequencyDaily, Hour: 2, Minute: 30}

		// when its runs around a change are listed
		slots := s.NextN(time.Date(c.from[0], time.Month(c.from[1]), c.from[2], 0, 0, 0, 0, loc), loc, 3)

		// then only the run whose local time moved carries the note
		for i, slot := range slots {
			if got := slotNote(s, slot, loc); got != c.notes[i] {
				t.Errorf("%s %s: note %q, want %q", c.zone, slot, got, c.notes[i])
			}
		}
	}
}

func TestSlotNoteMarksMonthEnd(t *testing.T) {
	// given a monthly schedule on day 31 in Madrid, and one on the last day
	loc, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	day31 := app.Schedule{Frequency: app.FrequencyMonthly, Hour: 9, DayOfMonth: 31}
	last := app.Schedule{Frequency: app.FrequencyMonthly, Hour: 9, DayOfMonth: app.LastDayOfMonth}
	hourly := app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 24, Anchor: time.Date(2026, 3, 1, 2, 30, 0, 0, loc)}

	// when their runs in months of 31 and 30 days are described
	oct := time.Date(2026, 10, 31, 9, 0, 0, 0, loc)
	nov := time.Date(2026, 11, 30, 9, 0, 0, 0, loc)

	// then only day 31 moved to the 30th is explained
	if got := slotNote(day31, oct, loc); got != "" {
		t.Errorf("31 Oct: %q", got)
	}
	if got := slotNote(day31, nov, loc); got != "día 31 → 30/11, último día del mes" {
		t.Errorf("30 Nov: %q", got)
	}
	if got := slotNote(last, nov, loc); got != "" {
		t.Errorf("last day on 30 Nov: %q", got)
	}
	// and the every-N-hours grid, which runs in absolute time, never is
	if got := slotNote(hourly, time.Date(2026, 3, 29, 3, 30, 0, 0, loc), loc); got != "" {
		t.Errorf("hourly across DST: %q", got)
	}
}

func TestEditorRunLineCarriesTheNote(t *testing.T) {
	// given a run with and without a note, then the note follows the date
	if got := editorRunLine("dom 29/03/2026 03:00", "ajustada por cambio de hora (se pidió a las 02:30)"); got != "• dom 29/03/2026 03:00 — ajustada por cambio de hora (se pidió a las 02:30)" {
		t.Errorf("line = %q", got)
	}
	if got := editorRunLine("lun 30/03/2026 02:30", ""); got != "• lun 30/03/2026 02:30" {
		t.Errorf("line = %q", got)
	}
}
