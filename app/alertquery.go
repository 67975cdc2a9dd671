package app

import (
	"context"
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

// AlertPage is one page of alerts, by ID, and how many match the query.
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
	// The effective priority depends on today, so it is filtered here, not in SQL.
	all, err := s.Alerts(ctx, AlertFilter{CompanyID: q.CompanyID, OpenOnly: q.OpenOnly})
	if err != nil {
		return AlertPage{}, err
	}
	out := AlertPage{Alerts: []Alert{}}
	for _, a := range all {
		switch {
		case q.ResolvedOnly && a.Open,
			q.Priority != "" && a.EffectivePriority != q.Priority,
			!q.DueBy.IsZero() && (a.DueOn.IsZero() || a.DueOn.After(q.DueBy)):
			continue
		}
		if out.Total >= q.Offset && len(out.Alerts) < q.Limit {
			out.Alerts = append(out.Alerts, a)
		}
		out.Total++
	}
	return out, nil
}
