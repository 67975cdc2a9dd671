package app

import (
	"context"
	"fmt"
	"io"
	"time"
)

// An import reads a CSV file of alerts in three steps, one file each:
// alertimportcsv.go reads Excel's file into rows by column name,
// alertimportrow.go checks each row's fields, and alertimportplan.go matches
// the rows to the companies and alerts already saved.

// ImportColumns are the columns of an alerts CSV file, in the order exports write them.
var ImportColumns = []string{"empresa", "nit", "titulo", "detalle", "prioridad", "vence_el"}

// MaxImportRows bounds one import.
const MaxImportRows = 5000

// Import actions, as the API names them.
const (
	ImportCreate = "crear"
	ImportUpdate = "actualizar"
	// ImportCompanyOnly is a row without an alert (a file with the
	// responsabilidades column may list companies alone): it creates or
	// updates its company only, and its Alert is zero.
	ImportCompanyOnly = "empresa"
)

// ImportItem is one row of an import, ready to save: Company.ID 0 is a new
// company (rows of one new company share its name), Alert.ID 0 a new alert;
// Alert.CompanyID is filled in when the company is saved.
type ImportItem struct {
	Line       int
	Company    Company
	Alert      Alert
	Action     string // ImportCreate or ImportUpdate (the alert), or ImportCompanyOnly
	NewCompany bool   // this row's company is created by the import
	// SetResponsibilities: the row's responsabilidades cell replaces its
	// company's tax-calendar obligations with Company.Responsibilities
	// (every row of that company then carries the same list), in the
	// import's transaction.
	SetResponsibilities bool
}

// ImportResult says what an import did, or would do on a dry run.
type ImportResult struct {
	DryRun           bool
	Items            []ImportItem
	CompaniesCreated int
	AlertsCreated    int
	AlertsUpdated    int
	// Responsibilities are the companies whose tax-calendar obligations the
	// import changes, in the file's order.
	Responsibilities []ResponsibilityChange
	// calendar: the import changes what the calendar alerts follow (a
	// company's obligations, or the NIT of a company that has some).
	calendar bool
}

// ResponsibilityChange is one company's obligations before and after an import.
type ResponsibilityChange struct {
	Company       string
	NewCompany    bool
	Before, After []string
}

// What an import did, or would do: a summary of counts, each a plural by N.
const (
	CodeImportDone          Code = "importar.resumen.hecho"      // Alerts, Updated, Companies: counts
	CodeImportDryRun        Code = "importar.resumen.simulacion" // Alerts, Updated, Companies: counts
	CodeImportNewAlerts     Code = "importar.cuenta.alertas_nuevas"
	CodeImportUpdatedAlerts Code = "importar.cuenta.alertas_actualizadas"
	CodeImportNewCompanies  Code = "importar.cuenta.empresas_nuevas"
	CodeImportAlerts        Code = "importar.cuenta.alertas"
	CodeImportCompanies     Code = "importar.cuenta.empresas"
)

// Summary says what the import did, or on a dry run what it would do.
func (r ImportResult) Summary() Message {
	if len(r.Responsibilities) > 0 {
		return r.calendarSummary()
	}
	if r.DryRun {
		return Msg(CodeImportDryRun, Args{
			"Alerts":    Msg(CodeImportNewAlerts, Args{"N": r.AlertsCreated}),
			"Updated":   Msg(CodeImportAlerts, Args{"N": r.AlertsUpdated}),
			"Companies": Msg(CodeImportCompanies, Args{"N": r.CompaniesCreated}),
		})
	}
	return Msg(CodeImportDone, Args{
		"Alerts":    Msg(CodeImportNewAlerts, Args{"N": r.AlertsCreated}),
		"Updated":   Msg(CodeImportUpdatedAlerts, Args{"N": r.AlertsUpdated}),
		"Companies": Msg(CodeImportNewCompanies, Args{"N": r.CompaniesCreated}),
	})
}

// The summary of an import that changes companies' obligations: the counts
// above and how many companies' obligations change.
const (
	CodeImportDoneObligations   Code = "importar.resumen.hecho_responsabilidades"      // Alerts, Updated, Companies, Obligations
	CodeImportDryRunObligations Code = "importar.resumen.simulacion_responsabilidades" // Alerts, Updated, Companies, Obligations
)

func (r ImportResult) calendarSummary() Message {
	if r.DryRun {
		return Msg(CodeImportDryRunObligations, Args{
			"Alerts":      Msg(CodeImportNewAlerts, Args{"N": r.AlertsCreated}),
			"Updated":     Msg(CodeImportAlerts, Args{"N": r.AlertsUpdated}),
			"Companies":   Msg(CodeImportCompanies, Args{"N": r.CompaniesCreated}),
			"Obligations": Msg(CodeImportCompanies, Args{"N": len(r.Responsibilities)}),
		})
	}
	return Msg(CodeImportDoneObligations, Args{
		"Alerts":      Msg(CodeImportNewAlerts, Args{"N": r.AlertsCreated}),
		"Updated":     Msg(CodeImportUpdatedAlerts, Args{"N": r.AlertsUpdated}),
		"Companies":   Msg(CodeImportNewCompanies, Args{"N": r.CompaniesCreated}),
		"Obligations": Msg(CodeImportCompanies, Args{"N": len(r.Responsibilities)}),
	})
}

// ImportAlerts reads a CSV file of alerts (see ImportColumns) and saves it in
// one transaction, unless dryRun. The whole file is checked first: any bad
// row and nothing is saved, and the *ValidationError names every bad row
// ("linea N"). A row matching an alert of the same company, title and due
// date updates that alert (a re-import creates no duplicates); unknown
// companies are created.
func (s *Service) ImportAlerts(ctx context.Context, file io.Reader, dryRun bool) (ImportResult, error) {
	raw, err := io.ReadAll(file)
	if err != nil {
		return ImportResult{}, fmt.Errorf("read import file: %w", err)
	}
	text, err := decodeText(raw)
	if err != nil {
		return ImportResult{}, err
	}
	rows, err := parseAlertsCSV(text)
	if err != nil {
		return ImportResult{}, err
	}
	plan, err := s.planImport(ctx, rows)
	if err != nil {
		return ImportResult{}, err
	}
	plan.DryRun = dryRun
	if dryRun || len(plan.Items) == 0 {
		return plan, nil
	}
	stampImport(plan.Items, s.clock.Now())
	if plan.Items, err = s.store.ImportAlerts(ctx, plan.Items); err != nil {
		return ImportResult{}, fmt.Errorf("import alerts: %w", err)
	}
	if plan.calendar {
		// The import is saved; a failed regeneration is retried by the daily one.
		if _, err := s.RegenerateCalendar(ctx); err != nil {
			s.log.Error("no se pudo regenerar el calendario tras la importación", "error", err)
		}
	}
	return plan, nil
}

// stampImport dates what the import creates and updates.
func stampImport(items []ImportItem, now time.Time) {
	for i := range items {
		it := &items[i]
		if it.Company.ID == 0 {
			it.Company.CreatedAt = now
		}
		if it.Alert.ID == 0 {
			it.Alert.CreatedAt = now
		}
		it.Alert.UpdatedAt = now
	}
}
