package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CompanyDraft is company input as a user gives it; nil fields are absent
// (on update they keep their value).
type CompanyDraft struct {
	Name    *string
	NIT     *string // "" clears it
	Contact *string // an e-mail address; "" clears it
	Active  *bool
	// Responsibilities replaces the company's tax-calendar obligations
	// (taxcal codes; an empty list clears them).
	Responsibilities *[]string
}

// CompanyInUseError refuses to delete a company that still has alerts unless
// the deletion is forced. It is an ErrConflict.
type CompanyInUseError struct {
	Name           string
	Open, Resolved int
}

func (e *CompanyInUseError) Error() string {
	return fmt.Sprintf("la empresa %q tiene %d alertas abiertas y %d resueltas", e.Name, e.Open, e.Resolved)
}

func (e *CompanyInUseError) Unwrap() error { return ErrConflict }

// What is wrong with a company or an alert.
const (
	CodeCompanyNameRequired Code = "empresa.nombre.obligatorio"
	CodeContactInvalid      Code = "empresa.contacto.invalido"
	CodeCompanyRequired     Code = "alerta.empresa.obligatoria"
	CodeCompanyUnknown      Code = "alerta.empresa.desconocida"
	CodeTitleRequired       Code = "alerta.titulo.obligatorio"
	CodeTitleTooLong        Code = "alerta.titulo.largo"
	CodeDetailTooLong       Code = "alerta.detalle.largo"
	CodeDateInvalid         Code = "alerta.vence_el.invalida"
	CodePriorityRequired    Code = "alerta.prioridad.obligatoria"
	CodeNoteTooLong         Code = "alerta.nota.larga"
)

const (
	maxTitleLen  = 200
	maxDetailLen = 4000
	maxNoteLen   = 2000
)

// CreateCompany validates and saves a company; it is active unless d says otherwise.
func (s *Service) CreateCompany(ctx context.Context, d CompanyDraft) (Company, error) {
	c, err := buildCompany(Company{Active: true}, d, true)
	if err != nil {
		return Company{}, err
	}
	c.CreatedAt = s.clock.Now()
	if c, err = s.store.CreateCompany(ctx, c); err != nil {
		return Company{}, fmt.Errorf("create company %q: %w", c.Name, err)
	}
	if len(c.Responsibilities) > 0 {
		s.regenerateCompany(ctx, c.ID)
	}
	c.CreatedAt = c.CreatedAt.In(s.location())
	return c, nil
}

// UpdateCompany lays d over company id and saves it.
func (s *Service) UpdateCompany(ctx context.Context, id int64, d CompanyDraft) (Company, error) {
	current, err := s.store.Company(ctx, id)
	if err != nil {
		return Company{}, fmt.Errorf("load company %d: %w", id, err)
	}
	c, err := buildCompany(current, d, false)
	if err != nil {
		return Company{}, err
	}
	if c, err = s.store.UpdateCompany(ctx, c); err != nil {
		return Company{}, fmt.Errorf("update company %d: %w", id, err)
	}
	if calendarMoves(current, c) {
		s.regenerateCompany(ctx, c.ID)
	}
	c.CreatedAt = c.CreatedAt.In(s.location())
	return c, nil
}

// DeleteCompany removes company id. While it has alerts (open or resolved:
// resolved history is never lost silently) it refuses with a
// *CompanyInUseError unless force, which deletes the alerts too.
func (s *Service) DeleteCompany(ctx context.Context, id int64, force bool) error {
	c, err := s.store.Company(ctx, id)
	if err != nil {
		return fmt.Errorf("load company %d: %w", id, err)
	}
	if !force {
		as, err := s.store.Alerts(ctx, AlertFilter{CompanyID: id})
		if err != nil {
			return fmt.Errorf("load alerts of company %d: %w", id, err)
		}
		if len(as) > 0 {
			inUse := &CompanyInUseError{Name: c.Name}
			for _, a := range as {
				if a.Open {
					inUse.Open++
				} else {
					inUse.Resolved++
				}
			}
			return fmt.Errorf("delete company %d: %w", id, inUse)
		}
	}
	if err := s.store.DeleteCompany(ctx, id); err != nil {
		return fmt.Errorf("delete company %d: %w", id, err)
	}
	return nil
}

// Company returns one company.
func (s *Service) Company(ctx context.Context, id int64) (Company, error) {
	c, err := s.store.Company(ctx, id)
	if err != nil {
		return Company{}, fmt.Errorf("load company %d: %w", id, err)
	}
	c.CreatedAt = c.CreatedAt.In(s.location())
	return c, nil
}

// Companies returns every company, by name.
func (s *Service) Companies(ctx context.Context) ([]Company, error) {
	cs, err := s.store.Companies(ctx)
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	for i := range cs {
		cs[i].CreatedAt = cs[i].CreatedAt.In(s.location())
	}
	return cs, nil
}

