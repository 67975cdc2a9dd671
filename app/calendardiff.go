package app

import (
	"slices"
	"strings"
	"time"

	"vigia/app/taxcal"
)

// CalendarChanges is what one regeneration writes.
type CalendarChanges struct {
	Create []Alert // new alerts, ID 0
	Update []Alert // moved dates, refreshed sources, alerts closed because the obligation was removed
	// ReadAt is, for each of Update, its alert's UpdatedAt as the
	// regeneration read it. The store writes Update[i] only while the stored
	// alert is still as read: open, with that UpdatedAt and, unless Update[i]
	// closes it, not edited. A resolve or an edit saved meanwhile wins.
	ReadAt []time.Time
}

// update adds a, planned from read, to Update.
func (ch *CalendarChanges) update(read, a Alert) {
	ch.Update = append(ch.Update, a)
	ch.ReadAt = append(ch.ReadAt, read.UpdatedAt)
}

// written counts what the store wrote (applied) of changes planned from
// read: an update it skipped, because the user resolved or edited that
// alert after it was read, is not counted.
func written(read []Alert, applied CalendarChanges) CalendarSync {
	sync := CalendarSync{Created: len(applied.Create)}
	if len(applied.Update) == 0 {
		return sync
	}
	wrote := make(map[int64]Alert, len(applied.Update))
	for _, a := range applied.Update {
		wrote[a.ID] = a
	}
	for _, r := range read {
		a, ok := wrote[r.ID]
		switch {
		case !ok:
		case !a.Open:
			sync.Closed++
		case !sameDay(a.DueOn, r.DueOn):
			sync.Moved++
		default:
			sync.Refreshed++
		}
	}
	return sync
}

// CalendarSync counts what a regeneration did (or, on a dry run, would do).
type CalendarSync struct {
	Created, Moved, Closed int
	// Refreshed counts alerts whose date stayed but whose state or source
	// changed (a calculada date the new data confirms as oficial).
	Refreshed int
}

// Changed reports whether the regeneration wrote (or would write) anything.
func (c CalendarSync) Changed() bool { return c != CalendarSync{} }

// calendarPlan computes one regeneration: pure, from the calendar, the day
// and what is saved.
type calendarPlan struct {
	cal          loadedCalendar
	today, until time.Time // due dates wanted: [today, until]
	now          time.Time
	dates        plannedDates
}

// calendarKey names one due date of one company: one alert at most.
type calendarKey struct {
	company     int64
	obligation  string
	period      string
	installment int
}

func calendarKeyOf(a Alert) calendarKey {
	return calendarKey{a.CompanyID, a.Calendar.Obligation, a.Calendar.Period, a.Calendar.Installment}
}

// diff brings the alerts of companies in line: existing holds the calendar
// alerts of those companies (others are ignored).
func (p calendarPlan) diff(companies []Company, existing []Alert) (CalendarChanges, CalendarSync) {
	byCompany := make(map[int64][]Alert, len(companies))
	have := make(map[calendarKey]bool, len(existing))
	for _, a := range existing {
		if a.Calendar == nil {
			continue
		}
		byCompany[a.CompanyID] = append(byCompany[a.CompanyID], a)
		have[calendarKeyOf(a)] = true
	}
	ch := CalendarChanges{Create: make([]Alert, 0, p.expectedCreates(companies, len(existing)))}
	var sync CalendarSync
	for _, c := range companies {
		p.reconcile(c, byCompany[c.ID], &ch, &sync)
		if c.Active {
			p.create(c, have, &ch, &sync)
		}
	}
	return ch, sync
}

// reconcile closes c's open alerts of obligations it no longer has and, for
// an active company, moves or refreshes the open unedited ones the data dates
// differently. Resolved alerts stay as they are.
func (p calendarPlan) reconcile(c Company, alerts []Alert, ch *CalendarChanges, sync *CalendarSync) {
	for _, a := range alerts {
		switch {
		case !a.Open:
		case !slices.Contains(c.Responsibilities, a.Calendar.Obligation):
			ch.update(a, p.closed(a))
			sync.Closed++
		case c.Active && !a.Calendar.Edited:
			d, ok := p.dataFor(c, a)
			if !ok {
				continue
			}
			switch {
			case !sameDay(d.DueOn, a.DueOn):
				ch.update(a, p.moved(c, a, d))
				sync.Moved++
			case d.State != a.Calendar.State || d.Source != a.Calendar.Source:
				ch.update(a, p.refreshed(c, a, d))
				sync.Refreshed++
			}
		}
	}
}

// dataFor is the due date the data gives a's period for company c.
func (p calendarPlan) dataFor(c Company, a Alert) (taxcal.Deadline, bool) {
	o, ok := taxcal.ObligationByCode(a.Calendar.Obligation)
	if !ok {
		return taxcal.Deadline{}, false
	}
	digits, ok := nitDigitsFor(c, o)
	if !ok {
		return taxcal.Deadline{}, false
	}
	return p.dates.forPeriod(o, a.Calendar.Period, a.Calendar.Installment, digits)
}

