package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"vigia/app/taxcal"
)

// CalendarStatus is which calendar is loaded, for status screens.
type CalendarStatus struct {
	Info     taxcal.Info
	Imported bool      // the data came from an import, not from the binary
	Horizon  int       // months of alerts kept ahead
	LastSync time.Time // zero before the first regeneration
	// MissingYear is the next year whose official calendar the data lacks
	// while its deadlines are already inside the horizon and some active
	// company owes an obligation (0 when none: a new office without clients
	// is not warned about a calendar it does not use yet).
	MissingYear int
	// WithoutNIT names the active companies that owe an obligation keyed by
	// the NIT but have no NIT: they get no alerts of it. By name.
	WithoutNIT []string
	// Companies is how many companies there are, active or not (a screen
	// decides by it whether its company filter lists them).
	Companies int
}

// CalendarCompanies is what the calendar's status asks of the companies,
// answered by the store without reading them all (see CalendarStore).
type CalendarCompanies struct {
	Total      int      // every company, active or not
	Owed       bool     // some active company owes an obligation
	WithoutNIT []string // the active companies without NIT owing a keyed obligation, by name then ID
}

// Words of the calendar's status and its disclaimer.
const (
	// CodeCalendarDisclaimer: the accountant remains responsible (no arguments).
	CodeCalendarDisclaimer Code = "calendario.descargo"
	// CodeCalendarComputedYear: Year's dates are computed, DIAN has not published them yet.
	CodeCalendarComputedYear Code = "calendario.aviso.anio_calculado"
	// CodeCalendarWithoutNIT: N companies, Names (some) and More, owe an
	// obligation keyed by the NIT and have none.
	CodeCalendarWithoutNIT Code = "calendario.aviso.sin_nit"
)

// CalendarDisclaimer says once, in the calendar's screens, that the
// accountant remains responsible for every due date.
func CalendarDisclaimer() Message { return Msg(CodeCalendarDisclaimer, nil) }

// Notices are what the status warns about, for the edges to word: the year
// whose dates are computed and the companies that get no alerts for lack of a NIT.
func (st CalendarStatus) Notices() []Message {
	var out []Message
	if st.MissingYear != 0 {
		out = append(out, Msg(CodeCalendarComputedYear, Args{"Year": st.MissingYear}))
	}
	if names := st.WithoutNIT; len(names) > 0 {
		shown := min(len(names), 3)
		out = append(out, Msg(CodeCalendarWithoutNIT, Args{"N": len(names), "Names": names[:shown], "More": len(names) - shown}))
	}
	return out
}

// CalendarStatus says which calendar is loaded.
func (s *Service) CalendarStatus(ctx context.Context) (CalendarStatus, error) {
	cal, err := s.calendar(ctx)
	if err != nil {
		return CalendarStatus{}, err
	}
	return s.statusOf(ctx, cal)
}

func (s *Service) statusOf(ctx context.Context, cal loadedCalendar) (CalendarStatus, error) {
	months, err := s.CalendarHorizon(ctx)
	if err != nil {
		return CalendarStatus{}, err
	}
	st := CalendarStatus{Info: cal.cal.Info(), Imported: cal.imported, Horizon: months}
	if t := s.cal.lastSync.Load(); t != nil {
		st.LastSync = t.In(s.location())
	}
	cc, err := s.store.CalendarCompanies(ctx, keyedByNIT())
	if err != nil {
		return CalendarStatus{}, fmt.Errorf("read companies' obligations: %w", err)
	}
	st.WithoutNIT, st.Companies = cc.WithoutNIT, cc.Total
	if cc.Owed {
		st.MissingYear = missingYear(s.today(), months, st.Info.OfficialYears)
	}
	return st, nil
}

// missingYear is the first year from today's to the horizon's end that has
// no official calendar, 0 when every one has.
func missingYear(today time.Time, months int, official []int) int {
	for y := today.Year(); y <= horizonEnd(today, months).Year(); y++ {
		if !slices.Contains(official, y) {
			return y
		}
	}
	return 0
}

// keyedByNIT lists the codes of the obligations whose dates depend on the NIT.
func keyedByNIT() []string {
	var codes []string
	for _, o := range taxcal.Obligations() {
		if o.Key != taxcal.KeyNone {
			codes = append(codes, o.Code)
		}
	}
	return codes
}
