package app

import (
	"context"
	"fmt"
	"time"
)

// Alert list paging.
const (
	DefaultAlertLimit = 100
	MaxAlertLimit     = 1000
)

// AlertQuery selects a page of alerts as the lists show them; zero values
// select everything.
type AlertQuery struct {
	CompanyID int64
	// Priority matches the EFFECTIVE priority.
	Priority     Priority
	OpenOnly     bool
	ResolvedOnly bool
	// DueBy keeps alerts due on or before this date (00:00 UTC); alerts
	// without a due date are left out when it is set.
	DueBy  time.Time
	Limit  int // 0: DefaultAlertLimit; see Page
	Offset int
}

// CodeAlertStateBoth refuses asking for open and resolved alerts only at once.
const CodeAlertStateBoth Code = "alertas.estado.ambos"

// AlertPage is one page of alerts, by ID, effective priorities filled, and
// how many match the query.
type AlertPage struct {
	Total  int
	Alerts []Alert
}

// AlertPage returns the alerts q selects, effective priorities filled.
func (s *Service) AlertPage(ctx context.Context, q AlertQuery) (AlertPage, error) {
	errs := fieldErrors{}
	page := Page{Limit: q.Limit, Offset: q.Offset}.check(DefaultAlertLimit, MaxAlertLimit, errs)
	q.Limit = page.Limit
	if q.OpenOnly && q.ResolvedOnly {
		errs.add("estado", CodeAlertStateBoth, nil)
	}
	if err := errs.err(); err != nil {
		return AlertPage{}, err
	}
	x, err := s.escalator(ctx)
	if err != nil {
		return AlertPage{}, err
	}
	out, err := s.store.AlertPage(ctx, q, x.day)
	if err != nil {
		return AlertPage{}, fmt.Errorf("list alerts: %w", err)
	}
	if out.Alerts == nil {
		out.Alerts = []Alert{}
	}
	for i := range out.Alerts {
		out.Alerts[i] = s.alertInZone(out.Alerts[i])
	}
	return out, nil
}

// OpenAlertCounts counts each company's open alerts by effective priority;
// companies without open alerts are absent.
func (s *Service) OpenAlertCounts(ctx context.Context) (map[int64]map[Priority]int, error) {
	x, err := s.escalator(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := s.store.OpenAlertCounts(ctx, x.day)
	if err != nil {
		return nil, fmt.Errorf("count open alerts: %w", err)
	}
	return counts, nil
}

// CompanyNames returns every company, by name, with only its ID, name, NIT
// and state: for lists, searches and pickers, which show no more.
func (s *Service) CompanyNames(ctx context.Context) ([]Company, error) {
	cs, err := s.store.CompanyNames(ctx)
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	return cs, nil
}

// CompanyNamesOf is CompanyNames of the given companies (those that exist).
func (s *Service) CompanyNamesOf(ctx context.Context, ids []int64) ([]Company, error) {
	cs, err := s.store.CompanyNamesOf(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	return cs, nil
}

// CompanyCount is how many companies there are.
func (s *Service) CompanyCount(ctx context.Context) (int, error) {
	n, err := s.store.CompanyCount(ctx)
	if err != nil {
		return 0, fmt.Errorf("count companies: %w", err)
	}
	return n, nil
}

// CompanyNamesPage is CompanyNames' window p (a Limit of 0: 100, at most 1,000).
func (s *Service) CompanyNamesPage(ctx context.Context, p Page) ([]Company, error) {
	p, err := CheckPage(p, 100, 1000)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.CompanyNamesPage(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	return cs, nil
}
