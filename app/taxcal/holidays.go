package taxcal

import (
	"slices"
	"sync"
	"time"
)

// A holiday fixed by law to a day of the year (Ley 51 de 1983 and the
// Concordat days); moved says whether Ley 51 de 1983 ("Ley Emiliani") moves it
// to the following Monday when it falls on another weekday.
type fixedHoliday struct {
	month time.Month
	day   int
	name  string
	moved bool
}

var fixedHolidays = []fixedHoliday{
	{time.January, 1, "Año Nuevo", false},
	{time.January, 6, "Día de los Reyes Magos", true},
	{time.March, 19, "Día de San José", true},
	{time.May, 1, "Día del Trabajo", false},
	{time.June, 29, "San Pedro y San Pablo", true},
	{time.July, 20, "Día de la Independencia", false},
	{time.August, 7, "Batalla de Boyacá", false},
	{time.August, 15, "La Asunción de la Virgen", true},
	{time.October, 12, "Día de la Raza", true},
	{time.November, 1, "Todos los Santos", true},
	{time.November, 11, "Independencia de Cartagena", true},
	{time.December, 8, "Inmaculada Concepción", false},
	{time.December, 25, "Navidad", false},
}

// Holidays tied to Easter Sunday, as days after it. Those Ley 51 de 1983
// moves land on a Monday already: Ascensión (Thursday E+39) on E+43, Corpus
// Christi (Thursday E+60) on E+64, Sagrado Corazón (Friday E+68) on E+71.
var easterHolidays = []struct {
	offset int
	name   string
}{
	{-3, "Jueves Santo"},
	{-2, "Viernes Santo"},
	{43, "Ascensión del Señor"},
	{64, "Corpus Christi"},
	{71, "Sagrado Corazón de Jesús"},
}

// Holidays returns year's public holidays by law, by date.
func Holidays(year int) []Holiday {
	out := make([]Holiday, 0, len(fixedHolidays)+len(easterHolidays))
	for _, f := range fixedHolidays {
		d := date(year, f.month, f.day)
		if f.moved {
			d = nextMonday(d)
		}
		out = append(out, Holiday{Date: d, Name: f.name})
	}
	easter := EasterSunday(year)
	for _, e := range easterHolidays {
		out = append(out, Holiday{Date: easter.AddDate(0, 0, e.offset), Name: e.name})
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// EasterSunday is the Gregorian Easter Sunday of year (the anonymous
// Gregorian algorithm, "Meeus/Jones/Butcher").
func EasterSunday(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(year, time.Month(month), day)
}

// nextMonday is d when d is a Monday, else the Monday after it.
func nextMonday(d time.Time) time.Time {
	return d.AddDate(0, 0, (8-int(d.Weekday()))%7)
}

// holidaySets caches each year's holidays as a set of days of the year: the
// rule asks for them once per business day it counts.
var holidaySets sync.Map // int (year) -> map[int]bool (YearDay)

func isHoliday(d time.Time) bool {
	set, ok := holidaySets.Load(d.Year())
	if !ok {
		days := map[int]bool{}
		for _, h := range Holidays(d.Year()) {
			days[h.Date.YearDay()] = true
		}
		set, _ = holidaySets.LoadOrStore(d.Year(), days)
	}
	return set.(map[int]bool)[d.YearDay()]
}

// date is a calendar date at 00:00 UTC, the form of every date of the package.
func date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}
