package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"vigia/app/taxcal"
)

// What is wrong with a calendar file (keyed by "archivo").
const (
	// CodeCalendarFileEmpty: the file has nothing in it.
	CodeCalendarFileEmpty Code = "calendario.archivo.vacio"
	// CodeCalendarFileOlder: the file's Version is older than the Embedded
	// one Vigía ships, which would stay in effect.
	CodeCalendarFileOlder Code = "calendario.archivo.anterior"
)

// ImportCalendar replaces the calendar data with data (the JSON file format)
// and regenerates; with dryRun it only checks and counts what would change.
// A bad file is a *ValidationError keyed by "archivo" and changes nothing.
func (s *Service) ImportCalendar(ctx context.Context, data []byte, dryRun bool) (CalendarStatus, CalendarSync, error) {
	l, err := checkCalendarFile(data)
	if err != nil {
		return CalendarStatus{}, CalendarSync{}, err
	}
	if dryRun {
		s.cal.mu.Lock()
		sync, err := s.regenerate(ctx, calendarRun{using: &l, dryRun: true})
		s.cal.mu.Unlock()
		if err != nil {
			return CalendarStatus{}, CalendarSync{}, err
		}
		st, err := s.statusOf(ctx, l)
		return st, sync, err
	}
	sync, err := s.importCalendar(ctx, data)
	if err != nil {
		return CalendarStatus{}, CalendarSync{}, err
	}
	s.calendarChanged(true)
	st, err := s.statusOf(ctx, s.currentCalendar())
	return st, sync, err
}

// importCalendar stores data as the calendar and regenerates with it.
func (s *Service) importCalendar(ctx context.Context, data []byte) (CalendarSync, error) {
	s.cal.mu.Lock()
	defer s.cal.mu.Unlock()
	if err := s.store.SetCalendarData(ctx, data); err != nil {
		return CalendarSync{}, fmt.Errorf("save the calendar: %w", err)
	}
	return s.regenerate(ctx, calendarRun{})
}

// checkCalendarFile reads data as a calendar to import: a *ValidationError
// keyed by "archivo" when it is not one, or is older than the embedded one.
func checkCalendarFile(data []byte) (loadedCalendar, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return loadedCalendar{}, Invalid("archivo", CodeCalendarFileEmpty, nil)
	}
	cal, err := taxcal.Parse(data)
	var bad *taxcal.DataError
	switch {
	case errors.As(err, &bad):
		return loadedCalendar{}, calendarFileProblem(bad)
	case err != nil:
		return loadedCalendar{}, fmt.Errorf("read the calendar file: %w", err)
	}
	embedded := taxcal.Embedded().Info().Version
	if v := cal.Info().Version; compareVersions(embedded, v) > 0 {
		return loadedCalendar{}, Invalid("archivo", CodeCalendarFileOlder, Args{"Version": v, "Embedded": embedded})
	}
	return loadedCalendar{cal: cal, imported: true}, nil
}

// Words of what a regeneration did, or would do: each count a plural by N.
const (
	CodeCalendarSyncDone       Code = "calendario.resumen.hecho"       // Created, Moved, Closed, Refreshed: counts
	CodeCalendarSyncDryRun     Code = "calendario.resumen.simulacion"  // Created, Moved, Closed, Refreshed: counts
	CodeCalendarSyncNone       Code = "calendario.resumen.sin_cambios" // nothing to do
	CodeCalendarCountCreated   Code = "calendario.cuenta.creadas"
	CodeCalendarCountMoved     Code = "calendario.cuenta.movidas"
	CodeCalendarCountClosed    Code = "calendario.cuenta.cerradas"
	CodeCalendarCountRefreshed Code = "calendario.cuenta.confirmadas"
)

// Summary says what the regeneration did or, when dryRun, would do.
func (c CalendarSync) Summary(dryRun bool) Message {
	switch {
	case !c.Changed():
		return Msg(CodeCalendarSyncNone, nil)
	case dryRun:
		return Msg(CodeCalendarSyncDryRun, Args{
			"Created": Msg(CodeCalendarCountCreated, Args{"N": c.Created}), "Moved": Msg(CodeCalendarCountMoved, Args{"N": c.Moved}),
			"Closed": Msg(CodeCalendarCountClosed, Args{"N": c.Closed}), "Refreshed": Msg(CodeCalendarCountRefreshed, Args{"N": c.Refreshed}),
		})
	}
	return Msg(CodeCalendarSyncDone, Args{
		"Created": Msg(CodeCalendarCountCreated, Args{"N": c.Created}), "Moved": Msg(CodeCalendarCountMoved, Args{"N": c.Moved}),
		"Closed": Msg(CodeCalendarCountClosed, Args{"N": c.Closed}), "Refreshed": Msg(CodeCalendarCountRefreshed, Args{"N": c.Refreshed}),
	})
}
