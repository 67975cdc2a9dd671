package notify

import (
	"fmt"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
)

// recentMove is how long after a calendar update moved an alert's date the
// digests still say so.
const recentMove = 14 * 24 * time.Hour

// Words of a tax-calendar alert in the digest.
const (
	sourcePrefix = "Fuente: "
	computedNote = "Fecha calculada: confirme con el calendario oficial"
	movedPrefix  = "Fecha cambiada: antes el "
)

// calendarLines are what the digest says of a calendar alert besides its
// due date: where the date comes from, that it is computed, and that it
// moved when the move is recent (within recentMove of generated).
type calendarLines struct {
	Source   string // «Fuente: Decreto 2229 de 2023 · calendario DIAN 2026»
	Computed string // set when the date is computed (DIAN has not published its year)
	Moved    string // «Fecha cambiada: antes el 15 abr 2026»
}

// calendarLinesOf words ref for a digest generated at generated; the zero
// value for an alert the user wrote.
func calendarLinesOf(ref *app.CalendarRef, generated time.Time) calendarLines {
	if ref == nil {
		return calendarLines{}
	}
	var l calendarLines
	if ref.Source != "" {
		l.Source = sourcePrefix + ref.Source
	}
	if ref.State == taxcal.StateComputed {
		l.Computed = computedNote
	}
	if !ref.PreviousDueOn.IsZero() && !ref.MovedAt.IsZero() && generated.Sub(ref.MovedAt) <= recentMove {
		l.Moved = movedPrefix + shortDate(ref.PreviousDueOn)
	}
	return l
}

// showDetail reports whether the digest shows a's detail. The detail of a
// calendar alert repeats what the digest already says (the due date, the
// source, a computed or moved date), so it is left out unless the user
// edited the alert, whose detail may then hold their words.
func showDetail(a app.Alert) bool {
	return a.Calendar == nil || a.Calendar.Edited
}

var shortMonths = [...]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"}

// shortDate writes a calendar date (00:00 UTC) as «15 abr 2026».
func shortDate(d time.Time) string {
	y, m, day := d.UTC().Date()
	return fmt.Sprintf("%d %s %d", day, shortMonths[m-1], y)
}
