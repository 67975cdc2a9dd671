package taxcal

import (
	"strings"
	"time"
)

var monthNames = map[string][]string{
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// PeriodLabel words a period key for people: lang "es" («noviembre 2026»,
// «enero–febrero 2026», «año gravable 2025») or "en" («November 2026»,
// «January–February 2026», «tax year 2025»). Any other lang is Spanish; a key
// that is no period comes back as it is.
func PeriodLabel(periodKey, lang string) string {
	p, ok := parseAnyPeriod(periodKey)
	if !ok {
		return periodKey
	}
	names, ok := monthNames[lang]
	if !ok {
		lang, names = "es", monthNames["es"]
	}
	year := itoa(p.year)
	if p.kind == Yearly {
		if lang == "en" {
			return "tax year " + year
		}
		return "año gravable " + year
	}
	first, last := p.months()
	if first == last {
		return names[first-1] + " " + year
	}
	return names[first-1] + "–" + names[last-1] + " " + year
}

// parseAnyPeriod reads a period key of any kind.
func parseAnyPeriod(key string) (period, bool) {
	kind := Yearly
	switch _, rest, _ := strings.Cut(key, "-"); {
	case strings.HasPrefix(rest, "B"):
		kind = Bimonthly
	case strings.HasPrefix(rest, "C"):
		kind = FourMonthly
	case rest != "":
		kind = Monthly
	}
	return parsePeriod(kind, key)
}

// Title is the Spanish title of the alert of d: «Retención en la fuente ·
// noviembre 2026», «Renta grandes contribuyentes · año gravable 2025 · cuota 1 de 3».
func Title(d Deadline) string {
	o, ok := ObligationByCode(d.Obligation)
	name := d.Obligation
	if ok {
		name = o.Name
	}
	title := name + " · " + PeriodLabel(d.Period, "es")
	if ok && o.Installments > 0 && d.Installment > 0 {
		title += " · cuota " + itoa(d.Installment) + " de " + itoa(o.Installments)
	}
	return title
}

// MonthName is month's name in lang ("es" or "en"; any other is Spanish).
func MonthName(m time.Month, lang string) string {
	names, ok := monthNames[lang]
	if !ok {
		names = monthNames["es"]
	}
	return names[m-1]
}
