package app

import (
	"fmt"
	"strings"
	"time"

	"vigia/app/taxcal"
)

// The words of calendar alerts are stored with them, in Spanish, like every
// alert's title and detail: the calendar writes them as the accountant would.

// movedPrefix starts the sentence that says a date moved.
const movedPrefix = "La fecha cambió del "

// computedNote is said of a date DIAN has not published yet.
const computedNote = "Fecha calculada: confirme con el calendario oficial."

// calendarDetail is the detail of the alert of d for a company whose NIT
// without check digit is base: the due date, the digits that chose it, the
// source, whether it is computed, and moved (a sentence, "" when none).
func calendarDetail(o taxcal.Obligation, base string, d taxcal.Deadline, moved string) string {
	parts := []string{"Vence el " + spanishDate(d.DueOn) + ".", keySentence(o, base), "Fuente: " + d.Source + "."}
	if d.State == taxcal.StateComputed {
		parts = append(parts, computedNote)
	}
	if moved != "" {
		parts = append(parts, moved)
	}
	return strings.Join(parts, " ")
}

// keySentence says which digits of the NIT chose the date.
func keySentence(o taxcal.Obligation, base string) string {
	switch {
	case o.Key == taxcal.KeyLastDigit && base != "":
		return fmt.Sprintf("Último dígito del NIT (sin el de verificación): %s.", base[len(base)-1:])
	case o.Key == taxcal.KeyLastTwoDigits && len(base) >= 2:
		return fmt.Sprintf("Últimos dos dígitos del NIT (sin el de verificación): %s.", base[len(base)-2:])
	}
	return "Una sola fecha para todos los NIT."
}

// movedSentence says the date moved from one day to another with the
// calendar of version.
func movedSentence(from, to time.Time, version string) string {
	return fmt.Sprintf("%s%s al %s (calendario %s).", movedPrefix, spanishDate(from), spanishDate(to), version)
}

// closedNote is the resolution note of an alert closed because its company
// no longer has the obligation.
func closedNote(code string) string {
	name := code
	if o, ok := taxcal.ObligationByCode(code); ok {
		name = o.Name
	}
	return "Cerrada por Vigía: la empresa ya no tiene la responsabilidad «" + name + "»."
}

var spanishMonths = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// spanishDate writes a calendar date as «15 de abril de 2026».
func spanishDate(d time.Time) string {
	return fmt.Sprintf("%d de %s de %d", d.Day(), spanishMonths[d.Month()-1], d.Year())
}
