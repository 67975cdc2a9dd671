package app

import (
	"slices"
	"strings"

	"vigia/app/taxcal"
)

// What is wrong with a row's responsabilidades cell.
const (
	CodeImportObligationUnknown Code = "importar.responsabilidades.desconocida" // Value, Codes
	CodeImportObligationsDiffer Code = "importar.responsabilidades.distintas"   // Line: the company's first row that gives them
)

// ObligationsSeparator joins a company's obligation codes in a CSV cell:
// it never needs quoting, whether the file's cells are split by ';' or ','.
const ObligationsSeparator = "|"

// noObligations is the word of a cell that clears a company's obligations.
const noObligations = "ninguna"

// parseResponsibilities reads a responsabilidades cell: taxcal codes or the
// obligations' Spanish names, in any case, with or without accents,
// separated by '|', ';', ',' or line breaks (codes also by blanks); the
// word "ninguna" clears them. set is false for an empty cell, which leaves
// the company's obligations as they are. codes come in taxcal order, once each.
func parseResponsibilities(cell string) (codes []string, set bool, problems []Message) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return nil, false, nil
	}
	if foldName(cell) == noObligations {
		return []string{}, true, nil
	}
	known := obligationNames()
	var picked []string
	for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune("|;,\n\r", r) }) {
		part = strings.TrimSpace(part)
		if code, ok := known[foldName(part)]; ok {
			picked = append(picked, code)
			continue
		}
		for _, word := range strings.Fields(part) {
			code, ok := known[foldName(word)]
			if !ok {
				problems = append(problems, Msg(CodeImportObligationUnknown, Args{"Value": word, "Codes": obligationCodeList()}))
				continue
			}
			picked = append(picked, code)
		}
	}
	if len(problems) > 0 {
		return nil, true, problems
	}
	codes, problem := CheckResponsibilities(picked)
	if problem != nil {
		return nil, true, []Message{*problem}
	}
	if codes == nil {
		codes = []string{}
	}
	return codes, true, nil
}

// obligationNames maps every obligation's folded code and Spanish name to its code.
func obligationNames() map[string]string {
	out := map[string]string{}
	for _, o := range taxcal.Obligations() {
		out[foldName(o.Code)] = o.Code
		out[foldName(o.Name)] = o.Code
	}
	return out
}

// obligationCodeList names every code, for the messages: "retencion_fuente, iva_bimestral, …".
func obligationCodeList() string {
	var codes []string
	for _, o := range taxcal.Obligations() {
		codes = append(codes, o.Code)
	}
	return strings.Join(codes, ", ")
}

// foldName is a name as a user may type it: case, accents and runs of blanks do not count.
func foldName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u").Replace(s)
}

// companyObligations remembers, per company of a file, the first row that
// gives its obligations, so later rows must agree with it.
type companyObligations struct {
	line  int
	codes []string
}

// checkObligations compares a row's obligations with those an earlier row of
// its company gave, and remembers them when it is the first.
func (p *importPlan) checkObligations(key string, it ImportItem) *Message {
	if !it.SetResponsibilities {
		return nil
	}
	first, ok := p.obligations[key]
	if !ok {
		p.obligations[key] = companyObligations{line: it.Line, codes: it.Company.Responsibilities}
		return nil
	}
	if !slices.Equal(first.codes, it.Company.Responsibilities) {
		m := Msg(CodeImportObligationsDiffer, Args{"Line": first.line})
		return &m
	}
	return nil
}

// settleObligations gives every row of a company whose obligations the file
// sets those obligations, and lists the companies whose obligations change.
func (p *importPlan) settleObligations() {
	changed := map[string]bool{}
	for i := range p.res.Items {
		it := &p.res.Items[i]
		key := CompanyKey(it.Company.Name)
		set, ok := p.obligations[key]
		if !ok {
			continue
		}
		before := p.savedObligations(key)
		it.Company.Responsibilities, it.SetResponsibilities = set.codes, true
		if changed[key] || slices.Equal(before, set.codes) {
			continue
		}
		changed[key] = true
		p.res.Responsibilities = append(p.res.Responsibilities, ResponsibilityChange{
			Company: it.Company.Name, NewCompany: it.Company.ID == 0, Before: before, After: set.codes})
		p.res.calendar = true
	}
}

// savedObligations are the obligations company key has before the import
// (none when the import creates it).
func (p *importPlan) savedObligations(key string) []string {
	if c, ok := p.saved[key]; ok && c.ID != 0 && len(c.Responsibilities) > 0 {
		return c.Responsibilities
	}
	return []string{}
}
