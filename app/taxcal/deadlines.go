package taxcal

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// Deadlines returns the due dates of obligation for a NIT (digits only,
// without check digit; "" is fine for KeyNone obligations) falling in
// [from, to] (dates, inclusive), by due date then period and installment.
// Dates of years the data does not hold are computed (StateComputed) where a
// rule exists; obligations without a rule (ICA) have none there.
func (c *Calendar) Deadlines(obligation, nit string, from, to time.Time) []Deadline {
	o, ok := ObligationByCode(obligation)
	if !ok {
		return nil
	}
	key, ok := nitKey(o, nit)
	if !ok {
		return nil
	}
	from, to = day(from), day(to)
	var out []Deadline
	// A period's dates fall in its year or the next one, never later; period
	// keys exist for the years 2000 to 2999.
	for year := max(from.Year()-1, 2000); year <= min(to.Year(), 2999); year++ {
		for _, p := range periodsOf(o, year) {
			for _, inst := range installmentsOf(o) {
				d, ok := c.deadline(o, p, inst, key)
				if ok && !d.DueOn.Before(from) && !d.DueOn.After(to) {
					out = append(out, d)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Deadline) int {
		return cmp.Or(a.DueOn.Compare(b.DueOn), cmp.Compare(a.Period, b.Period), cmp.Compare(a.Installment, b.Installment))
	})
	return out
}

// DeadlineFor returns the due date of one period (and installment) of
// obligation for a NIT, false when none is known (no rule and no data).
func (c *Calendar) DeadlineFor(obligation, periodKey string, installment int, nit string) (Deadline, bool) {
	o, ok := ObligationByCode(obligation)
	if !ok || !validInstallment(o, installment) {
		return Deadline{}, false
	}
	p, ok := parsePeriod(o.Period, periodKey)
	if !ok {
		return Deadline{}, false
	}
	key, ok := nitKey(o, nit)
	if !ok {
		return Deadline{}, false
	}
	return c.deadline(o, p, installment, key)
}

// deadline is p's installment's due date for a NIT's key: the published one
// when c holds it, else the rule's.
func (c *Calendar) deadline(o Obligation, p period, installment, key int) (Deadline, bool) {
	d := Deadline{Obligation: o.Code, Period: p.key(), Installment: installment}
	if e, ok := c.entries[entryKey{o.Code, d.Period, installment}]; ok {
		due, ok := e.dateFor(o, key)
		d.DueOn, d.State, d.Source = due, StateOfficial, e.source
		return d, ok
	}
	if !hasRule(o) {
		return Deadline{}, false
	}
	due, ok := c.ruleDate(o, p, installment, key)
	d.DueOn, d.State, d.Source = due, StateComputed, computedSource(due.Year())
	return d, ok
}

// computedSource cites the rule for a date of a year DIAN has not published.
func computedSource(year int) string {
	return "Decreto 2229 de 2023 · fecha calculada (calendario " + itoa(year) + " no publicado)"
}

func itoa(n int) string { return strconv.Itoa(n) }