// create adds the due dates of c's obligations in the horizon that have no
// alert yet, in any state.
func (p calendarPlan) create(c Company, have map[calendarKey]bool, ch *CalendarChanges, sync *CalendarSync) {
	for _, code := range c.Responsibilities {
		o, ok := taxcal.ObligationByCode(code)
		if !ok {
			continue
		}
		digits, ok := nitDigitsFor(c, o)
		if !ok {
			continue
		}
		for _, pd := range p.dates.inWindow(o, digits, p.today, p.until) {
			k := calendarKey{c.ID, pd.d.Obligation, pd.d.Period, pd.d.Installment}
			if have[k] { // each key comes once per company: only the saved ones repeat
				continue
			}
			ch.Create = append(ch.Create, p.newAlert(c, pd))
			sync.Created++
		}
	}
}

// expectedCreates sizes a regeneration's new alerts once: the due dates the
// active companies' obligations have in the window, less those already saved
// (an estimate; a first run of 64,000 alerts spent ≈ 40 ms growing the list).
func (p calendarPlan) expectedCreates(companies []Company, saved int) int {
	months := (p.until.Year()-p.today.Year())*12 + int(p.until.Month()-p.today.Month()) + 1
	n := 0
	for _, c := range companies {
		if !c.Active {
			continue
		}
		for _, code := range c.Responsibilities {
			if o, ok := taxcal.ObligationByCode(code); ok {
				n += datesPerYear(o)*months/12 + 1
			}
		}
	}
	return max(n-saved, 0)
}

// datesPerYear is how many due dates obligation o has in a year.
func datesPerYear(o taxcal.Obligation) int {
	switch o.Period {
	case taxcal.Monthly:
		return 12
	case taxcal.Bimonthly:
		return 6
	case taxcal.FourMonthly:
		return 3
	}
	return max(o.Installments, 1)
}

func (p calendarPlan) newAlert(c Company, pd plannedDate) Alert {
	d := pd.d
	return Alert{
		CompanyID: c.ID,
		Title:     pd.title,
		Detail:    pd.detail,
		Priority:  PriorityLow,
		DueOn:     d.DueOn,
		Open:      true,
		CreatedAt: p.now,
		UpdatedAt: p.now,
		Calendar: &CalendarRef{
			Obligation: d.Obligation, Period: d.Period, Installment: d.Installment,
			State: d.State, Source: d.Source,
		},
	}
}

// moved is a with the date the data gives, saying from which date it moved.
func (p calendarPlan) moved(c Company, a Alert, d taxcal.Deadline) Alert {
	o, _ := taxcal.ObligationByCode(d.Obligation)
	ref := *a.Calendar
	ref.PreviousDueOn, ref.MovedAt = a.DueOn, p.now
	ref.State, ref.Source = d.State, d.Source
	a.Calendar = &ref
	a.Detail = calendarDetail(o, nitBase(c.NIT), d, movedSentence(a.DueOn, d.DueOn, p.cal.version()))
	a.DueOn = d.DueOn
	a.UpdatedAt = p.now
	return a
}

// refreshed is a with the data's state and source; a change it was told
// about before stays in its detail.
func (p calendarPlan) refreshed(c Company, a Alert, d taxcal.Deadline) Alert {
	o, _ := taxcal.ObligationByCode(d.Obligation)
	ref := *a.Calendar
	ref.State, ref.Source = d.State, d.Source
	a.Calendar = &ref
	kept := ""
	if i := strings.Index(a.Detail, movedPrefix); i >= 0 && !ref.PreviousDueOn.IsZero() {
		kept = a.Detail[i:]
	}
	a.Detail = calendarDetail(o, nitBase(c.NIT), d, kept)
	a.UpdatedAt = p.now
	return a
}

// closed is a resolved by Vigía because its company no longer has the obligation.
func (p calendarPlan) closed(a Alert) Alert {
	a.Open, a.ResolvedAt, a.UpdatedAt = false, p.now, p.now
	a.ResolutionNote = closedNote(a.Calendar.Obligation)
	return a
}

// nitDigitsFor is the NIT digits (without check digit) that key c's dates of
// o: "" for an obligation keyed by no digit; false when c has no NIT and o
// needs one (the company gets no alerts of o).
func nitDigitsFor(c Company, o taxcal.Obligation) (string, bool) {
	base := nitBase(c.NIT)
	if o.Key == taxcal.KeyNone {
		return base, true
	}
	return base, base != ""
}

// nitBase is a normalised NIT ("900123456-8") without its check digit.
func nitBase(nit string) string {
	base, _, _ := strings.Cut(nit, "-")
	return base
}

// sameDay reports whether two calendar dates are the same day.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd && a.IsZero() == b.IsZero()
}
