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

// longDate writes t's day as "lunes 8 de diciembre de 2025".
func longDate(t time.Time) string {
	return fmt.Sprintf("%s %d de %s de %d", weekdays[t.Weekday()], t.Day(), months[t.Month()-1], t.Year())
}

// longDateTime writes t as "lunes 8 de diciembre de 2025, 08:00".
func longDateTime(t time.Time) string {
	return fmt.Sprintf("%s, %02d:%02d", longDate(t), t.Hour(), t.Minute())
}

// dueDate writes a calendar date (vence_el, at 00:00 UTC) as "miércoles 10 de
// diciembre", with the year when it is not the year of today.
func dueDate(d, today time.Time) string {
	if d.Year() != today.Year() {
		return longDate(d)
	}
	return fmt.Sprintf("%s %d de %s", weekdays[d.Weekday()], d.Day(), months[d.Month()-1])
}

// relativeDue says when something is due, days from today: "vence hoy",
// "vence mañana", "vence en 2 días", "vencida ayer", "vencida hace 3 días".
func relativeDue(days int) string {
	switch {
	case days == 0:
		return "vence hoy"
	case days == 1:
		return "vence mañana"
	case days > 1:
		return fmt.Sprintf("vence en %d días", days)
	case days == -1:
		return "vencida ayer"
	}
	return fmt.Sprintf("vencida hace %d días", -days)
}

// count writes "1 alerta" or "3 alertas".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
