package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Escalation is how many calendar days before its due date an open alert
// rises to each priority: due in CriticalDays days or fewer (or overdue) it is
// CRITICA, in HighDays or fewer ALTA, in MediumDays or fewer MEDIA. It never
// lowers the priority an alert was given.
type Escalation struct {
	CriticalDays int
	HighDays     int
	MediumDays   int
}

// DefaultEscalation applies while the settings name no thresholds.
var DefaultEscalation = Escalation{CriticalDays: 1, HighDays: 3, MediumDays: 7}

// MaxEscalationDays bounds a threshold.
const MaxEscalationDays = 365

// The settings that hold the thresholds (whole days, as decimal text).
const (
	SettingEscalationCritical = "escalamiento.critica_dias"
	SettingEscalationHigh     = "escalamiento.alta_dias"
	SettingEscalationMedium   = "escalamiento.media_dias"
)

// EscalationDraft is threshold input as a user gives it; nil keeps a value.
type EscalationDraft struct {
	CriticalDays *int
	HighDays     *int
	MediumDays   *int
}

// Effective is a's priority for the calendar day today (a date at 00:00 UTC,
// as DueOn): resolved alerts and alerts without a due date keep theirs.
func (e Escalation) Effective(a Alert, today time.Time) Priority {
	if !a.Open || a.DueOn.IsZero() {
		return a.Priority
	}
	days := daysBetween(today, a.DueOn)
	raised := a.Priority
	switch {
	case days <= e.CriticalDays:
		raised = PriorityCritical
	case days <= e.HighDays:
		raised = PriorityHigh
	case days <= e.MediumDays:
		raised = PriorityMedium
	}
	if raised.Rank() < a.Priority.Rank() {
		return raised
	}
	return a.Priority
}

// daysBetween counts calendar days from one date to another (negative when
// to is earlier), whatever the clock times and zones of the two values.
func daysBetween(from, to time.Time) int {
	f := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	t := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	return int(t.Sub(f).Hours() / 24)
}

