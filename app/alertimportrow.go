package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// What is wrong with a row of an import file, besides a bad NIT (CodeNIT…)
// and what the alert form shares (CodeTitleTooLong, CodeDetailTooLong).
// Each is a sentence: a row's problems read one after another
// (CodeImportLine).
const (
	CodeImportLine            Code = "importar.linea" // Problems: the row's []Message
	CodeImportCompanyMissing  Code = "importar.empresa.falta"
	CodeImportCompanyTooLong  Code = "importar.empresa.larga" // Max
	CodeImportTitleMissing    Code = "importar.titulo.falta"
	CodeImportPriorityMissing Code = "importar.prioridad.falta"
	CodeImportPriorityUnknown Code = "importar.prioridad.desconocida" // Value: a file's values are Spanish in any language
	CodeImportDateInvalid     Code = "importar.vence_el.invalida"     // Value
	CodeImportNITMismatch     Code = "importar.nit.no_coincide"       // NIT, Company, CompanyNIT
	CodeImportRepeated        Code = "importar.alerta.repetida"       // Line: the first
)

// parseImportRow checks one row's fields and gives every problem it has.
func parseImportRow(row csvRow) (ImportItem, []Message) {
	it := ImportItem{Line: row.line}
	var problems []Message
	it.Company, problems = parseImportCompany(row.fields)
	if cell, ok := row.fields[ColumnResponsibilities]; ok {
		var more []Message
		it.Company.Responsibilities, it.SetResponsibilities, more = parseResponsibilities(cell)
		problems = append(problems, more...)
		if companyAlone(row.fields) {
			it.Action = ImportCompanyOnly
			return it, problems
		}
	}
	alert, more := parseImportAlert(row.fields)
	it.Alert = alert
	return it, append(problems, more...)
}

// companyAlone reports whether a row of a file with the responsabilidades
// column has no alert: its alert's cells are all empty.
func companyAlone(f map[string]string) bool {
	return f["titulo"] == "" && f["detalle"] == "" && f["prioridad"] == "" && f["vence_el"] == ""
}

// parseImportCompany reads the columns empresa and nit.
func parseImportCompany(f map[string]string) (Company, []Message) {
	var problems []Message
	c := Company{Name: strings.Join(strings.Fields(f["empresa"]), " ")}
	switch {
	case c.Name == "":
		problems = append(problems, Msg(CodeImportCompanyMissing, nil))
	case utf8.RuneCountInString(c.Name) > maxNameLen:
		problems = append(problems, Msg(CodeImportCompanyTooLong, Args{"Max": maxNameLen}))
	default:
		problems = appendProblem(problems, cellProblem("empresa", f["empresa"], false))
	}
	if v := f["nit"]; v != "" {
		nit, problem := NormalizeNIT(v)
		if problem != nil {
			problems = append(problems, *problem)
		}
		c.NIT = nit
	}
	return c, problems
}

// parseImportAlert reads the columns titulo, detalle, prioridad and vence_el.
func parseImportAlert(f map[string]string) (Alert, []Message) {
	var problems []Message
	a := Alert{Title: f["titulo"], Detail: normalizeBreaks(f["detalle"])}
	switch {
	case a.Title == "":
		problems = append(problems, Msg(CodeImportTitleMissing, nil))
	case utf8.RuneCountInString(a.Title) > maxTitleLen:
		problems = append(problems, Msg(CodeTitleTooLong, Args{"Max": maxTitleLen}))
	default:
		problems = appendProblem(problems, cellProblem("titulo", a.Title, false))
	}
	problems = appendProblem(problems, cellProblem("detalle", a.Detail, true))
	if utf8.RuneCountInString(a.Detail) > maxDetailLen {
		problems = append(problems, Msg(CodeDetailTooLong, Args{"Max": maxDetailLen}))
	}
	p, ok := ParsePriority(f["prioridad"])
	switch {
	case f["prioridad"] == "":
		problems = append(problems, Msg(CodeImportPriorityMissing, nil))
	case !ok:
		problems = append(problems, Msg(CodeImportPriorityUnknown, Args{"Value": f["prioridad"]}))
	}
	a.Priority = p
	if v := f["vence_el"]; v != "" {
		due, ok := parseImportDate(v)
		if !ok {
			problems = append(problems, Msg(CodeImportDateInvalid, Args{"Value": v}))
		} else if p := dateRangeProblem(v, due); p != nil {
			problems, due = append(problems, *p), time.Time{}
		}
		a.DueOn = due
	}
	return a, problems
}

// appendProblem appends p to problems when there is one.
func appendProblem(problems []Message, p *Message) []Message {
	if p == nil {
		return problems
	}
	return append(problems, *p)
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
