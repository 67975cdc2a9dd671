package taxcal

import "time"

// This file pins the package's API while it is written; each function moves
// to its own file with its body.

// Obligations lists every obligation, in the order the desktop shows them.
func Obligations() []Obligation { panic("taxcal: being written") }

// ObligationByCode finds one obligation.
func ObligationByCode(code string) (Obligation, bool) { panic("taxcal: being written") }

// Holidays returns year's public holidays by law, by date.
func Holidays(year int) []Holiday { panic("taxcal: being written") }

// Calendar is loaded calendar data with the rule: safe for concurrent use, immutable.
type Calendar struct{}

// Embedded returns the calendar shipped inside Vigía.
func Embedded() *Calendar { panic("taxcal: being written") }

// Parse reads calendar data (the JSON format of the embedded file). A bad
// file is a *DataError; nothing is loaded.
func Parse(b []byte) (*Calendar, error) { panic("taxcal: being written") }

// DataError says what is wrong with a calendar file: Code is one of the
// Code* constants, Args its arguments, Path where ("anios[1].vencimientos[3].fechas").
type DataError struct {
	Code string
	Args map[string]any
	Path string
}

func (e *DataError) Error() string { return e.Code + " at " + e.Path }

// Info describes c.
func (c *Calendar) Info() Info { panic("taxcal: being written") }

// NonBusinessDays lists c's civic and other dated non-business days.
func (c *Calendar) NonBusinessDays() []NonBusinessDay { panic("taxcal: being written") }

// IsBusinessDay reports whether d (00:00 UTC) is a business day.
func (c *Calendar) IsBusinessDay(d time.Time) bool { panic("taxcal: being written") }

// Deadlines returns the due dates of obligation for a NIT (digits only,
// without check digit; "" is fine for KeyNone obligations) falling in
// [from, to] (dates, inclusive), by due date then period and installment.
// Dates of years the data does not hold are computed (StateComputed) where a
// rule exists; obligations without a rule (ICA) have none there.
func (c *Calendar) Deadlines(obligation, nit string, from, to time.Time) []Deadline {
	panic("taxcal: being written")
}

// DeadlineFor returns the due date of one period (and installment) of
// obligation for a NIT, false when none is known (no rule and no data).
func (c *Calendar) DeadlineFor(obligation, period string, installment int, nit string) (Deadline, bool) {
	panic("taxcal: being written")
}

// PeriodLabel words a period key for people: lang "es" («noviembre 2026»,
// «enero–febrero 2026», «año gravable 2025») or "en".
func PeriodLabel(period, lang string) string { panic("taxcal: being written") }

// Title is the Spanish title of the alert of d: «Retención en la fuente ·
// noviembre 2026», «Renta grandes contribuyentes · año gravable 2025 · cuota 1 de 3».
func Title(d Deadline) string { panic("taxcal: being written") }
