package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"vigia/app/taxcal"
)

// DeadlineQuery asks GET /api/calendario/vencimientos: text as given.
type DeadlineQuery struct {
	Obligation string
	NIT        string // with or without its check digit; "" only for obligations keyed by no digit
	From, To   string // YYYY-MM-DD; From "" is today, To "" is a year after From
}

// MaxDeadlineYears bounds the range of one due-date question.
const MaxDeadlineYears = 5

// What is wrong with a due-date question or a company's responsibilities.
const (
	// CodeObligationRequired: no obligation was named.
	CodeObligationRequired Code = "calendario.obligacion.obligatoria"
	// CodeObligationUnknown: Value names no obligation.
	CodeObligationUnknown Code = "calendario.obligacion.desconocida"
	// CodeDeadlineNITRequired: Obligation (its name) is keyed by the NIT, and none was given.
	CodeDeadlineNITRequired Code = "calendario.nit.obligatorio"
	// CodeDeadlineRangeReversed: To (hasta) is before From (desde).
	CodeDeadlineRangeReversed Code = "calendario.rango.invertido"
	// CodeDeadlineRangeTooLong: the range spans more than Max years.
	CodeDeadlineRangeTooLong Code = "calendario.rango.largo"
	// CodeResponsibilityUnknown: Value is not an obligation code (responsabilidades).
	CodeResponsibilityUnknown Code = "empresa.responsabilidad.desconocida"
)

// CalendarObligations lists the obligations a company may owe.
func (s *Service) CalendarObligations() []taxcal.Obligation { return taxcal.Obligations() }

// Deadlines answers a due-date question; bad input is a *ValidationError
// keyed by obligacion, nit, desde and hasta. A due date a company with that
// NIT changed in its alert reads as that company set it, estado editada.
func (s *Service) Deadlines(ctx context.Context, q DeadlineQuery) ([]taxcal.Deadline, error) {
	ask, err := s.checkDeadlineQuery(q)
	if err != nil {
		return nil, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, err
	}
	ds := cal.cal.Deadlines(ask.obligation.Code, ask.base, ask.from, ask.to)
	if ask.base == "" || len(ds) == 0 {
		return ds, nil
	}
	return s.withEdits(ctx, ds, ask.base)
}

// deadlineAsk is a DeadlineQuery read: the obligation, the NIT without its
// check digit, and the range of due dates.
type deadlineAsk struct {
	obligation taxcal.Obligation
	base       string
	from, to   time.Time
}

// checkDeadlineQuery reads q.
func (s *Service) checkDeadlineQuery(q DeadlineQuery) (deadlineAsk, error) {
	errs := fieldErrors{}
	code := strings.TrimSpace(q.Obligation)
	o, known := taxcal.ObligationByCode(code)
	switch {
	case code == "":
		errs.add("obligacion", CodeObligationRequired, nil)
	case !known:
		errs.add("obligacion", CodeObligationUnknown, Args{"Value": q.Obligation})
	}
	base := ""
	if raw := strings.TrimSpace(q.NIT); raw != "" {
		nit, problem := NormalizeNIT(raw)
		if problem != nil {
			errs.add("nit", problem.Code, problem.Args)
		}
		base = nitBase(nit)
	} else if known && o.Key != taxcal.KeyNone {
		errs.add("nit", CodeDeadlineNITRequired, Args{"Obligation": o.Name})
	}
	from := s.today()
	if v := strings.TrimSpace(q.From); v != "" {
		d, problem := ParseDate(v, time.UTC)
		if problem != nil {
			errs.add("desde", problem.Code, problem.Args)
		}
		from = d
	}
	to := from.AddDate(1, 0, 0)
	if v := strings.TrimSpace(q.To); v != "" {
		d, problem := ParseDate(v, time.UTC)
		if problem != nil {
			errs.add("hasta", problem.Code, problem.Args)
		}
		to = d
	}
	_, badFrom := errs["desde"]
	_, badTo := errs["hasta"]
	if !badFrom && !badTo {
		switch {
		case to.Before(from):
			errs.add("hasta", CodeDeadlineRangeReversed, Args{"From": from.Format(DateLayout), "To": to.Format(DateLayout)})
		case to.After(from.AddDate(MaxDeadlineYears, 0, 0)):
			errs.add("hasta", CodeDeadlineRangeTooLong, Args{"Max": MaxDeadlineYears})
		}
	}
	return deadlineAsk{o, base, from, to}, errs.err()
}

// withEdits lays over ds the due dates that a company with the NIT base
// changed in its alert (estado editada).
func (s *Service) withEdits(ctx context.Context, ds []taxcal.Deadline, base string) ([]taxcal.Deadline, error) {
	companies, err := s.store.Companies(ctx)
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	ids := map[int64]bool{}
	for _, c := range companies {
		if c.NIT != "" && nitBase(c.NIT) == base {
			ids[c.ID] = true
		}
	}
	if len(ids) == 0 {
		return ds, nil
	}
	alerts, err := s.store.CalendarAlerts(ctx)
	if err != nil {
		return nil, fmt.Errorf("load the calendar's alerts: %w", err)
	}
	edited := map[calendarKey]Alert{}
	for _, a := range alerts {
		if ids[a.CompanyID] && a.Calendar != nil && a.Calendar.State == taxcal.StateEdited && !a.DueOn.IsZero() {
			edited[calendarKey{0, a.Calendar.Obligation, a.Calendar.Period, a.Calendar.Installment}] = a
		}
	}
	for i, d := range ds {
		if a, ok := edited[calendarKey{0, d.Obligation, d.Period, d.Installment}]; ok {
			ds[i].DueOn, ds[i].State = a.DueOn, taxcal.StateEdited
		}
	}
	sortDeadlines(ds)
	return ds, nil
}

// NextDeadlines previews the next n due dates, from today, that codes would
// give a company with nit (the company dialog shows them as boxes are
// ticked). Unknown codes, and codes keyed by a NIT when nit is not a valid
// one, give none.
func (s *Service) NextDeadlines(nit string, codes []string, n int) []taxcal.Deadline {
	if n <= 0 {
		return nil
	}
	base := ""
	if raw := strings.TrimSpace(nit); raw != "" {
		if norm, problem := NormalizeNIT(raw); problem == nil {
			base = nitBase(norm)
		}
	}
	cal := s.currentCalendar().cal
	today := s.today()
	var out []taxcal.Deadline
	for _, code := range codes {
		o, ok := taxcal.ObligationByCode(code)
		if !ok || (o.Key != taxcal.KeyNone && base == "") {
			continue
		}
		ds := cal.Deadlines(code, base, today, today.AddDate(1, 1, 0))
		out = append(out, ds[:min(n, len(ds))]...)
	}
	sortDeadlines(out)
	return out[:min(n, len(out))]
}

// sortDeadlines orders due dates by date, then obligation (catalog order),
// period and installment.
func sortDeadlines(ds []taxcal.Deadline) {
	rank := map[string]int{}
	for i, o := range taxcal.Obligations() {
		rank[o.Code] = i
	}
	slices.SortStableFunc(ds, func(a, b taxcal.Deadline) int {
		return cmp.Or(a.DueOn.Compare(b.DueOn), cmp.Compare(rank[a.Obligation], rank[b.Obligation]),
			cmp.Compare(a.Period, b.Period), cmp.Compare(a.Installment, b.Installment))
	})
}
