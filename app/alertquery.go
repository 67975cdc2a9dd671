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
	Limit  int // 0: DefaultAlertLimit
	Offset int
}

// AlertPage is one page of alerts, by ID, and how many match the query.
type AlertPage struct {
	Total  int
	Alerts []Alert
}

// AlertPage returns the alerts q selects, effective priorities filled.
func (s *Service) AlertPage(ctx context.Context, q AlertQuery) (AlertPage, error) {
	errs := fieldErrors{}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultAlertLimit
	case q.Limit < 1 || q.Limit > MaxAlertLimit:
		errs.add("limit", fmt.Sprintf("limit debe estar entre 1 y %d.", MaxAlertLimit))
	}
	if q.Offset < 0 {
		errs.add("offset", "offset debe ser mayor o igual a 0.")
	}
	if q.OpenOnly && q.ResolvedOnly {
		errs.add("estado", "Elija abierta o resuelta, no ambas.")
	}
	if err := errs.err(); err != nil {
		return AlertPage{}, err
	}
	// The effective priority depends on today, so it is filtered here, not in SQL.
	all, err := s.Alerts(ctx, AlertFilter{CompanyID: q.CompanyID, OpenOnly: q.OpenOnly})
	if err != nil {
		return AlertPage{}, err
	}
	page := AlertPage{Alerts: []Alert{}}
	for _, a := range all {
		switch {
		case q.ResolvedOnly && a.Open,
			q.Priority != "" && a.EffectivePriority != q.Priority,
			!q.DueBy.IsZero() && (a.DueOn.IsZero() || a.DueOn.After(q.DueBy)):
			continue
		}
		if page.Total >= q.Offset && len(page.Alerts) < q.Limit {
			page.Alerts = append(page.Alerts, a)
		}
		page.Total++
	}
	return page, nil
}
