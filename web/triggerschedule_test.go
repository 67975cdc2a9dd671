package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"vigia/app"
)

func TestScheduleTextSpeaksThePagesLanguage(t *testing.T) {
	schedules := []app.Schedule{
		{Frequency: app.FrequencyWeekly, Hour: 15, Weekdays: []time.Weekday{time.Friday, time.Monday}},
		{Frequency: app.FrequencyMonthly, Hour: 9, DayOfMonth: app.LastDayOfMonth},
		{Frequency: app.FrequencyMonthly, Hour: 18, Minute: 30, DayOfMonth: 15},
		{Frequency: app.FrequencyHourly, IntervalHours: 4},
		{Frequency: app.FrequencyHourly, IntervalHours: 1},
		{Frequency: app.FrequencyDaily, Hour: 8},
	}
	want := map[string][]string{
		langSpanish: {"Semanal (lunes, viernes) a las 15:00", "Mensual (último día) a las 09:00", "Mensual (día 15) a las 18:30",
			"Cada 4 horas", "Cada hora", "Diaria a las 08:00"},
		langEnglish: {"Weekly (Monday, Friday) at 15:00", "Monthly (last day) at 09:00", "Monthly (day 15) at 18:30",
			"Every 4 hours", "Every hour", "Daily at 08:00"},
	}
	for lang, texts := range want {
		for i, s := range schedules {
			// when a schedule is described in a language, then it reads as the desktop says it
			if got := scheduleText(lang, s); got != texts[i] {
				t.Errorf("%s: %+v = %q, want %q", lang, s, got, texts[i])
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
		// Madrid falls back on 2025-10-26: 02:30 happens twice and runs once, as asked
		{"Europe/Madrid", [3]int{2025, 10, 25}, []string{"", "", ""}},
	}
	for _, c := range cases {
		// given a daily 02:30 schedule in a zone with DST
		loc := mustZone(c.zone)
		s := app.Schedule{Frequency: app.FrequencyDaily, Hour: 2, Minute: 30}

		// when its runs around a change are listed
		slots := s.NextN(time.Date(c.from[0], time.Month(c.from[1]), c.from[2], 0, 0, 0, 0, loc), loc, 3)

		// then only the run whose local time moved carries the note
		for i, slot := range slots {
			if got := slotNote(langSpanish, s, slot, loc); got != c.notes[i] {
				t.Errorf("%s %s: note %q, want %q", c.zone, slot, got, c.notes[i])
			}
		}
	}
	// and the every-N-hours grid, which runs in absolute time, never is
	madrid := mustZone("Europe/Madrid")
	hourly := app.Schedule{Frequency: app.FrequencyHourly, IntervalHours: 24, Anchor: time.Date(2026, 3, 1, 2, 30, 0, 0, madrid)}
	if got := slotNote(langSpanish, hourly, time.Date(2026, 3, 29, 3, 30, 0, 0, madrid), madrid); got != "" {
		t.Errorf("hourly across DST: %q", got)
	}
}

func TestThePreviewMarksAShortMonthAndADaylightSavingChange(t *testing.T) {
	// given Vigía's zone is Madrid and a monthly schedule on day 29 at 02:30
	e := newTestEnv(t)
	if err := e.svc.SetLocation(context.Background(), mustZone("Europe/Madrid")); err != nil {
		t.Fatal(err)
	}
	b := e.login()
	q := url.Values{"frecuencia": {"mensual"}, "hora": {"02:30"}, "dia_mes": {"29"}}

	// when its next runs are previewed
	body := wantPage(t, b.get("/triggers/proximas?"+q.Encode()), http.StatusOK)

	// then February's run is on the 28th and March's moved by the change of hour, each saying so
	items := runItems.FindAllStringSubmatch(body, -1)
	want := [][2]string{
		{"lun 29/12/2025 02:30", ""},
		{"jue 29/01/2026 02:30", ""},
		{"sáb 28/02/2026 02:30", "día 29 → 28/02, último día del mes"},
		{"dom 29/03/2026 03:00", "ajustada por cambio de hora (se pidió a las 02:30)"},
		{"mié 29/04/2026 02:30", ""},
	}
	if len(items) != len(want) {
		t.Fatalf("%d runs, want %d:\n%s", len(items), len(want), body)
	}
	for i, it := range items {
		if it[1] != want[i][0]+" " && it[1] != want[i][0] || it[2] != want[i][1] {
			t.Errorf("run %d: %q — %q, want %q — %q", i, it[1], it[2], want[i][0], want[i][1])
		}
	}
}
