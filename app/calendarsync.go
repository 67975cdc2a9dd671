package app

import (
	"context"
	"fmt"
	"time"
)

// RegenerateCalendar brings every company's calendar alerts in line with its
// responsibilities, NIT and the calendar data, within the horizon. It is
// idempotent: with nothing changed it writes nothing.
func (s *Service) RegenerateCalendar(ctx context.Context) (CalendarSync, error) {
	s.cal.mu.Lock()
	sync, err := s.regenerate(ctx, calendarRun{})
	s.cal.mu.Unlock()
	s.calendarChanged(sync.Changed())
	return sync, err
}

// calendarChanged tells the views when a regeneration or an import wrote:
// after the calendar's lock is released, so that a subscriber may ask for
// the calendar again.
func (s *Service) calendarChanged(wrote bool) {
	if wrote {
		s.publish(Event{Kind: EventCalendarChanged})
	}
}

// calendarRun says what one regeneration looks at and does.
type calendarRun struct {
	company int64           // 0: every company; else only this one
	using   *loadedCalendar // nil: the calendar in effect
	dryRun  bool            // count, write nothing
}

// regenerate is RegenerateCalendar for r; s.cal.mu is held.
func (s *Service) regenerate(ctx context.Context, r calendarRun) (CalendarSync, error) {
	p, err := s.calendarPlan(ctx, r.using)
	if err != nil {
		return CalendarSync{}, err
	}
	companies, existing, err := s.calendarInputs(ctx, r.company)
	if err != nil {
		return CalendarSync{}, err
	}
	changes, sync := p.diff(companies, existing)
	if r.dryRun {
		return sync, nil
	}
	if len(changes.Create)+len(changes.Update) > 0 {
		applied, err := s.store.ApplyCalendar(ctx, changes)
		if err != nil {
			return CalendarSync{}, fmt.Errorf("save the calendar's alerts: %w", err)
		}
		sync = written(existing, applied)
	}
	now := s.clock.Now()
	s.cal.lastSync.Store(&now)
	if r.company == 0 {
		s.cal.lastDay = p.today
	}
	if sync.Changed() {
		s.log.Info("calendario tributario actualizado", "creadas", sync.Created, "movidas", sync.Moved,
			"cerradas", sync.Closed, "fuente_actualizada", sync.Refreshed)
	}
	return sync, nil
}

// calendarPlan prepares a regeneration for today with the calendar using (nil:
// the one in effect) and the horizon setting.
func (s *Service) calendarPlan(ctx context.Context, using *loadedCalendar) (calendarPlan, error) {
	var cal loadedCalendar
	if using != nil {
		cal = *using
	} else {
		var err error
		if cal, err = s.calendar(ctx); err != nil {
			return calendarPlan{}, err
		}
	}
	months, err := s.CalendarHorizon(ctx)
	if err != nil {
		return calendarPlan{}, err
	}
	today := s.today()
	return calendarPlan{cal: cal, today: today, until: horizonEnd(today, months), now: s.clock.Now(), dates: newPlannedDates(cal.cal)}, nil
}

// horizonEnd is the last due date kept ahead of today: months later.
func horizonEnd(today time.Time, months int) time.Time {
	return today.AddDate(0, months, 0)
}

// calendarInputs loads the companies (only, when not 0) and their calendar alerts.
func (s *Service) calendarInputs(ctx context.Context, only int64) ([]Company, []Alert, error) {
	var companies []Company
	if only != 0 {
		c, err := s.store.Company(ctx, only)
		if err != nil {
			return nil, nil, fmt.Errorf("load company %d: %w", only, err)
		}
		companies = []Company{c}
	} else {
		var err error
		if companies, err = s.store.Companies(ctx); err != nil {
			return nil, nil, fmt.Errorf("list companies: %w", err)
		}
	}
	if r, ok := s.store.(companyCalendarReader); ok && only != 0 {
		existing, err := r.CompanyCalendarAlerts(ctx, only)
		if err != nil {
			return nil, nil, fmt.Errorf("load the calendar's alerts of company %d: %w", only, err)
		}
		return companies, existing, nil
	}
	existing, err := s.store.CalendarAlerts(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("load the calendar's alerts: %w", err)
	}
	if only != 0 {
		mine := existing[:0]
		for _, a := range existing {
			if a.CompanyID == only {
				mine = append(mine, a)
			}
		}
		existing = mine
	}
	return companies, existing, nil
}

// companyCalendarReader is a CalendarStore that reads one company's
// calendar alerts alone, cheaper than reading every company's.
type companyCalendarReader interface {
	CompanyCalendarAlerts(ctx context.Context, companyID int64) ([]Alert, error)
}

// regenerateCompany brings one company's calendar alerts in line, after a
// change of its responsibilities, NIT or activity. The company is saved
// already: a failure is logged, and the next regeneration makes up for it.
func (s *Service) regenerateCompany(ctx context.Context, id int64) {
	s.cal.mu.Lock()
	sync, err := s.regenerate(ctx, calendarRun{company: id})
	s.cal.mu.Unlock()
	if err != nil {
		s.log.Error("no se pudieron actualizar las alertas del calendario de la empresa", "empresa_id", id, "error", err)
	}
	s.calendarChanged(sync.Changed())
}

// Tick does what falls due with the day: when the day in the service's zone
// changed since the last whole regeneration, the tax calendar's alerts are
// regenerated (the horizon moved). The leader calls it every 30 s (the
// coordinator's watchdog tick); it returns at once on the same day.
func (s *Service) Tick(ctx context.Context) { s.regenerateDaily(ctx) }

// regenerateDaily regenerates when the day in the service's zone changed
// since the last whole regeneration: Tick, a wake-up (Recover) and runs,
// before they collect their digest, call it, so a digest sees the day's
// horizon even when no tick came. A failure is logged: the digest goes out
// with the alerts already saved.
func (s *Service) regenerateDaily(ctx context.Context) {
	s.cal.mu.Lock()
	if s.cal.lastDay.Equal(s.today()) {
		s.cal.mu.Unlock()
		return
	}
	sync, err := s.regenerate(ctx, calendarRun{})
	s.cal.mu.Unlock()
	if err != nil {
		s.log.Error("no se pudo regenerar el calendario tributario", "error", err)
	}
	s.calendarChanged(sync.Changed())
}
