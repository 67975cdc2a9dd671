package app

import (
	"context"
	"fmt"
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
	return e.On(today).Effective(a)
}

// EscalationStep raises an open alert due on or before DueBy (a date at 00:00
// UTC) to Priority, unless it is already more urgent.
type EscalationStep struct {
	Priority Priority
	DueBy    time.Time
}

// EscalationDay is an Escalation applied on one calendar day: its steps, most
// urgent first. An alert takes the first step its due date falls in. The store
// computes the same rule in SQL from these steps where it filters and counts
// (storage's escalation SQL, pinned to Effective by a table test).
type EscalationDay struct {
	Steps []EscalationStep
}

// On is e applied on the calendar day today (a date at 00:00 UTC): a step per
// threshold, due today plus that many days.
func (e Escalation) On(today time.Time) EscalationDay {
	y, m, d := today.Date()
	day := func(n int) time.Time { return time.Date(y, m, d+n, 0, 0, 0, 0, time.UTC) }
	return EscalationDay{Steps: []EscalationStep{
		{PriorityCritical, day(e.CriticalDays)},
		{PriorityHigh, day(e.HighDays)},
		{PriorityMedium, day(e.MediumDays)},
	}}
}

// Effective is a's priority on the day: the priority of the first step its
// due date falls in when that is more urgent than its own, else its own.
// Resolved alerts and alerts without a due date keep theirs.
func (d EscalationDay) Effective(a Alert) Priority {
	if !a.Open || a.DueOn.IsZero() {
		return a.Priority
	}
	due := time.Date(a.DueOn.Year(), a.DueOn.Month(), a.DueOn.Day(), 0, 0, 0, 0, time.UTC)
	for _, s := range d.Steps {
		if due.After(s.DueBy) {
			continue
		}
		if s.Priority.Rank() < a.Priority.Rank() {
			return s.Priority
		}
		return a.Priority
	}
	return a.Priority
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
	e, err := s.CheckEscalation(ctx, d)
	if err != nil {
		return Escalation{}, err
	}
	for _, f := range e.fields() {
		if err := s.store.SetSetting(ctx, f.key, strconv.Itoa(*f.days)); err != nil {
			return Escalation{}, fmt.Errorf("save setting %s: %w", f.key, err)
		}
	}
	return e, nil
}

// CheckEscalation is what SetEscalation would save, or its refusal, without
// saving: a form that saves other settings with the thresholds checks them
// all before saving any.
func (s *Service) CheckEscalation(ctx context.Context, d EscalationDraft) (Escalation, error) {
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
	day EscalationDay
}

func (s *Service) escalator(ctx context.Context) (escalator, error) {
	e, err := s.Escalation(ctx)
	if err != nil {
		return escalator{}, err
	}
	return escalator{day: e.On(s.today())}, nil
}

func (x escalator) fill(a *Alert) { a.EffectivePriority = x.day.Effective(*a) }

// OpenAlertsByCompany is what a digest of priorities holds: the open alerts
// of active companies whose EFFECTIVE priority is in priorities, grouped by
// company. Companies come by their most urgent alert, then name; alerts by
// effective priority, due date (none last), then ID.
func (s *Service) OpenAlertsByCompany(ctx context.Context, priorities []Priority) ([]CompanyAlerts, error) {
	return s.collect(ctx, priorities)
}

// collect is OpenAlertsByCompany; runs and previews call it. The store
// selects, escalates and orders the alerts (AlertStore.OpenAlerts).
func (s *Service) collect(ctx context.Context, priorities []Priority) ([]CompanyAlerts, error) {
	if len(priorities) == 0 {
		return nil, nil
	}
	x, err := s.escalator(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := s.store.OpenAlerts(ctx, priorities, x.day)
	if err != nil {
		return nil, fmt.Errorf("load open alerts: %w", err)
	}
	return s.groupsInZone(groups), nil
}

// groupsInZone is a digest's groups with their times in the configured zone.
func (s *Service) groupsInZone(groups []CompanyAlerts) []CompanyAlerts {
	for i := range groups {
		groups[i].Company.CreatedAt = groups[i].Company.CreatedAt.In(s.location())
		for j := range groups[i].Alerts {
			groups[i].Alerts[j] = s.alertInZone(groups[i].Alerts[j])
		}
	}
	return groups
}
