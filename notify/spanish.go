package notify

import (
	"fmt"
	"time"
)

var (
	weekdays = [...]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}
	months   = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
		"agosto", "septiembre", "octubre", "noviembre", "diciembre"}
)

// longDateTime writes t as "lunes 8 de diciembre de 2025, 08:00".
func longDateTime(t time.Time) string {
	return fmt.Sprintf("%s %d de %s de %d, %02d:%02d",
		weekdays[t.Weekday()], t.Day(), months[t.Month()-1], t.Year(), t.Hour(), t.Minute())
}

// shortDate writes a calendar date (vence_el, stored at 00:00 UTC) as DD/MM/YYYY.
func shortDate(d time.Time) string { return d.UTC().Format("02/01/2006") }

// count writes "1 alerta" or "3 alertas".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
