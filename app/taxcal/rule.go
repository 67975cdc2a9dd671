package taxcal

import "time"

// The rule of Decreto 2229 de 2023 (DUR 1625 de 2016, Sección 2 del Capítulo
// 13): a due date is the nth business day of a month, n picked by the last
// digit(s) of the NIT without its check digit.

// slot is the nth business day of a month.
type slot struct {
	year  int
	month time.Month
	n     int
}

// Last digit 1, 2, …, 9, 0 → 7th, 8th, …, 15th, 16th business day.
func lastDigitOrdinal(digit int) int {
	if digit == 0 {
		return 16
	}
	return 6 + digit
}

// Renta, personas naturales: the last two digits in pairs (01–02, 03–04, …,
// 99–00), 50 pairs over three months, each pair one business day later than
// the one before: 01–02 … 25–26 on the 7th … 19th business day of August,
// 27–28 … 65–66 on the 1st … 20th of September, 67–68 … 99–00 on the 1st …
// 17th of October (art. 1.6.1.13.2.15 as substituted by Decreto 2229 de 2023).
// SIN CONFIRMAR in the decree's own text, which no stored copy showed: the
// split reproduces every date of the published 2025 table and of the 2026
// dates published, and both ranges (12 Aug – 24 Oct 2025, 12 Aug – 26 Oct
// 2026); see docs/CALENDARIO.md.
var naturalPersonMonths = []struct {
	month    time.Month
	pairs    int // how many pairs fall in the month
	firstDay int // the business day of the month of its first pair
}{
	{time.August, 13, 7},    // 01–02 … 25–26: 7th … 19th business day of August
	{time.September, 20, 1}, // 27–28 … 65–66: 1st … 20th of September
	{time.October, 17, 1},   // 67–68 … 99–00: 1st … 17th of October
}

// dueMonth is the month a last-digit obligation's installment of p is due in.
func dueMonth(o Obligation, p period, installment int) (int, time.Month) {
	switch o.Code {
	case RentaGrandesContribuyentes:
		return p.year + 1, []time.Month{time.February, time.April, time.June}[installment-1]
	case RentaPersonasJuridicas:
		return p.year + 1, []time.Month{time.May, time.July}[installment-1]
	}
	end := p.end() // retención M → M+1; IVA Jan–Feb → Mar; cuatrimestral Jan–Apr → May
	return end.Year(), end.Month()
}

// ruleSlot is where the rule puts the due date of p's installment for a NIT
// ending in key (its last digit, or last two digits as 1..100 with 00 = 100).
func ruleSlot(o Obligation, p period, installment, key int) slot {
	if o.Key == KeyLastTwoDigits {
		pair := (key + 1) / 2
		for _, m := range naturalPersonMonths {
			if pair <= m.pairs {
				return slot{p.year + 1, m.month, m.firstDay + pair - 1}
			}
			pair -= m.pairs
		}
	}
	y, m := dueMonth(o, p, installment)
	return slot{y, m, lastDigitOrdinal(key)}
}

// ruleWindow is the first and last month the rule may put a date of p's
// installment in.
func ruleWindow(o Obligation, p period, installment int) (first, last time.Time) {
	if o.Key == KeyLastTwoDigits {
		return date(p.year+1, time.August, 1), date(p.year+1, time.October, 1)
	}
	y, m := dueMonth(o, p, installment)
	return date(y, m, 1), date(y, m, 1)
}

// ruleDate is the rule's due date of p's installment for key, false when the
// month has too few business days (never in practice).
func (c *Calendar) ruleDate(o Obligation, p period, installment, key int) (time.Time, bool) {
	s := ruleSlot(o, p, installment, key)
	return c.NthBusinessDay(s.year, s.month, s.n)
}

// nitKey is the part of nit the obligation's key reads: the last digit
// (0..9), or the last two digits as 1..100 (00 is 100); false when nit has
// too few digits. Non-digits are ignored.
func nitKey(o Obligation, nit string) (int, bool) {
	digits := make([]int, 0, len(nit))
	for _, r := range nit {
		if r >= '0' && r <= '9' {
			digits = append(digits, int(r-'0'))
		}
	}
	switch o.Key {
	case KeyLastDigit:
		if len(digits) < 1 {
			return 0, false
		}
		return digits[len(digits)-1], true
	case KeyLastTwoDigits:
		if len(digits) < 2 {
			return 0, false
		}
		two := digits[len(digits)-2]*10 + digits[len(digits)-1]
		if two == 0 {
			two = 100
		}
		return two, true
	}
	return 0, true
}
