package app

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ImportColumns are the columns of an alerts CSV file, in the order exports write them.
var ImportColumns = []string{"empresa", "nit", "titulo", "detalle", "prioridad", "vence_el"}

// exportOnlyColumns are written by the alerts export and ignored on import,
// so an exported file can be imported again.
var exportOnlyColumns = map[string]bool{
	"id": true, "prioridad_efectiva": true, "estado": true, "resuelta_en": true, "nota_resolucion": true,
	"creado_en": true, "actualizado_en": true,
}

// MaxImportRows bounds one import.
const MaxImportRows = 5000

// Import actions, as the API names them.
const (
	ImportCreate = "crear"
	ImportUpdate = "actualizar"
)

// ImportItem is one row of an import, ready to save: Company.ID 0 is a new
// company (rows of one new company share its name), Alert.ID 0 a new alert;
// Alert.CompanyID is filled in when the company is saved.
type ImportItem struct {
	Line       int
	Company    Company
	Alert      Alert
	Action     string // ImportCreate or ImportUpdate (the alert)
	NewCompany bool   // this row's company is created by the import
}

// ImportResult says what an import did, or would do on a dry run.
type ImportResult struct {
	DryRun           bool
	Items            []ImportItem
	CompaniesCreated int
	AlertsCreated    int
	AlertsUpdated    int
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
	rows, err := parseAlertsCSV(decodeText(raw))
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
	now := s.clock.Now()
	for i := range plan.Items {
		it := &plan.Items[i]
		if it.Company.ID == 0 {
			it.Company.CreatedAt = now
		}
		if it.Alert.ID == 0 {
			it.Alert.CreatedAt = now
		}
		it.Alert.UpdatedAt = now
	}
	if plan.Items, err = s.store.ImportAlerts(ctx, plan.Items); err != nil {
		return ImportResult{}, fmt.Errorf("import alerts: %w", err)
	}
	return plan, nil
}

// csvRow is one data row of the file, by column name.
type csvRow struct {
	line   int
	fields map[string]string
}

// parseAlertsCSV splits the file into rows; errors about the file as a whole
// (no header, a missing column, broken quoting) name the field "archivo".
func parseAlertsCSV(text string) ([]csvRow, error) {
	fileErr := func(format string, args ...any) error {
		return &ValidationError{Fields: map[string]string{"archivo": fmt.Sprintf(format, args...)}}
	}
	header, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffSeparator(header)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.ReuseRecord = false

	names, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fileErr("El archivo está vacío: la primera línea debe tener las columnas %s.", strings.Join(ImportColumns, ","))
	}
	if err != nil {
		return nil, fileErr("No se pudo leer el archivo CSV: %s.", csvProblem(err))
	}
	index := map[string]int{}
	for i, n := range names {
		n = columnName(n)
		switch {
		case n == "" || exportOnlyColumns[n]:
			continue
		case !isImportColumn(n):
			return nil, fileErr("Columna desconocida %q: las columnas son %s.", names[i], strings.Join(ImportColumns, ","))
		}
		if _, dup := index[n]; dup {
			return nil, fileErr("La columna %q aparece dos veces.", n)
		}
		index[n] = i
	}
	for _, need := range []string{"empresa", "titulo", "prioridad"} {
		if _, ok := index[need]; !ok {
			return nil, fileErr("Falta la columna %q: la primera línea debe tener las columnas %s.", need, strings.Join(ImportColumns, ","))
		}
	}

	var rows []csvRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fileErr("No se pudo leer el archivo CSV: %s.", csvProblem(err))
		}
		line, _ := r.FieldPos(0)
		row := csvRow{line: line, fields: map[string]string{}}
		blank := true
		for name, i := range index {
			if i < len(rec) {
				v := strings.TrimSpace(unescapeCell(rec[i]))
				row.fields[name] = v
				blank = blank && v == ""
			}
		}
		if blank { // Excel leaves rows of separators at the end
			continue
		}
		if len(rows) == MaxImportRows {
			return nil, fileErr("El archivo tiene más de %d filas: divídalo en partes.", MaxImportRows)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// sniffSeparator picks ';' (Excel in Spanish) or ',' by what the header uses more.
func sniffSeparator(header string) rune {
	if strings.Count(header, ";") > strings.Count(header, ",") {
		return ';'
	}
	return ','
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Sprintf("comillas mal cerradas en la línea %d", pe.Line)
		}
		return fmt.Sprintf("error en la línea %d", pe.Line)
	}
	return "formato inválido"
}

