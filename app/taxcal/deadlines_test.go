package taxcal

import (
	"testing"
	"time"
)

// ruleOnly is a calendar with the civic days and no published dates: every
// date comes from the rule.
func ruleOnly(t *testing.T) *Calendar {
	t.Helper()
	c, err := Parse([]byte(`{"version": "t", "obtenido_el": "2026-03-06", "dias_no_habiles": [
		{"fecha": "2024-04-19", "motivo": "Día cívico", "fuente": "Decreto 0500 de 2024"},
		{"fecha": "2024-07-15", "motivo": "Día cívico", "fuente": "Decreto 0880 de 2024"},
		{"fecha": "2026-04-17", "motivo": "Día cívico", "fuente": "Comunicado DIAN 31 de 2026"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// both runs check against the shipped data and against the rule alone.
func both(t *testing.T, check func(t *testing.T, c *Calendar)) {
	t.Run("embebido", func(t *testing.T) { check(t, Embedded()) })
	t.Run("regla", func(t *testing.T) { check(t, ruleOnly(t)) })
}

// digitTable checks a published table: the date of each last digit 1..9, 0.
func digitTable(t *testing.T, c *Calendar, obligation, period string, installment int, want []string) {
	t.Helper()
	for i, digit := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"} {
		got, ok := c.DeadlineFor(obligation, period, installment, "90012345"+digit)
		if !ok || got.DueOn.Format(time.DateOnly) != want[i] {
			t.Errorf("%s %s cuota %d, digit %s: %s (%v), want %s", obligation, period, installment, digit, got.DueOn.Format(time.DateOnly), ok, want[i])
		}
	}
}

// rangeOf checks a published range: digit 1's date and digit 0's.
func rangeOf(t *testing.T, c *Calendar, obligation, period string, installment int, first, last string) {
	t.Helper()
	a, okA := c.DeadlineFor(obligation, period, installment, "8001")
	b, okB := c.DeadlineFor(obligation, period, installment, "8000")
	if !okA || !okB || a.DueOn.Format(time.DateOnly) != first || b.DueOn.Format(time.DateOnly) != last {
		t.Errorf("%s %s cuota %d: %s–%s, want %s–%s", obligation, period, installment,
			a.DueOn.Format(time.DateOnly), b.DueOn.Format(time.DateOnly), first, last)
	}
}

// ifmnoticias.com «calendario tributario para diciembre» (2025): retención of November 2025.
func TestRetencionNovember2025FollowsThePublishedTable(t *testing.T) {
	both(t, func(t *testing.T, c *Calendar) {
		digitTable(t, c, RetencionFuente, "2025-11", 0, []string{
			"2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16",
			"2025-12-17", "2025-12-18", "2025-12-19", "2025-12-22", "2025-12-23"})
	})
}

// elnuevosiglo.com, tower-consulting.com (calendario tributario 2025): first installment, February 2025.
func TestGrandesContribuyentesFebruary2025FollowsThePublishedTable(t *testing.T) {
	both(t, func(t *testing.T, c *Calendar) {
		digitTable(t, c, RentaGrandesContribuyentes, "2024", 1, []string{
			"2025-02-11", "2025-02-12", "2025-02-13", "2025-02-14", "2025-02-17",
			"2025-02-18", "2025-02-19", "2025-02-20", "2025-02-21", "2025-02-24"})
	})
}

// The published ranges (domain notes: 2025 calendar from elnuevosiglo.com and
// tower-consulting.com; 2026 from valoraanalitik.com and noticiascaracol.com;
// April 2026 after the civic day from caracol.com.co 2026-03-04 and semana.com).
func TestPublishedRanges(t *testing.T) {
	both(t, func(t *testing.T, c *Calendar) {
		rangeOf(t, c, RentaGrandesContribuyentes, "2024", 1, "2025-02-11", "2025-02-24")
		rangeOf(t, c, RentaGrandesContribuyentes, "2024", 2, "2025-04-09", "2025-04-24")
		rangeOf(t, c, RentaGrandesContribuyentes, "2024", 3, "2025-06-11", "2025-06-25")
		rangeOf(t, c, RentaGrandesContribuyentes, "2025", 1, "2026-02-10", "2026-02-23")
		rangeOf(t, c, RentaGrandesContribuyentes, "2025", 2, "2026-04-13", "2026-04-27")
		rangeOf(t, c, RentaGrandesContribuyentes, "2025", 3, "2026-06-10", "2026-06-24")
		rangeOf(t, c, RentaPersonasJuridicas, "2024", 1, "2025-05-12", "2025-05-23")
		rangeOf(t, c, RentaPersonasJuridicas, "2024", 2, "2025-07-09", "2025-07-22")
		rangeOf(t, c, RentaPersonasJuridicas, "2025", 1, "2026-05-12", "2026-05-26")
		rangeOf(t, c, RentaPersonasJuridicas, "2025", 2, "2026-07-09", "2026-07-23")
		rangeOf(t, c, IVABimestral, "2026-B1", 0, "2026-03-10", "2026-03-24")
		rangeOf(t, c, IVACuatrimestral, "2026-C3", 0, "2027-01-13", "2027-01-26")
	})
}

func TestDeadlineStatesAndSources(t *testing.T) {
	c := Embedded()
	// given a 2026 date (published) and a January 2027 one (not yet)
	official, ok1 := c.DeadlineFor(RetencionFuente, "2026-10", 0, "900123456")
	computed, ok2 := c.DeadlineFor(RetencionFuente, "2026-12", 0, "900123456")
	if !ok1 || !ok2 {
		t.Fatal("no date")
	}
	// then
	if official.State != StateOfficial || official.Source != "Decreto 2229 de 2023 · calendario DIAN 2026" {
		t.Errorf("official: %+v", official)
	}
	if computed.State != StateComputed || computed.Source != "Decreto 2229 de 2023 · fecha calculada (calendario 2027 no publicado)" {
		t.Errorf("computed: %+v", computed)
	}
}
