package app

import (
	"time"

	"vigia/app/taxcal"
)

// plannedDates remembers, for one regeneration, what the engine said of each
// NIT ending: companies whose NITs end alike share their due dates, titles
// and details, so 2,000 companies ask the engine a few dozen times, not
// thousands.
type plannedDates struct {
	cal    *taxcal.Calendar
	window map[endingKey][]plannedDate
	period map[periodKey]periodDate
}

func newPlannedDates(cal *taxcal.Calendar) plannedDates {
	return plannedDates{cal: cal, window: map[endingKey][]plannedDate{}, period: map[periodKey]periodDate{}}
}

// endingKey names an obligation's dates for a NIT ending.
type endingKey struct {
	obligation, ending string
}

// plannedDate is one due date with the words of its alert.
type plannedDate struct {
	d             taxcal.Deadline
	title, detail string
}

// periodKey names one period's date for a NIT ending.
type periodKey struct {
	obligation, period string
	installment        int
	ending             string
}

type periodDate struct {
	d  taxcal.Deadline
	ok bool
}

// keyDigits is the part of the NIT base (without check digit) that keys o's dates.
func keyDigits(o taxcal.Obligation, base string) string {
	n := 0
	switch o.Key {
	case taxcal.KeyLastDigit:
		n = 1
	case taxcal.KeyLastTwoDigits:
		n = 2
	}
	return base[max(0, len(base)-n):]
}

// inWindow is the due dates of o in [from, to] for a NIT base, with the
// title and detail of their alerts.
func (p plannedDates) inWindow(o taxcal.Obligation, base string, from, to time.Time) []plannedDate {
	k := endingKey{o.Code, keyDigits(o, base)}
	if pds, ok := p.window[k]; ok {
		return pds
	}
	ds := p.cal.Deadlines(o.Code, base, from, to)
	pds := make([]plannedDate, len(ds))
	for i, d := range ds {
		pds[i] = plannedDate{d: d, title: taxcal.Title(d), detail: calendarDetail(o, base, d, "")}
	}
	p.window[k] = pds
	return pds
}

// forPeriod is the due date of one period (and installment) of o for a NIT base.
func (p plannedDates) forPeriod(o taxcal.Obligation, period string, installment int, base string) (taxcal.Deadline, bool) {
	k := periodKey{o.Code, period, installment, keyDigits(o, base)}
	if pd, ok := p.period[k]; ok {
		return pd.d, pd.ok
	}
	d, ok := p.cal.DeadlineFor(o.Code, period, installment, base)
	p.period[k] = periodDate{d, ok}
	return d, ok
}
