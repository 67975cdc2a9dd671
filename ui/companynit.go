package ui

import (
	"strings"

	"vigia/app"
)

// nitHint is what the company dialog says under the NIT as it is typed: the
// NIT as it will be stored, with its check digit (computed when left out);
// the two readings of a number that could carry its digit glued on; the right
// digit when the one typed is wrong; else the field's help (an empty or
// half-typed NIT is not an error yet: saving says what is wrong).
func nitHint(typed string) string {
	if strings.TrimSpace(typed) == "" {
		return T("empresas.nit.ayuda")
	}
	nit, problem := app.NormalizeNIT(typed)
	switch {
	case problem == nil:
		return T("empresas.nit.con_dv", map[string]any{"NIT": nit})
	case problem.Code == app.CodeNITAmbiguous:
		return T("empresas.nit.ambiguo", map[string]any{"Glued": problem.Args["Glued"], "Whole": problem.Args["Whole"]})
	case problem.Code == app.CodeNITCheckDigitWrong:
		return T("empresas.nit.dv_incorrecto", map[string]any{
			"Base": problem.Args["Base"], "Want": problem.Args["Want"], "Got": problem.Args["Got"]})
	}
	return T("empresas.nit.ayuda")
}

// onNITChanged shows the hint for the NIT typed now, and the due dates it gives.
func (f *companyForm) onNITChanged(typed string) {
	f.resp.refresh()
	if hint := nitHint(typed); hint != f.nitItem.HintText {
		f.nitItem.HintText = hint
		f.errs.relayout() // a longer hint may need a wider dialog
	}
}

// nitHintText is the hint under the NIT now: tests read it.
func (f *companyForm) nitHintText() string { return f.nitItem.HintText }
