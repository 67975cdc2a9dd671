package app

import (
	"context"
	"fmt"
	"time"

	"vigia/app/taxcal"
)

// CalendarItem is one row of the «Calendario» view and its CSV.
type CalendarItem struct {
	Company Company
	Alert   Alert
}

// CalendarFilter selects the «Calendario» view's rows.
type CalendarFilter struct {
	Obligation string // "" every obligation
	CompanyID  int64  // 0 every company
	// From and To bound the due dates, inclusive, by their calendar day
	// (zero: open). A calendar alert whose due date the user cleared is
	// left out when either is set.
	From, To time.Time
	OpenOnly bool
}

// CalendarItemsPage is a window of the rows a CalendarFilter selects and
// how many it selects.
type CalendarItemsPage struct {
	Total int
	Items []CalendarItem
}

// CalendarPage returns the window p (Limit 0: DefaultAlertLimit, at most
// MaxAlertLimit) of the calendar alerts f selects with their company, by due
// date, then company name, then ID, and how many f selects; each alert's
// effective priority is filled. The store filters, orders and counts, so a
// page costs what its rows cost. An unknown obligation is a
// *ValidationError keyed by "obligacion", a bad window one keyed by "limit"
// or "offset".
func (s *Service) CalendarPage(ctx context.Context, f CalendarFilter, p Page) (CalendarItemsPage, error) {
	errs := fieldErrors{}
	p = p.check(DefaultAlertLimit, MaxAlertLimit, errs)
	f = f.check(errs)
	if err := errs.err(); err != nil {
		return CalendarItemsPage{}, err
	}
	return s.calendarItems(ctx, f, p)
}

// CalendarItems lists every calendar alert f selects with its company, in
// CalendarPage's order (the desktop's list, the CSV export). An unknown
// obligation is a *ValidationError keyed by "obligacion".
func (s *Service) CalendarItems(ctx context.Context, f CalendarFilter) ([]CalendarItem, error) {
	errs := fieldErrors{}
	f = f.check(errs)
	if err := errs.err(); err != nil {
		return nil, err
	}
	page, err := s.calendarItems(ctx, f, Page{})
	return page.Items, err
}

// calendarItems reads the window p of f's rows from the store (p.Limit 0:
// every row) and fills in what the store leaves: effective priorities and
// times in the zone.
func (s *Service) calendarItems(ctx context.Context, f CalendarFilter, p Page) (CalendarItemsPage, error) {
	x, err := s.escalator(ctx)
	if err != nil {
		return CalendarItemsPage{}, err
	}
	page, err := s.store.CalendarItems(ctx, f, p)
	if err != nil {
		return CalendarItemsPage{}, fmt.Errorf("list the calendar's alerts: %w", err)
	}
	if page.Items == nil {
		page.Items = []CalendarItem{}
	}
	for i := range page.Items {
		it := &page.Items[i]
		x.fill(&it.Alert)
		it.Alert = s.alertInZone(it.Alert)
		it.Company.CreatedAt = it.Company.CreatedAt.In(s.location())
	}
	return page, nil
}

// check adds to errs what is wrong with f, and returns f with its bounds
// as calendar days at 00:00 UTC, as due dates are.
func (f CalendarFilter) check(errs fieldErrors) CalendarFilter {
	if f.Obligation != "" {
		if _, ok := taxcal.ObligationByCode(f.Obligation); !ok {
			errs.add("obligacion", CodeObligationUnknown, Args{"Value": f.Obligation})
		}
	}
	if !f.From.IsZero() {
		f.From = dateOf(f.From)
	}
	if !f.To.IsZero() {
		f.To = dateOf(f.To)
	}
	return f
}

// dateOf is t's calendar date at 00:00 UTC, as due dates are.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
