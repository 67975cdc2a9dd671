package taxcal

import (
	"fmt"
	"time"
)

// readDeadline checks one entry of a calendar year and loads it.
func (c *Calendar) readDeadline(path string, y fileYear, d fileDeadline) error {
	o, p, err := entryHead(path, y, d)
	if err != nil {
		return err
	}
	key := entryKey{o.Code, p.key(), d.Installment}
	if _, dup := c.entries[key]; dup {
		return dataError(path, CodeDuplicate, map[string]any{"Value": fmt.Sprintf("%s %s %d", o.Code, p.key(), d.Installment)})
	}
	from, to := plausibleWindow(o, p, d.Installment)
	check := func(path, s string) (time.Time, error) { return c.checkDate(path, s, from, to) }
	e := entry{source: sourceOf(y)}
	switch o.Key {
	case KeyLastDigit:
		e.dates, err = readDates(path, d, check)
	case KeyLastTwoDigits:
		e.blocks, err = readBlocks(path, d, check)
	default:
		e.dates, err = readOneDate(path, d, check)
	}
	if err != nil {
		return err
	}
	c.entries[key] = e
	return nil
}

// entryHead checks an entry's obligation, period, installment and year.
func entryHead(path string, y fileYear, d fileDeadline) (Obligation, period, error) {
	o, ok := ObligationByCode(d.Obligation)
	if !ok {
		return o, period{}, dataError(path+".obligacion", CodeUnknownObligation, map[string]any{"Value": d.Obligation})
	}
	if calendarGroups[y.Calendar] != o.Group {
		return o, period{}, dataError(path+".obligacion", CodeWrongCalendar, map[string]any{"Obligation": o.Code, "Calendar": y.Calendar})
	}
	p, ok := parsePeriod(o.Period, d.Period)
	if !ok {
		return o, p, dataError(path+".periodo", CodeBadPeriod, map[string]any{"Obligation": o.Code, "Value": d.Period})
	}
	if !validInstallment(o, d.Installment) {
		return o, p, dataError(path+".cuota", CodeBadInstallment, map[string]any{"Obligation": o.Code, "Value": d.Installment})
	}
	if entryYear(o, p, d.Installment) != y.Year {
		return o, p, dataError(path+".periodo", CodeWrongYear, map[string]any{"Obligation": o.Code, "Period": p.key(), "Year": y.Year})
	}
	return o, p, nil
}

// entryYear is the year of the calendar that dates p's installment: for DIAN
// the year the rule's due month falls in, for ICA Bogotá the tax year.
func entryYear(o Obligation, p period, installment int) int {
	if !hasRule(o) {
		return p.year
	}
	first, _ := ruleWindow(o, p, installment)
	return first.Year()
}

// plausibleWindow is the dates [from, to) a published date of p's installment
// may take: the rule's months and the month after them (DIAN extends, never
// advances), or for ICA Bogotá the three months after the bimester.
func plausibleWindow(o Obligation, p period, installment int) (from, to time.Time) {
	if !hasRule(o) {
		return p.end(), p.end().AddDate(0, 3, 0)
	}
	first, last := ruleWindow(o, p, installment)
	return first, last.AddDate(0, 2, 0)
}

// checkDate reads s and checks it is a business day in [from, to).
func (c *Calendar) checkDate(path, s string, from, to time.Time) (time.Time, error) {
	d, err := parseDate(path, s)
	if err != nil {
		return d, err
	}
	if !c.IsBusinessDay(d) {
		return d, dataError(path, CodeNotBusinessDay, map[string]any{"Value": s})
	}
	if d.Before(from) || !d.Before(to) {
		return d, dataError(path, CodeImplausibleDate, map[string]any{
			"Value": s, "From": from.Format(time.DateOnly), "To": to.AddDate(0, 0, -1).Format(time.DateOnly)})
	}
	return d, nil
}

type dateCheck func(path, s string) (time.Time, error)

// readDates reads the ten dates of a last-digit entry, in order.
func readDates(path string, d fileDeadline, check dateCheck) ([]time.Time, error) {
	if len(d.Dates) != 10 || len(d.Blocks) > 0 || d.Date != "" {
		return nil, dataError(path+".fechas", CodeDateCount, map[string]any{"Obligation": d.Obligation, "Want": 10, "Got": len(d.Dates)})
	}
	out := make([]time.Time, 0, 10)
	for i, s := range d.Dates {
		p := fmt.Sprintf("%s.fechas[%d]", path, i)
		t, err := check(p, s)
		if err != nil {
			return nil, err
		}
		if i > 0 && t.Before(out[i-1]) {
			return nil, dataError(p, CodeDatesOutOfOrder, map[string]any{"Value": s})
		}
		out = append(out, t)
	}
	return out, nil
}

// readOneDate reads the one date of an entry for every NIT.
func readOneDate(path string, d fileDeadline, check dateCheck) ([]time.Time, error) {
	if len(d.Dates) > 0 || len(d.Blocks) > 0 || d.Date == "" {
		return nil, dataError(path+".fecha", CodeDateCount, map[string]any{"Obligation": d.Obligation, "Want": 1, "Got": len(d.Dates) + len(d.Blocks)})
	}
	t, err := check(path+".fecha", d.Date)
	return []time.Time{t}, err
}

// readBlocks reads the blocks of a last-two-digits entry: in order, from 01
// to 00 without gaps or overlaps, dates never earlier than the block before.
func readBlocks(path string, d fileDeadline, check dateCheck) ([]block, error) {
	if len(d.Blocks) == 0 || len(d.Dates) > 0 || d.Date != "" {
		return nil, dataError(path+".bloques", CodeDateCount, map[string]any{"Obligation": d.Obligation, "Want": 50, "Got": len(d.Blocks)})
	}
	out := make([]block, 0, len(d.Blocks))
	next := 1
	for i, b := range d.Blocks {
		p := fmt.Sprintf("%s.bloques[%d]", path, i)
		from, okFrom := twoDigitKey(b.From)
		to, okTo := twoDigitKey(b.To)
		if !okFrom || !okTo || from != next || to < from {
			return nil, dataError(p, CodeBadBlocks, map[string]any{"Value": b.From + "-" + b.To})
		}
		t, err := check(p+".fecha", b.Date)
		if err != nil {
			return nil, err
		}
		if i > 0 && t.Before(out[i-1].date) {
			return nil, dataError(p+".fecha", CodeDatesOutOfOrder, map[string]any{"Value": b.Date})
		}
		out = append(out, block{from: from, to: to, date: t})
		next = to + 1
	}
	if next != 101 {
		return nil, dataError(path+".bloques", CodeBadBlocks, map[string]any{"Value": d.Blocks[len(d.Blocks)-1].To})
	}
	return out, nil
}

// twoDigitKey reads "01".."99" as 1..99 and "00" as 100.
func twoDigitKey(s string) (int, bool) {
	n, ok := digitsValue(s, 2)
	if n == 0 {
		n = 100
	}
	return n, ok
}