// columnName folds a header cell: blanks, case, a BOM left by a tool, accents
// of "título" and "vence el".
func columnName(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	s = strings.NewReplacer("í", "i", "é", "e", " ", "_").Replace(s)
	return s
}

func isImportColumn(name string) bool {
	for _, c := range ImportColumns {
		if c == name {
			return true
		}
	}
	return false
}

// planImport checks every row and matches it to the companies and alerts
// already saved.
func (s *Service) planImport(ctx context.Context, rows []csvRow) (ImportResult, error) {
	companies, err := s.store.Companies(ctx)
	if err != nil {
		return ImportResult{}, fmt.Errorf("load companies: %w", err)
	}
	byName := map[string]Company{}
	for _, c := range companies {
		byName[companyKey(c.Name)] = c
	}
	alerts, err := s.store.Alerts(ctx, AlertFilter{})
	if err != nil {
		return ImportResult{}, fmt.Errorf("load alerts: %w", err)
	}
	existing := map[alertKey]Alert{}
	for _, a := range alerts { // by ID: the oldest wins when there are twins
		k := keyOf(a.CompanyID, a.Title, a.DueOn)
		if _, ok := existing[k]; !ok {
			existing[k] = a
		}
	}

	errs := fieldErrors{}
	var res ImportResult
	newCompanies := map[string]Company{} // created by this file, by key
	seen := map[string]int{}             // row identity -> first line
	for _, row := range rows {
		it, problems := parseImportRow(row)
		key := companyKey(it.Company.Name)
		c, known := byName[key]
		if !known {
			c, known = newCompanies[key]
		}
		if known && it.Company.NIT != "" && c.NIT != "" && c.NIT != it.Company.NIT {
			problems = append(problems, fmt.Sprintf("el NIT %s no coincide con el de la empresa %q (%s).", it.Company.NIT, c.Name, c.NIT))
		}
		identity := key + "\x00" + strings.ToLower(it.Alert.Title) + "\x00" + it.Alert.DueOn.Format(DateLayout)
		if first, dup := seen[identity]; dup && it.Alert.Title != "" {
			problems = append(problems, fmt.Sprintf("repite la alerta de la línea %d (misma empresa, título y vencimiento).", first))
		}
		if len(problems) > 0 {
			errs.add(fmt.Sprintf("linea %d", row.line), joinSentences(problems))
			continue
		}
		seen[identity] = row.line
		switch {
		case !known:
			c = Company{Name: it.Company.Name, NIT: it.Company.NIT, Active: true}
			newCompanies[key] = c
			res.CompaniesCreated++
		case c.NIT == "" && it.Company.NIT != "":
			c.NIT = it.Company.NIT // a known company gets the NIT the file gives
			if c.ID == 0 {
				newCompanies[key] = c
			} else {
				byName[key] = c
			}
		}
		it.Company = c
		if a, ok := existing[keyOf(c.ID, it.Alert.Title, it.Alert.DueOn)]; ok && c.ID != 0 {
			a.Detail, a.Priority = it.Alert.Detail, it.Alert.Priority
			it.Alert, it.Action = a, ImportUpdate
			res.AlertsUpdated++
		} else {
			it.Alert.Open, it.Action = true, ImportCreate
			res.AlertsCreated++
		}
		it.NewCompany = c.ID == 0
		res.Items = append(res.Items, it)
	}
	if err := errs.err(); err != nil {
		return ImportResult{}, err
	}
	// A NIT learnt from a later row applies to the earlier rows of its company.
	for i := range res.Items {
		key := companyKey(res.Items[i].Company.Name)
		if c, ok := newCompanies[key]; ok && res.Items[i].Company.ID == 0 {
			res.Items[i].Company = c
		} else if c, ok := byName[key]; ok {
			res.Items[i].Company = c
		}
	}
	x, err := s.escalator(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	for i := range res.Items {
		x.fill(&res.Items[i].Alert)
	}
	return res, nil
}

// parseImportRow checks one row's fields; problems are Spanish sentences.
func parseImportRow(row csvRow) (ImportItem, []string) {
	var problems []string
	f := row.fields
	it := ImportItem{Line: row.line}
	it.Company.Name = strings.Join(strings.Fields(f["empresa"]), " ")
	switch {
	case it.Company.Name == "":
		problems = append(problems, "falta la empresa.")
	case utf8.RuneCountInString(it.Company.Name) > maxNameLen:
		problems = append(problems, fmt.Sprintf("el nombre de la empresa admite como máximo %d caracteres.", maxNameLen))
	}
	if v := f["nit"]; v != "" {
		nit, msg := NormalizeNIT(v)
		if msg != "" {
			problems = append(problems, msg)
		}
		it.Company.NIT = nit
	}
	it.Alert.Title = f["titulo"]
	switch {
	case it.Alert.Title == "":
		problems = append(problems, "falta el título.")
	case utf8.RuneCountInString(it.Alert.Title) > maxTitleLen:
		problems = append(problems, fmt.Sprintf("el título admite como máximo %d caracteres.", maxTitleLen))
	}
	it.Alert.Detail = f["detalle"]
	if utf8.RuneCountInString(it.Alert.Detail) > maxDetailLen {
		problems = append(problems, fmt.Sprintf("el detalle admite como máximo %d caracteres.", maxDetailLen))
	}
	p, ok := ParsePriority(f["prioridad"])
	switch {
	case f["prioridad"] == "":
		problems = append(problems, "falta la prioridad (CRITICA, ALTA, MEDIA o BAJA).")
	case !ok:
		problems = append(problems, fmt.Sprintf("prioridad desconocida %q: use CRITICA, ALTA, MEDIA o BAJA.", f["prioridad"]))
	}
	it.Alert.Priority = p
	if v := f["vence_el"]; v != "" {
		due, ok := parseImportDate(v)
		if !ok {
			problems = append(problems, fmt.Sprintf("fecha inválida %q: use AAAA-MM-DD o DD/MM/AAAA.", v))
		}
		it.Alert.DueOn = due
	}
	return it, problems
}

// parseImportDate reads YYYY-MM-DD or DD/MM/YYYY (days and months may have one digit).
func parseImportDate(v string) (time.Time, bool) {
	for _, layout := range []string{DateLayout, "2/1/2006", "02/01/2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// unescapeCell undoes the apostrophe exports put before a cell that Excel
// would read as a formula.
func unescapeCell(v string) string {
	if len(v) > 1 && v[0] == '\'' && strings.ContainsRune("=+-@", rune(v[1])) {
		return v[1:]
	}
	return v
}

// EscapeCell prefixes an apostrophe to a value Excel would run as a formula.
func EscapeCell(v string) string {
	if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
		return "'" + v
	}
	return v
}

type alertKey struct {
	company int64
	title   string
	due     string
}

func keyOf(companyID int64, title string, due time.Time) alertKey {
	return alertKey{companyID, strings.ToLower(strings.TrimSpace(title)), due.Format(DateLayout)}
}

// companyKey is what makes two company names the same (as the store sees it):
// case and runs of blanks do not count.
func companyKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// joinSentences joins a row's problems as sentences, each starting upper-case.
func joinSentences(problems []string) string {
	out := make([]string, len(problems))
	for i, p := range problems {
		r, size := utf8.DecodeRuneInString(p)
		out[i] = string(unicode.ToUpper(r)) + p[size:]
	}
	return strings.Join(out, " ")
}
