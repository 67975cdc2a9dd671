package app

import (
	"fmt"
	"io"
	"strconv"
)

// sampleAlert is one row of the sample import file: an alert of one of the
// demo companies, due so many days from today (0: no due date).
type sampleAlert struct {
	company                 int // index in demoCompanies
	title, detail, priority string
	dueInDays               int
}

// sampleAlerts are the rows of the sample file. Their companies are the demo
// data's, NIT included, so importing the sample into the demo adds alerts to
// the same clients. Every due date is far enough ahead (more than the default
// escalation's 7 days) that each alert keeps the priority it is written with.
var sampleAlerts = []sampleAlert{
	{0, "Declaración de renta", "Año gravable anterior (formulario 110)", "ALTA", 45},
	{0, "Resolución de facturación electrónica", "Quedan 120 números: pedir una nueva a la DIAN", "MEDIA", 60},
	{1, "Pago de seguridad social (PILA)", "Aportes del mes: salud, pensión y riesgos laborales", "CRITICA", 10},
	{1, "Certificados de retención a proveedores", "Expedir los certificados del año anterior", "ALTA", 20},
	{2, "Renovar matrícula mercantil", "Cámara de Comercio, antes del 31 de marzo", "BAJA", 120},
	{2, "Cartera vencida", "Revisar cartera a más de 90 días; llamar a los tres mayores deudores", "MEDIA", 0},
}

// SampleAlertsCSV writes an example file for ImportAlerts (the columns of
// ImportColumns, for Excel like the exports) whose due dates are counted from
// today in the configured zone, so that the sample is never out of date: its
// alerts import with the priorities they are written with.
func (s *Service) SampleAlertsCSV(w io.Writer) error {
	today := s.today()
	rows := make([][]string, len(sampleAlerts))
	for i, a := range sampleAlerts {
		c := demoCompanies[a.company]
		due := ""
		if a.dueInDays != 0 {
			due = today.AddDate(0, 0, a.dueInDays).Format("02/01/2006") // as Excel in Spanish writes dates
		}
		rows[i] = []string{c.name, c.nit(), a.title, a.detail, a.priority, due}
	}
	if err := writeCSV(w, ImportColumns, rows); err != nil {
		return fmt.Errorf("write sample alerts CSV: %w", err)
	}
	return nil
}

// nit is the company's NIT with its check digit.
func (c demoCompany) nit() string {
	return c.nitBase + "-" + strconv.Itoa(NITCheckDigit(c.nitBase))
}
