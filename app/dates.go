package app

import "time"

// CodeDateOutOfRange refuses a date outside the years Vigía reads:
// Value as given, Min and Max the first and last day accepted. A year 1 or
// 9999 is a typing slip or a tool's empty date ("0001-01-01"), never a due
// date; taken as written it would be stored as no date at all.
const CodeDateOutOfRange Code = "fecha.fuera_de_rango"

// The calendar days a user may give (a due date, a bound of the history).
const (
	minDate = "2000-01-01"
	maxDate = "2100-12-31"
)

// ParseDate reads a calendar day written YYYY-MM-DD, at midnight in loc (UTC
// for a due date: a day, not an instant), and checks it is between 2000-01-01
// and 2100-12-31. It is the one reader of the dates a user types.
func ParseDate(v string, loc *time.Location) (time.Time, *Message) {
	d, err := time.ParseInLocation(DateLayout, v, loc)
	if err != nil {
		m := Msg(CodeDateInvalid, Args{"Value": v})
		return time.Time{}, &m
	}
	if m := dateRangeProblem(v, d); m != nil {
		return time.Time{}, m
	}
	return d, nil
}

// dateRangeProblem refuses d, read from v, when it is out of range.
func dateRangeProblem(v string, d time.Time) *Message {
	if y := d.Year(); y >= 2000 && y <= 2100 {
		return nil
	}
	m := Msg(CodeDateOutOfRange, Args{"Value": v, "Min": minDate, "Max": maxDate})
	return &m
}
