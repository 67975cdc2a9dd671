package ui

import (
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
)

func TestCalendarAlertsSayWhereTheyComeFromInAlertas(t *testing.T) {
	// given a client with retención
	env := newTestEnv(t)
	calendarCompany(t, env, "Panadería La Espiga", "900123456", taxcal.RetencionFuente)
	tab := env.u.alerts
	tab.refresh()

	// when its first calendar alert is selected
	row := -1
	for i, a := range tab.rows {
		if a.Calendar != nil && a.Calendar.Period == "2025-11" {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("no alert of November 2025 among %d", len(tab.rows))
	}
	tab.selected = tab.rows[row].ID
	tab.updateAlertButtons()

	// then the table and the reading pane say its origin, state and source
	if _, sub := tableRow(tab, row); sub[2] != "Calendario · oficial" {
		t.Errorf("second line %q", sub[2])
	}
	want := "Del calendario tributario · Retención en la fuente · noviembre 2025 · fecha oficial · fuente: Decreto 2229 de 2023 · calendario DIAN 2025"
	if got := tab.detail.facts.Text; !strings.HasSuffix(got, "\n"+want) {
		t.Errorf("facts %q, want a last line %q", got, want)
	}
}

func TestAMovedCalendarDateSaysFromWhatAndWhen(t *testing.T) {
	a := app.Alert{Calendar: &app.CalendarRef{Obligation: taxcal.RentaGrandesContribuyentes, Period: "2025", Installment: 2,
		State: taxcal.StateComputed, Source: "Decreto 2229 de 2023",
		PreviousDueOn: time.Date(2026, 4, 17, 0, 0, 0, 0, time.UTC), MovedAt: time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)}}

	facts := strings.Join(calendarAlertFacts(a, bogota), " · ")
	if want := "Del calendario tributario · Renta grandes contribuyentes · año gravable 2025 · cuota 2 de 3 · fecha calculada · " +
		"fuente: Decreto 2229 de 2023 · la fecha se movió el 04/03/2026: antes era el 17/04/2026"; facts != want {
		t.Errorf("facts\n%s\nwant\n%s", facts, want)
	}
	if line, imp := calendarAlertLine(a); line != "Calendario · calculada · antes 17/04/2026" || imp != calendarStateImportance(taxcal.StateComputed) {
		t.Errorf("line %q, importance %v", line, imp)
	}
}
