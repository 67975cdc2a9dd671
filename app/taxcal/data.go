package taxcal

import (
	_ "embed"
	"slices"
	"sync"
	"time"
)

// Calendar is loaded calendar data with the rule: safe for concurrent use, immutable.
type Calendar struct {
	info        Info
	nonBusiness map[time.Time]NonBusinessDay
	entries     map[entryKey]entry
	months      sync.Map // year*12+month-1 → []time.Time, its business days
}

// entryKey names one published due date set: an obligation's period and installment.
type entryKey struct {
	obligation  string
	period      string
	installment int
}

// entry is the published dates of one entryKey.
type entry struct {
	dates  []time.Time // last digit 1, 2, …, 9, 0; or the one date of a KeyNone obligation
	blocks []block     // last two digits
	source string      // «Decreto 2229 de 2023 · calendario DIAN 2026»
}

// block is a range of last-two-digit keys (1..100, 00 being 100) sharing a date.
type block struct {
	from, to int
	date     time.Time
}

//go:embed data/calendario.json
var embeddedData []byte

var embedded struct {
	once sync.Once
	cal  *Calendar
	err  error
}

// Embedded returns the calendar shipped inside Vigía. It panics only when the
// shipped file is broken, which a test of the package rules out.
func Embedded() *Calendar {
	embedded.once.Do(func() { embedded.cal, embedded.err = Parse(embeddedData) })
	if embedded.err != nil {
		panic("taxcal: the embedded calendar data is broken: " + embedded.err.Error())
	}
	return embedded.cal
}

// EmbeddedData is the shipped calendar file, as Parse reads it.
func EmbeddedData() []byte { return slices.Clone(embeddedData) }

// Info describes c.
func (c *Calendar) Info() Info {
	info := c.info
	info.OfficialYears = slices.Clone(c.info.OfficialYears)
	return info
}

// isOfficialYear reports whether c holds DIAN's published calendar of year.
func (c *Calendar) isOfficialYear(year int) bool {
	_, found := slices.BinarySearch(c.info.OfficialYears, year)
	return found
}

// dateFor is e's date for a NIT's key.
func (e entry) dateFor(o Obligation, key int) (time.Time, bool) {
	switch o.Key {
	case KeyLastDigit:
		return e.dates[(key+9)%10], true // digit 1 is index 0, digit 0 index 9
	case KeyLastTwoDigits:
		for _, b := range e.blocks {
			if key >= b.from && key <= b.to {
				return b.date, true
			}
		}
		return time.Time{}, false
	}
	return e.dates[0], true
}
