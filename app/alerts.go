package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CompanyDraft is company input as a user gives it.
type CompanyDraft struct {
	Name *string
	NIT  *string
}

// AlertDraft is alert input as a user gives it; nil fields are absent (on
// update they keep their value). DueOn "" clears the due date.
type AlertDraft struct {
	CompanyID *int64
	Title     *string
	Detail    *string
	Priority  *string
	DueOn     *string // "YYYY-MM-DD"
}

const (
	maxTitleLen  = 200
	maxDetailLen = 4000
	maxNITLen    = 20
)

// CreateCompany validates and saves a company.
func (s *Service) CreateCompany(ctx context.Context, d CompanyDraft) (Company, error) {
	errs := fieldErrors{}
	c := Company{Name: strings.TrimSpace(deref(d.Name)), NIT: strings.TrimSpace(deref(d.NIT))}
	switch {
	case c.Name == "":
		errs.add("nombre", "El nombre de la empresa es obligatorio.")
	case utf8.RuneCountInString(c.Name) > maxNameLen:
		errs.add("nombre", fmt.Sprintf("El nombre admite como máximo %d caracteres.", maxNameLen))
	}
	if c.NIT != "" && (len(c.NIT) > maxNITLen || strings.Trim(c.NIT, "0123456789.- ") != "") {
		errs.add("nit", fmt.Sprintf("NIT inválido %q: use solo dígitos, puntos y guion (por ejemplo 900.123.456-7).", c.NIT))
	}
	if err := errs.err(); err != nil {
		return Company{}, err
	}
	c.CreatedAt = s.clock.Now()
	c, err := s.store.CreateCompany(ctx, c)
	if err != nil {
		return Company{}, fmt.Errorf("create company %q: %w", c.Name, err)
	}
	c.CreatedAt = c.CreatedAt.In(s.loc)
	return c, nil
}

// Companies returns every company, by name.
func (s *Service) Companies(ctx context.Context) ([]Company, error) {
	cs, err := s.store.Companies(ctx)
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	for i := range cs {
		cs[i].CreatedAt = cs[i].CreatedAt.In(s.loc)
	}
	return cs, nil
}

// CreateAlert validates and saves a new open alert.
func (s *Service) CreateAlert(ctx context.Context, d AlertDraft) (Alert, error) {
	a, err := s.buildAlert(ctx, Alert{Open: true}, d, true)
	if err != nil {
		return Alert{}, err
	}
	a.CreatedAt, a.UpdatedAt = s.clock.Now(), s.clock.Now()
	if a, err = s.store.CreateAlert(ctx, a); err != nil {
		return Alert{}, fmt.Errorf("create alert: %w", err)
	}
	return s.alertInZone(a), nil
}

// UpdateAlert lays d over alert id and saves it.
func (s *Service) UpdateAlert(ctx context.Context, id int64, d AlertDraft) (Alert, error) {
	current, err := s.store.Alert(ctx, id)
	if err != nil {
		return Alert{}, fmt.Errorf("load alert %d: %w", id, err)
	}
	a, err := s.buildAlert(ctx, current, d, false)
	if err != nil {
		return Alert{}, err
	}
	a.UpdatedAt = s.clock.Now()
	if a, err = s.store.UpdateAlert(ctx, a); err != nil {
		return Alert{}, fmt.Errorf("update alert %d: %w", id, err)
	}
	return s.alertInZone(a), nil
}

// ResolveAlert closes alert id; resolving a resolved alert changes nothing.
func (s *Service) ResolveAlert(ctx context.Context, id int64) (Alert, error) {
	a, err := s.store.Alert(ctx, id)
	if err != nil {
		return Alert{}, fmt.Errorf("load alert %d: %w", id, err)
	}
	if !a.Open {
		return s.alertInZone(a), nil
	}
	now := s.clock.Now()
	a.Open, a.ResolvedAt, a.UpdatedAt = false, now, now
	if a, err = s.store.UpdateAlert(ctx, a); err != nil {
		return Alert{}, fmt.Errorf("resolve alert %d: %w", id, err)
	}
	return s.alertInZone(a), nil
}

// DeleteAlert removes alert id.
func (s *Service) DeleteAlert(ctx context.Context, id int64) error {
	if err := s.store.DeleteAlert(ctx, id); err != nil {
		return fmt.Errorf("delete alert %d: %w", id, err)
	}
	return nil
}

// Alert returns one alert.
func (s *Service) Alert(ctx context.Context, id int64) (Alert, error) {
	a, err := s.store.Alert(ctx, id)
	if err != nil {
		return Alert{}, fmt.Errorf("load alert %d: %w", id, err)
	}
	return s.alertInZone(a), nil
}

// Alerts returns the alerts matching f.
func (s *Service) Alerts(ctx context.Context, f AlertFilter) ([]Alert, error) {
	as, err := s.store.Alerts(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	for i := range as {
		as[i] = s.alertInZone(as[i])
	}
	return as, nil
}

func (s *Service) buildAlert(ctx context.Context, a Alert, d AlertDraft, create bool) (Alert, error) {
	errs := fieldErrors{}
	if d.CompanyID != nil {
		a.CompanyID = *d.CompanyID
	}
	if d.Title != nil {
		a.Title = strings.TrimSpace(*d.Title)
	}
	if d.Detail != nil {
		a.Detail = strings.TrimSpace(*d.Detail)
	}
	if d.Priority != nil {
		p, ok := ParsePriority(*d.Priority)
		if !ok {
			errs.add("prioridad", fmt.Sprintf("Prioridad desconocida %q: use CRITICA, ALTA, MEDIA o BAJA.", *d.Priority))
		}
		a.Priority = p
	}
	if d.DueOn != nil {
		a.DueOn = time.Time{}
		if v := strings.TrimSpace(*d.DueOn); v != "" {
			due, err := time.Parse(DateLayout, v)
			if err != nil {
				errs.add("vence_el", fmt.Sprintf("Fecha inválida %q: use el formato AAAA-MM-DD.", v))
			}
			a.DueOn = due
		}
	}
	switch {
	case a.CompanyID <= 0 && (create || d.CompanyID != nil):
		errs.add("empresa_id", "La empresa es obligatoria (empresa_id).")
	case d.CompanyID != nil:
		if _, err := s.store.Company(ctx, a.CompanyID); err != nil {
			errs.add("empresa_id", fmt.Sprintf("No existe la empresa %d.", a.CompanyID))
		}
	}
	switch {
	case a.Title == "":
		errs.add("titulo", "El título es obligatorio.")
	case utf8.RuneCountInString(a.Title) > maxTitleLen:
		errs.add("titulo", fmt.Sprintf("El título admite como máximo %d caracteres.", maxTitleLen))
	}
	if utf8.RuneCountInString(a.Detail) > maxDetailLen {
		errs.add("detalle", fmt.Sprintf("El detalle admite como máximo %d caracteres.", maxDetailLen))
	}
	if a.Priority == "" {
		errs.add("prioridad", "La prioridad es obligatoria: CRITICA, ALTA, MEDIA o BAJA.")
	}
	return a, errs.err()
}

func (s *Service) alertInZone(a Alert) Alert {
	a.CreatedAt = a.CreatedAt.In(s.loc)
	a.UpdatedAt = a.UpdatedAt.In(s.loc)
	if !a.ResolvedAt.IsZero() {
		a.ResolvedAt = a.ResolvedAt.In(s.loc)
	}
	return a
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
