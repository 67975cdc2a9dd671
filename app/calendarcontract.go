package app

import (
	"context"
	"time"

	"vigia/app/taxcal"
)

// This file pins the calendar's API in the core while it is written; each
// piece moves to its own file (calendar*.go) with its body.

// CalendarStore keeps what the tax calendar needs besides companies and alerts.
type CalendarStore interface {
	// CalendarData is the calendar file the user imported (nil when none:
	// the embedded one applies).
	CalendarData(ctx context.Context) ([]byte, error)
	// SetCalendarData stores an imported calendar file (nil removes it).
	SetCalendarData(ctx context.Context, data []byte) error
	// CalendarAlerts returns every alert the calendar wrote (Calendar set),
	// open and resolved, of every company.
	CalendarAlerts(ctx context.Context) ([]Alert, error)
	// ApplyCalendar saves a regeneration in one transaction: it inserts
	// c.Create (skipping any whose company, obligation, period and
	// installment already has an alert) and writes c.Update.
	ApplyCalendar(ctx context.Context, c CalendarChanges) (CalendarChanges, error)
}

// CalendarChanges is what one regeneration writes.
type CalendarChanges struct {
	Create []Alert // new alerts, ID 0
	Update []Alert // moved dates, refreshed sources, alerts closed because the obligation was removed
}

// CalendarSync counts what a regeneration did.
type CalendarSync struct {
	Created, Moved, Closed int
}

// DeadlineQuery asks GET /api/calendario/vencimientos: text as given.
type DeadlineQuery struct {
	Obligation string
	NIT        string // with or without its check digit; "" only for obligations keyed by no digit
	From, To   string // YYYY-MM-DD
}

// CalendarStatus is which calendar is loaded, for status screens.
type CalendarStatus struct {
	Info     taxcal.Info
	Imported bool      // the data came from an import, not from the binary
	Horizon  int       // months of alerts kept ahead
	LastSync time.Time // zero before the first regeneration
	// MissingYear is the next year whose official calendar the data lacks
	// while its deadlines are already inside the horizon (0 when none).
	MissingYear int
}

// CalendarItem is one row of the «Calendario» view and its CSV.
type CalendarItem struct {
	Company Company
	Alert   Alert
}

// CalendarFilter selects the «Calendario» view's rows.
type CalendarFilter struct {
	Obligation string    // "" every obligation
	CompanyID  int64     // 0 every company
	From, To   time.Time // due dates, inclusive; zero: open
	OpenOnly   bool
}

// CalendarObligations lists the obligations a company may owe.
func (s *Service) CalendarObligations() []taxcal.Obligation { panic("app: calendar being written") }

// Deadlines answers a due-date question; bad input is a *ValidationError
// keyed by obligacion, nit, desde and hasta.
func (s *Service) Deadlines(ctx context.Context, q DeadlineQuery) ([]taxcal.Deadline, error) {
	panic("app: calendar being written")
}

// NextDeadlines previews the next n due dates, from today, that codes would
// give a company with nit (the company dialog shows them as boxes are ticked).
func (s *Service) NextDeadlines(nit string, codes []string, n int) []taxcal.Deadline {
	panic("app: calendar being written")
}

// RegenerateCalendar brings every company's calendar alerts in line with its
// responsibilities, NIT and the calendar data, within the horizon. It is
// idempotent: with nothing changed it writes nothing.
func (s *Service) RegenerateCalendar(ctx context.Context) (CalendarSync, error) {
	panic("app: calendar being written")
}

// ImportCalendar replaces the calendar data with data (the JSON file format)
// and regenerates; with dryRun it only checks and counts. A bad file is a
// *ValidationError keyed by "archivo" and changes nothing.
func (s *Service) ImportCalendar(ctx context.Context, data []byte, dryRun bool) (CalendarStatus, CalendarSync, error) {
	panic("app: calendar being written")
}

// CalendarStatus says which calendar is loaded.
func (s *Service) CalendarStatus(ctx context.Context) (CalendarStatus, error) {
	panic("app: calendar being written")
}

// CalendarItems lists calendar alerts with their company, by due date, then company name.
func (s *Service) CalendarItems(ctx context.Context, f CalendarFilter) ([]CalendarItem, error) {
	panic("app: calendar being written")
}

// Calendar horizon bounds, in months; DefaultCalendarHorizon applies while
// the setting is unset.
const (
	DefaultCalendarHorizon = 12
	MaxCalendarHorizon     = 24
)

// SettingCalendarHorizon holds the horizon (whole months, decimal text).
const SettingCalendarHorizon = "calendario.horizonte_meses"

// CalendarHorizon is how many months ahead calendar alerts are kept.
func (s *Service) CalendarHorizon(ctx context.Context) (int, error) {
	panic("app: calendar being written")
}

// SetCalendarHorizon stores the horizon (1..MaxCalendarHorizon; otherwise a
// *ValidationError keyed by "horizonte_meses") and regenerates.
func (s *Service) SetCalendarHorizon(ctx context.Context, months int) (CalendarSync, error) {
	panic("app: calendar being written")
}