// today is the current calendar day in the service's zone, at 00:00 UTC like DueOn.
func (s *Service) today() time.Time {
	y, m, d := s.clock.Now().In(s.location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Escalation returns the thresholds in force: the settings, or the defaults
// for those unset or unreadable.
func (s *Service) Escalation(ctx context.Context) (Escalation, error) {
	e := DefaultEscalation
	for _, f := range e.fields() {
		v, err := s.store.Setting(ctx, f.key)
		if err != nil {
			return Escalation{}, fmt.Errorf("read setting %s: %w", f.key, err)
		}
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > MaxEscalationDays {
			s.log.Warn("ajuste de escalamiento inválido: se usa el valor por defecto", "clave", f.key, "valor", v)
			continue
		}
		*f.days = n
	}
	return e, nil
}

// What is wrong with escalation thresholds.
const (
	CodeEscalationDays  Code = "escalamiento.dias"
	CodeEscalationOrder Code = "escalamiento.orden"
)

// SetEscalation lays d over the thresholds in force, checks them and saves them.
func (s *Service) SetEscalation(ctx context.Context, d EscalationDraft) (Escalation, error) {
	e, err := s.Escalation(ctx)
	if err != nil {
		return Escalation{}, err
	}
	errs := fieldErrors{}
	for _, f := range []struct {
		in   *int
		out  *int
		name string
	}{{d.CriticalDays, &e.CriticalDays, "critica_dias"}, {d.HighDays, &e.HighDays, "alta_dias"}, {d.MediumDays, &e.MediumDays, "media_dias"}} {
		if f.in == nil {
			continue
		}
		if *f.in < 0 || *f.in > MaxEscalationDays {
			errs.add(f.name, CodeEscalationDays, Args{"Field": f.name, "Max": MaxEscalationDays})
		}
		*f.out = *f.in
	}
	if len(errs) == 0 && (e.CriticalDays > e.HighDays || e.HighDays > e.MediumDays) {
		errs.add("escalamiento", CodeEscalationOrder, Args{"Critical": e.CriticalDays, "High": e.HighDays, "Medium": e.MediumDays})
	}
	if err := errs.err(); err != nil {
		return Escalation{}, err
	}
	for _, f := range e.fields() {
		if err := s.store.SetSetting(ctx, f.key, strconv.Itoa(*f.days)); err != nil {
			return Escalation{}, fmt.Errorf("save setting %s: %w", f.key, err)
		}
	}
	return e, nil
}

type escalationField struct {
	key  string
	days *int
}

func (e *Escalation) fields() []escalationField {
	return []escalationField{
		{SettingEscalationCritical, &e.CriticalDays},
		{SettingEscalationHigh, &e.HighDays},
		{SettingEscalationMedium, &e.MediumDays},
	}
}

// escalator fills EffectivePriority for one day and one set of thresholds.
type escalator struct {
	e     Escalation
	today time.Time
}

func (s *Service) escalator(ctx context.Context) (escalator, error) {
	e, err := s.Escalation(ctx)
	if err != nil {
		return escalator{}, err
	}
	return escalator{e: e, today: s.today()}, nil
}

func (x escalator) fill(a *Alert) { a.EffectivePriority = x.e.Effective(*a, x.today) }

// OpenAlertsByCompany is what a digest of priorities holds: the open alerts
// of active companies whose EFFECTIVE priority is in priorities, grouped by
// company. Companies come by their most urgent alert, then name; alerts by
// effective priority, due date (none last), then ID.
func (s *Service) OpenAlertsByCompany(ctx context.Context, priorities []Priority) ([]CompanyAlerts, error) {
	return s.collect(ctx, priorities)
}

// collect is OpenAlertsByCompany; runs and previews call it.
func (s *Service) collect(ctx context.Context, priorities []Priority) ([]CompanyAlerts, error) {
	if len(priorities) == 0 {
		return nil, nil
	}
	x, err := s.escalator(ctx)
	if err != nil {
		return nil, err
	}
	// Escalation only raises, so any stored priority may end up selected.
	all, err := s.store.OpenAlerts(ctx, Priorities)
	if err != nil {
		return nil, fmt.Errorf("load open alerts: %w", err)
	}
	type group struct {
		CompanyAlerts
		key  string
		rank int
	}
	var groups []group
	for _, c := range all {
		if !c.Company.Active {
			continue
		}
		c.Company.CreatedAt = c.Company.CreatedAt.In(s.location())
		g := group{CompanyAlerts: CompanyAlerts{Company: c.Company}, key: strings.ToLower(c.Company.Name), rank: len(Priorities)}
		for _, a := range c.Alerts {
			x.fill(&a)
			if slices.Contains(priorities, a.EffectivePriority) {
				g.Alerts = append(g.Alerts, s.alertInZone(a))
				g.rank = min(g.rank, a.EffectivePriority.Rank())
			}
		}
		if len(g.Alerts) > 0 {
			slices.SortFunc(g.Alerts, compareByUrgency)
			groups = append(groups, g)
		}
	}
	slices.SortFunc(groups, func(a, b group) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(a.key, b.key), cmp.Compare(a.Company.ID, b.Company.ID))
	})
	out := make([]CompanyAlerts, len(groups))
	for i, g := range groups {
		out[i] = g.CompanyAlerts
	}
	return out, nil
}

// compareByUrgency orders alerts by effective priority, due date (none last), then ID.
func compareByUrgency(a, b Alert) int {
	if c := cmp.Compare(a.EffectivePriority.Rank(), b.EffectivePriority.Rank()); c != 0 {
		return c
	}
	if a.DueOn.IsZero() != b.DueOn.IsZero() {
		if a.DueOn.IsZero() {
			return 1
		}
		return -1
	}
	return cmp.Or(a.DueOn.Compare(b.DueOn), cmp.Compare(a.ID, b.ID))
}
