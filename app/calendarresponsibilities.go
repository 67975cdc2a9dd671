package app

import (
	"slices"
	"strings"

	"vigia/app/taxcal"
)

// CodeResponsibilitiesExclusive refuses two obligations a company cannot
// owe together (IVA is bimonthly or four-monthly; income tax is filed as one
// kind of taxpayer): First and Second, their names.
const CodeResponsibilitiesExclusive Code = "empresa.responsabilidades.excluyentes"

// exclusiveResponsibilities are groups of obligations of which a company
// owes one at most.
var exclusiveResponsibilities = [][]string{
	{taxcal.IVABimestral, taxcal.IVACuatrimestral},
	{taxcal.RentaGrandesContribuyentes, taxcal.RentaPersonasJuridicas, taxcal.RentaPersonasNaturales},
}

// CheckResponsibilities is the one rule for a company's responsibilities:
// codes (blanks around them ignored, empty ones skipped) must be known
// obligation codes and not exclusive of one another; the list comes back
// without repeats, in taxcal.Obligations order. problem is the first thing
// wrong (CodeResponsibilityUnknown, CodeResponsibilitiesExclusive).
func CheckResponsibilities(codes []string) (checked []string, problem *Message) {
	want := map[string]bool{}
	for _, raw := range codes {
		code := strings.TrimSpace(raw)
		if code == "" {
			continue
		}
		if _, ok := taxcal.ObligationByCode(code); !ok {
			return nil, &Message{Code: CodeResponsibilityUnknown, Args: Args{"Value": raw}}
		}
		want[code] = true
	}
	for _, o := range taxcal.Obligations() {
		if want[o.Code] {
			checked = append(checked, o.Code)
		}
	}
	for _, group := range exclusiveResponsibilities {
		var both []string
		for _, code := range group {
			if slices.Contains(checked, code) {
				o, _ := taxcal.ObligationByCode(code)
				both = append(both, o.Name)
			}
		}
		if len(both) > 1 {
			return nil, &Message{Code: CodeResponsibilitiesExclusive, Args: Args{"First": both[0], "Second": both[1]}}
		}
	}
	return checked, nil
}
