package taxcal

import (
	"strconv"
	"strings"
	"time"
)

// period is a parsed period key: the year and, within it, the month (1..12),
// bimester (1..6) or four-month period (1..3); index is 0 for a tax year.
type period struct {
	year  int
	kind  string // Monthly, Bimonthly, FourMonthly, Yearly
	index int
}

// periodsPerYear is how many periods of each kind a year has.
var periodsPerYear = map[string]int{Monthly: 12, Bimonthly: 6, FourMonthly: 3, Yearly: 1}

// parsePeriod reads a key of kind: "2026-11" (month), "2026-B6" (bimester),
// "2026-C3" (four months), "2025" (tax year).
func parsePeriod(kind, key string) (period, bool) {
	yearText, rest, hasRest := strings.Cut(key, "-")
	year, ok := digitsValue(yearText, 4)
	if !ok || year < 2000 {
		return period{}, false
	}
	p := period{year: year, kind: kind}
	if kind == Yearly {
		return p, !hasRest
	}
	width, prefix := 1, map[string]string{Bimonthly: "B", FourMonthly: "C"}[kind]
	if kind == Monthly {
		width = 2
	}
	text, ok := strings.CutPrefix(rest, prefix)
	if !hasRest || !ok {
		return period{}, false
	}
	p.index, ok = digitsValue(text, width)
	return p, ok && p.index >= 1 && p.index <= periodsPerYear[kind]
}

// digitsValue is the value of s when s is exactly width ASCII digits.
func digitsValue(s string, width int) (int, bool) {
	if len(s) != width {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// key is the period's key, the inverse of parsePeriod.
func (p period) key() string {
	b := make([]byte, 0, 7)
	b = strconv.AppendInt(b, int64(p.year), 10)
	switch p.kind {
	case Monthly:
		b = append(b, '-', byte('0'+p.index/10), byte('0'+p.index%10))
	case Bimonthly:
		b = append(b, '-', 'B', byte('0'+p.index))
	case FourMonthly:
		b = append(b, '-', 'C', byte('0'+p.index))
	}
	return string(b)
}

// months are the first and last month the period covers.
func (p period) months() (first, last time.Month) {
	switch p.kind {
	case Monthly:
		return time.Month(p.index), time.Month(p.index)
	case Bimonthly:
		return time.Month(2*p.index - 1), time.Month(2 * p.index)
	case FourMonthly:
		return time.Month(4*p.index - 3), time.Month(4 * p.index)
	}
	return time.January, time.December
}

// end is the first day after the period.
func (p period) end() time.Time {
	_, last := p.months()
	return date(p.year, last, 1).AddDate(0, 1, 0)
}

// periodsOf lists year's periods of o, in order.
func periodsOf(o Obligation, year int) []period {
	n := periodsPerYear[o.Period]
	out := make([]period, 0, n)
	for i := 1; i <= n; i++ {
		idx := i
		if o.Period == Yearly {
			idx = 0
		}
		out = append(out, period{year: year, kind: o.Period, index: idx})
	}
	return out
}

// installmentsOf lists o's installment numbers: 1..n, or just 0.
func installmentsOf(o Obligation) []int {
	if o.Installments == 0 {
		return []int{0}
	}
	out := make([]int, o.Installments)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// validInstallment reports whether n is an installment of o.
func validInstallment(o Obligation, n int) bool {
	if o.Installments == 0 {
		return n == 0
	}
	return n >= 1 && n <= o.Installments
}
