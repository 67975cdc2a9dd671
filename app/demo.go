package app

import (
	"context"
	"fmt"
	"time"
)

// DemoSummary says what LoadDemo created.
type DemoSummary struct {
	Companies, Alerts, Triggers int
}

// ErrNotEmpty refuses demo data on a database that already holds the user's own.
var ErrNotEmpty = fmt.Errorf("%w: la base de datos ya tiene triggers o empresas; los datos de ejemplo solo se cargan en una base nueva", ErrConflict)

type demoAlert struct {
	title, detail, priority string
	dueInDays               int // 0: no due date; negative: overdue
}

type demoCompany struct {
	name, nitBase, contact string
	// responsibilities are its tax-calendar obligations: its tax alerts
	// come from the calendar, never typed by hand.
	responsibilities []string
	alerts           []demoAlert // the non-tax ones
}

// demoCompanies are realistic clients of a Colombian accounting office. Due
// dates are relative to today, so escalation shows at once.
var demoCompanies = []demoCompany{
	{"Panadería La Espiga S.A.S.", "901234567", "gerencia@laespiga.com.co",
		[]string{"retencion_fuente", "iva_bimestral", "renta_personas_juridicas"}, nil},
	{"Transportes del Valle Ltda.", "800456789", "contabilidad@transvalle.co",
		[]string{"retencion_fuente", "iva_bimestral", "renta_grandes_contribuyentes"}, []demoAlert{
			{"Facturas vencidas de clientes", "Tres facturas con más de 60 días de mora.", "ALTA", -3},
			{"Renovación de la matrícula mercantil", "Cámara de Comercio de Cali.", "BAJA", 30},
		}},
	{"Ferretería El Tornillo", "900987654", "",
		[]string{"retencion_fuente", "iva_cuatrimestral", "renta_personas_juridicas"}, []demoAlert{
			{"Resolución de facturación por vencer", "La numeración autorizada vence pronto: solicitar una nueva resolución.", "MEDIA", 5},
		}},
	{"Clínica Dental Sonrisas S.A.S.", "901555333", "admin@sonrisas.com.co",
		[]string{"retencion_fuente", "iva_cuatrimestral", "renta_personas_juridicas", "ica_bogota_bimestral"}, []demoAlert{
			{"Conciliación bancaria pendiente", "Diferencias sin explicar en la cuenta corriente.", "BAJA", 0},
		}},
	{"Agroinsumos La Pradera S.A.", "890321654", "",
		[]string{"retencion_fuente", "iva_bimestral", "renta_grandes_contribuyentes"}, []demoAlert{
			{"Inventario de fin de año", "Conteo físico de la bodega antes del cierre contable.", "MEDIA", 12},
		}},
}

// demoTriggers are the three examples of the user's original document.
var demoTriggers = []TriggerDraft{
	{
		Name: ptrTo("Notificación Diaria"), Description: ptrTo("Envía alertas todos los días a las 8 AM"),
		Frequency: ptrTo("diaria"), Time: ptrTo("08:00"),
		Recipients: ptrTo([]string{"admin@ejemplo.com"}), Priorities: ptrTo([]string{"CRITICA", "ALTA"}),
	},
	{
		Name: ptrTo("Reporte Semanal"), Description: ptrTo("Reporte de lunes y viernes"),
		Frequency: ptrTo("semanal"), Time: ptrTo("15:00"), Weekdays: ptrTo([]string{"lunes", "viernes"}),
		Recipients: ptrTo([]string{"gerente@ejemplo.com"}), Priorities: ptrTo([]string{"CRITICA", "ALTA", "MEDIA"}),
	},
	{
		Name: ptrTo("Monitoreo Cada 4 Horas"), Description: ptrTo("Revisa cada 4 horas"),
		Frequency: ptrTo("personalizada"), IntervalHours: ptrTo(4),
		Recipients: ptrTo([]string{"soporte@ejemplo.com"}), Priorities: ptrTo([]string{"CRITICA"}),
	},
}

// LoadDemo fills a new database with example companies, alerts and the seed's
// three triggers, so a first-time user sees a working Vigía at once. It
// refuses (ErrNotEmpty) when there already are triggers or companies.
func (s *Service) LoadDemo(ctx context.Context) (DemoSummary, error) {
	var sum DemoSummary
	triggers, err := s.store.Triggers(ctx)
	if err != nil {
		return sum, fmt.Errorf("demo: %w", err)
	}
	companies, err := s.store.Companies(ctx)
	if err != nil {
		return sum, fmt.Errorf("demo: %w", err)
	}
	if len(triggers) > 0 || len(companies) > 0 {
		return sum, ErrNotEmpty
	}
	today := s.clock.Now().In(s.location())
	for _, dc := range demoCompanies {
		n, err := s.loadDemoCompany(ctx, dc, today)
		if err != nil {
			return sum, err
		}
		sum.Companies++
		sum.Alerts += n
	}
	sync, err := s.RegenerateCalendar(ctx)
	if err != nil {
		return sum, fmt.Errorf("demo calendar: %w", err)
	}
	sum.Alerts += sync.Created
	for _, d := range demoTriggers {
		if _, err := s.CreateTrigger(ctx, d); err != nil {
			return sum, fmt.Errorf("demo trigger %q: %w", *d.Name, err)
		}
		sum.Triggers++
	}
	return sum, nil
}

// loadDemoCompany saves dc (its calendar alerts are left to one
// regeneration of every company) and its hand-written alerts.
func (s *Service) loadDemoCompany(ctx context.Context, dc demoCompany, today time.Time) (alerts int, err error) {
	c, err := buildCompany(Company{Active: true}, CompanyDraft{
		Name: ptrTo(dc.name), NIT: ptrTo(dc.nit()), Contact: ptrTo(dc.contact), Responsibilities: ptrTo(dc.responsibilities),
	}, true)
	if err != nil {
		return 0, fmt.Errorf("demo company %q: %w", dc.name, err)
	}
	c.CreatedAt = s.clock.Now()
	if c, err = s.store.CreateCompany(ctx, c); err != nil {
		return 0, fmt.Errorf("demo company %q: %w", dc.name, err)
	}
	for _, da := range dc.alerts {
		d := AlertDraft{CompanyID: &c.ID, Title: ptrTo(da.title), Detail: ptrTo(da.detail), Priority: ptrTo(da.priority)}
		if da.dueInDays != 0 {
			d.DueOn = ptrTo(time.Date(today.Year(), today.Month(), today.Day()+da.dueInDays, 0, 0, 0, 0, time.UTC).Format(DateLayout))
		}
		if _, err := s.CreateAlert(ctx, d); err != nil {
			return alerts, fmt.Errorf("demo alert %q: %w", da.title, err)
		}
		alerts++
	}
	return alerts, nil
}

func ptrTo[T any](v T) *T { return &v }
