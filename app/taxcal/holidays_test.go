package taxcal

import (
	"slices"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Published lists, written by hand from the pages named, not from the code.
var publishedHolidays = map[int]struct {
	source string
	count  int // holidays; two fall on one date in 2025
	dates  []string
}{
	// seguimiento.co/node/69166 («Estos son los días feriados que habrá en Colombia en el 2024»),
	// elespectador.com (festivos de agosto 2024) and elrinconcolombiano.com/calendario-de-colombia-de-2024.
	2024: {"seguimiento.co/node/69166; elrinconcolombiano.com", 18, []string{
		"2024-01-01", "2024-01-08", "2024-03-25", "2024-03-28", "2024-03-29", "2024-05-01",
		"2024-05-13", "2024-06-03", "2024-06-10", "2024-07-01", "2024-07-20", "2024-08-07",
		"2024-08-19", "2024-10-14", "2024-11-04", "2024-11-11", "2024-12-08", "2024-12-25"}},
	// festivos.com.co/2025 and publicholidays.co/es/2025-dates (after banrep.gov.co): San Pedro y
	// San Pablo and Sagrado Corazón both fall on Monday 30 June, 18 holidays on 17 dates.
	2025: {"festivos.com.co/2025; publicholidays.co/es/2025-dates", 18, []string{
		"2025-01-01", "2025-01-06", "2025-03-24", "2025-04-17", "2025-04-18", "2025-05-01",
		"2025-06-02", "2025-06-23", "2025-06-30", "2025-07-20", "2025-08-07", "2025-08-18",
		"2025-10-13", "2025-11-03", "2025-11-17", "2025-12-08", "2025-12-25"}},
	// noticiascaracol.com (2025-12-28, «Calendario de días festivos en Colombia 2026») and
	// elespectador.com (2026-01-16, «¿Cuándo es el próximo festivo en Colombia?»); the domain notes list the same 18.
	2026: {"noticiascaracol.com 2025-12-28; elespectador.com 2026-01-16", 18, []string{
		"2026-01-01", "2026-01-12", "2026-03-23", "2026-04-02", "2026-04-03", "2026-05-01",
		"2026-05-18", "2026-06-08", "2026-06-15", "2026-06-29", "2026-07-20", "2026-08-07",
		"2026-08-17", "2026-10-12", "2026-11-02", "2026-11-16", "2026-12-08", "2026-12-25"}},
	// elrinconcolombiano.com «Calendario de Colombia de 2027».
	2027: {"elrinconcolombiano.com/calendario-de-colombia-de-2027", 18, []string{
		"2027-01-01", "2027-01-11", "2027-03-22", "2027-03-25", "2027-03-26", "2027-05-01",
		"2027-05-10", "2027-05-31", "2027-06-07", "2027-07-05", "2027-07-20", "2027-08-07",
		"2027-08-16", "2027-10-18", "2027-11-01", "2027-11-15", "2027-12-08", "2027-12-25"}},
}

func TestHolidaysMatchPublishedLists(t *testing.T) {
	for year, want := range publishedHolidays {
		// when
		got := Holidays(year)
		// then
		if len(got) != want.count {
			t.Errorf("%d: %d holidays, want %d (%s)", year, len(got), want.count, want.source)
		}
		var dates []string
		for _, h := range got {
			if s := h.Date.Format(time.DateOnly); !slices.Contains(dates, s) {
				dates = append(dates, s)
			}
			if h.Name == "" || h.Date.Location() != time.UTC || h.Date.Year() != year {
				t.Errorf("%d: bad holiday %+v", year, h)
			}
		}
		if !slices.Equal(dates, want.dates) {
			t.Errorf("%d: holidays\n got %v\nwant %v (%s)", year, dates, want.dates, want.source)
		}
	}
}

func TestEasterSundayKnownDates(t *testing.T) {
	for _, s := range []string{"2000-04-23", "2008-03-23", "2011-04-24", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25"} {
		want := d(s)
		if got := EasterSunday(want.Year()); !got.Equal(want) {
			t.Errorf("Easter %d = %s, want %s", want.Year(), got.Format(time.DateOnly), s)
		}
	}
}

func TestMovedHolidaysAlwaysFallOnMonday(t *testing.T) {
	moved := map[string]bool{"Jueves Santo": false, "Viernes Santo": false}
	for _, f := range fixedHolidays {
		moved[f.name] = f.moved
	}
	for year := 2000; year <= 2100; year++ {
		for _, h := range Holidays(year) {
			isMoved, known := moved[h.Name]
			if (!known || isMoved) && h.Date.Weekday() != time.Monday {
				t.Errorf("%d: %s falls on %s", year, h.Name, h.Date.Weekday())
			}
		}
	}
}