func buildCompany(c Company, d CompanyDraft, create bool) (Company, error) {
	errs := fieldErrors{}
	if d.Name != nil || create {
		c.Name = strings.TrimSpace(deref(d.Name))
		switch {
		case c.Name == "":
			errs.add("nombre", CodeCompanyNameRequired, nil)
		case utf8.RuneCountInString(c.Name) > maxNameLen:
			errs.add("nombre", CodeNameTooLong, Args{"Max": maxNameLen})
		default:
			checkLine(errs, "nombre", c.Name)
		}
	}
	if d.NIT != nil {
		c.NIT = ""
		if raw := strings.TrimSpace(*d.NIT); raw != "" {
			nit, problem := NormalizeNIT(raw)
			if problem != nil {
				errs.add("nit", problem.Code, problem.Args)
			}
			c.NIT = nit
		}
	}
	if d.Contact != nil {
		c.Contact = strings.TrimSpace(*d.Contact)
		if c.Contact != "" && !ValidAddress(c.Contact) {
			errs.add("contacto", CodeContactInvalid, Args{"Value": c.Contact})
		}
	}
	if d.Active != nil {
		c.Active = *d.Active
	}
	if d.Responsibilities != nil {
		codes, problem := CheckResponsibilities(*d.Responsibilities)
		if problem != nil {
			errs.add("responsabilidades", problem.Code, problem.Args)
		}
		c.Responsibilities = codes
	}
	return c, errs.err()
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
	return s.alertOut(ctx, a)
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
	markEdited(current, &a)
	a.UpdatedAt = s.clock.Now()
	if a, err = s.store.UpdateAlert(ctx, a); err != nil {
		return Alert{}, fmt.Errorf("update alert %d: %w", id, err)
	}
	return s.alertOut(ctx, a)
}

// ResolveAlert closes alert id with an optional note; resolving a resolved
// alert changes nothing.
func (s *Service) ResolveAlert(ctx context.Context, id int64, note string) (Alert, error) {
	errs := fieldErrors{}
	note = checkText(errs, "nota", strings.TrimSpace(note))
	if utf8.RuneCountInString(note) > maxNoteLen {
		errs.add("nota", CodeNoteTooLong, Args{"Max": maxNoteLen})
	}
	if err := errs.err(); err != nil {
		return Alert{}, err
	}
	a, err := s.store.Alert(ctx, id)
	if err != nil {
		return Alert{}, fmt.Errorf("load alert %d: %w", id, err)
	}
	if !a.Open {
		return s.alertOut(ctx, a)
	}
	now := s.clock.Now()
	a.Open, a.ResolvedAt, a.UpdatedAt, a.ResolutionNote = false, now, now, note
	if a, err = s.store.UpdateAlert(ctx, a); err != nil {
		return Alert{}, fmt.Errorf("resolve alert %d: %w", id, err)
	}
	return s.alertOut(ctx, a)
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
	return s.alertOut(ctx, a)
}

// Alerts returns the alerts matching f (its Priority is the given one), by ID.
func (s *Service) Alerts(ctx context.Context, f AlertFilter) ([]Alert, error) {
	x, err := s.escalator(ctx)
	if err != nil {
		return nil, err
	}
	as, err := s.store.Alerts(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	for i := range as {
		x.fill(&as[i])
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
		a.Detail = checkText(errs, "detalle", strings.TrimSpace(*d.Detail))
	}
	if d.Priority != nil {
		p, ok := ParsePriority(*d.Priority)
		if !ok {
			errs.add("prioridad", CodePriorityUnknown, Args{"Value": *d.Priority})
		}
		a.Priority = p
	}
	if d.DueOn != nil {
		a.DueOn = time.Time{}
		if v := strings.TrimSpace(*d.DueOn); v != "" {
			due, problem := ParseDate(v, time.UTC)
			if problem != nil {
				errs.add("vence_el", problem.Code, problem.Args)
			}
			a.DueOn = due
		}
	}
	switch {
	case a.CompanyID <= 0 && (create || d.CompanyID != nil):
		errs.add("empresa_id", CodeCompanyRequired, nil)
	case d.CompanyID != nil:
		if _, err := s.store.Company(ctx, a.CompanyID); err != nil {
			errs.add("empresa_id", CodeCompanyUnknown, Args{"ID": a.CompanyID})
		}
	}
	switch {
	case a.Title == "":
		errs.add("titulo", CodeTitleRequired, nil)
	case utf8.RuneCountInString(a.Title) > maxTitleLen:
		errs.add("titulo", CodeTitleTooLong, Args{"Max": maxTitleLen})
	default:
		checkLine(errs, "titulo", a.Title)
	}
	if utf8.RuneCountInString(a.Detail) > maxDetailLen {
		errs.add("detalle", CodeDetailTooLong, Args{"Max": maxDetailLen})
	}
	if a.Priority == "" {
		errs.add("prioridad", CodePriorityRequired, nil)
	}
	return a, errs.err()
}

// alertOut is a as the service returns it: effective priority filled, times in its zone.
func (s *Service) alertOut(ctx context.Context, a Alert) (Alert, error) {
	x, err := s.escalator(ctx)
	if err != nil {
		return Alert{}, err
	}
	x.fill(&a)
	return s.alertInZone(a), nil
}

func (s *Service) alertInZone(a Alert) Alert {
	a.CreatedAt = a.CreatedAt.In(s.location())
	a.UpdatedAt = a.UpdatedAt.In(s.location())
	if !a.ResolvedAt.IsZero() {
		a.ResolvedAt = a.ResolvedAt.In(s.location())
	}
	return a
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
