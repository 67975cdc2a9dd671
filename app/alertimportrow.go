package app

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// parseImportRow checks one row's fields; problems are Spanish sentences,
// every one the row has.
func parseImportRow(row csvRow) (ImportItem, []string) {
	it := ImportItem{Line: row.line}
	var problems []string
	it.Company, problems = parseImportCompany(row.fields)
	alert, more := parseImportAlert(row.fields)
	it.Alert = alert
	return it, append(problems, more...)
}

// parseImportCompany reads the columns empresa and nit.
func parseImportCompany(f map[string]string) (Company, []string) {
	var problems []string
	c := Company{Name: strings.Join(strings.Fields(f["empresa"]), " ")}
	switch {
	case c.Name == "":
		problems = append(problems, "falta la empresa.")
	case utf8.RuneCountInString(c.Name) > maxNameLen:
		problems = append(problems, fmt.Sprintf("el nombre de la empresa admite como máximo %d caracteres.", maxNameLen))
	}
	if v := f["nit"]; v != "" {
		nit, msg := NormalizeNIT(v)
		if msg != "" {
			problems = append(problems, msg)
		}
		c.NIT = nit
	}
	return c, problems
}

// parseImportAlert reads the columns titulo, detalle, prioridad and vence_el.
func parseImportAlert(f map[string]string) (Alert, []string) {
	var problems []string
	a := Alert{Title: f["titulo"], Detail: f["detalle"]}
	switch {
	case a.Title == "":
		problems = append(problems, "falta el título.")
	case utf8.RuneCountInString(a.Title) > maxTitleLen:
		problems = append(problems, fmt.Sprintf("el título admite como máximo %d caracteres.", maxTitleLen))
	}
	if utf8.RuneCountInString(a.Detail) > maxDetailLen {
		problems = append(problems, fmt.Sprintf("el detalle admite como máximo %d caracteres.", maxDetailLen))
	}
	p, ok := ParsePriority(f["prioridad"])
	switch {
	case f["prioridad"] == "":
		problems = append(problems, "falta la prioridad (CRITICA, ALTA, MEDIA o BAJA).")
	case !ok:
		problems = append(problems, fmt.Sprintf("prioridad desconocida %q: use CRITICA, ALTA, MEDIA o BAJA.", f["prioridad"]))
	}
	a.Priority = p
	if v := f["vence_el"]; v != "" {
		due, ok := parseImportDate(v)
		if !ok {
			problems = append(problems, fmt.Sprintf("fecha inválida %q: use AAAA-MM-DD o DD/MM/AAAA.", v))
		}
		a.DueOn = due
	}
	return a, problems
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

// joinSentences joins a row's problems as sentences, each starting upper-case.
func joinSentences(problems []string) string {
	out := make([]string, len(problems))
	for i, p := range problems {
		r, size := utf8.DecodeRuneInString(p)
		out[i] = string(unicode.ToUpper(r)) + p[size:]
	}
	return strings.Join(out, " ")
}
