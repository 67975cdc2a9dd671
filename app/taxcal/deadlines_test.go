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

func TestDeadlinesOfAYearAreOrderedAndOfficial(t *testing.T) {
	// when
	got := Embedded().Deadlines(RetencionFuente, "900.123.456", d("2026-01-01"), d("2026-12-31"))
	// then: December 2025 to November 2026, each in its month after
	if len(got) != 12 {
		t.Fatalf("%d dates, want 12: %+v", len(got), got)
	}
	for i, dl := range got {
		wantPeriod := period{year: 2025, kind: Monthly, index: 12}
		if i > 0 {
			wantPeriod = period{year: 2026, kind: Monthly, index: i}
		}
		if dl.Period != wantPeriod.key() || dl.State != StateOfficial || int(dl.DueOn.Month()) != i+1 {
			t.Errorf("#%d: %+v", i, dl)
		}
		if i > 0 && !got[i-1].DueOn.Before(dl.DueOn) {
			t.Errorf("#%d is not after #%d", i, i-1)
		}
	}
}

func TestDeadlinesAcrossTheYearTurnBecomeComputed(t *testing.T) {
	got := Embedded().Deadlines(RentaGrandesContribuyentes, "860000006", d("2026-12-01"), d("2027-06-30"))
	// digit 6 → 12th business day: February 2027 has no holiday; April's
	// Semana Santa falls in March; 7 June is Sagrado Corazón.
	want := []struct{ due, state string }{
		{"2027-02-16", StateComputed}, {"2027-04-16", StateComputed}, {"2027-06-17", StateComputed},
	}
	if len(got) != len(want) {
		t.Fatalf("%+v", got)
	}
	for i, w := range want {
		if got[i].DueOn.Format(time.DateOnly) != w.due || got[i].State != w.state || got[i].Installment != i+1 || got[i].Period != "2026" {
			t.Errorf("#%d = %+v, want %s %s", i, got[i], w.due, w.state)
		}
	}
}

func TestDeadlinesBoundsAreInclusive(t *testing.T) {
	// digit 1's December 2025 retención is due on 10 Dec 2025
	got := Embedded().Deadlines(RetencionFuente, "1", d("2025-12-10"), d("2025-12-10"))
	if len(got) != 1 || got[0].Period != "2025-11" {
		t.Errorf("%+v", got)
	}
	if got := Embedded().Deadlines(RetencionFuente, "1", d("2025-12-11"), d("2026-01-12")); len(got) != 0 {
		t.Errorf("%+v", got)
	}
}

func TestNITIsReadLeniently(t *testing.T) {
	c := Embedded()
	a, _ := c.DeadlineFor(IVABimestral, "2026-B1", 0, "900123456")
	b, _ := c.DeadlineFor(IVABimestral, "2026-B1", 0, " 900.123.456 ")
	if !a.DueOn.Equal(b.DueOn) || a.DueOn.IsZero() {
		t.Errorf("%v and %v", a.DueOn, b.DueOn)
	}
	for _, nit := range []string{"", "-", "abc"} {
		if _, ok := c.DeadlineFor(IVABimestral, "2026-B1", 0, nit); ok {
			t.Errorf("a date for NIT %q", nit)
		}
		if got := c.Deadlines(RetencionFuente, nit, d("2026-01-01"), d("2026-12-31")); got != nil {
			t.Errorf("dates for NIT %q", nit)
		}
	}
}

func TestDeadlineForRefusesWhatIsNoPeriod(t *testing.T) {
	c := Embedded()
	cases := []struct {
		obligation, period string
		installment        int
	}{
		{"exogena", "2025", 0},
		{RetencionFuente, "2026-B1", 0},
		{RetencionFuente, "2026-1", 0},
		{RetencionFuente, "2026-11", 1},
		{IVABimestral, "2026-B7", 0},
		{IVACuatrimestral, "2026-C4", 0},
		{RentaGrandesContribuyentes, "2025", 0},
		{RentaGrandesContribuyentes, "2025", 4},
		{RentaPersonasJuridicas, "2025", 3},
		{RentaPersonasJuridicas, "2025-01", 1},
	}
	for _, k := range cases {
		if got, ok := c.DeadlineFor(k.obligation, k.period, k.installment, "900123456"); ok {
			t.Errorf("%+v: %+v", k, got)
		}
	}
	if got := c.Deadlines("exogena", "900123456", d("2026-01-01"), d("2026-12-31")); got != nil {
		t.Errorf("%+v", got)
	}
}

// Computed dates (2027) still follow the rule: January 2027 begins with two
// holidays (1 and 11 January).
func TestComputedDatesOf2027(t *testing.T) {
	c := Embedded()
	digitTable(t, c, RetencionFuente, "2026-12", 0, []string{
		"2027-01-13", "2027-01-14", "2027-01-15", "2027-01-18", "2027-01-19",
		"2027-01-20", "2027-01-21", "2027-01-22", "2027-01-25", "2027-01-26"})
	got, _ := c.DeadlineFor(IVACuatrimestral, "2026-C3", 0, "5")
	if got.State != StateComputed || got.Source != "Decreto 2229 de 2023 · fecha calculada (calendario 2027 no publicado)" {
		t.Errorf("%+v", got)
	}
}

func BenchmarkDeadlines12Months(b *testing.B) {
	c := Embedded()
	from, to := d("2026-12-03"), d("2027-12-02")
	for b.Loop() {
		for _, o := range obligations {
			_ = c.Deadlines(o.Code, "900123456", from, to)
		}
	}
}

// A calendar is shared by every goroutine of the program (go test -race).
func TestDeadlinesAreSafeForConcurrentUse(t *testing.T) {
	c := ruleOnly(t)
	want := bare(t).Deadlines(RetencionFuente, "7", d("2027-01-01"), d("2029-12-31"))
	results := make(chan []Deadline, 8)
	for range 8 {
		go func() { results <- c.Deadlines(RetencionFuente, "7", d("2027-01-01"), d("2029-12-31")) }()
	}
	for range 8 {
		got := <-results
		if len(got) != 36 || len(got) != len(want) {
			t.Fatalf("%d dates, want 36", len(got))
		}
		for i := range got {
			if !got[i].DueOn.Equal(want[i].DueOn) {
				t.Errorf("#%d: %s, want %s", i, got[i].DueOn, want[i].DueOn)
			}
		}
	}
}

func TestDeadlinesOverAnAbsurdRangeStayWithinPeriodYears(t *testing.T) {
	got := Embedded().Deadlines(IVACuatrimestral, "3", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), d("2001-01-31"))
	// 2000's three periods (the first years with period keys), the last due in January 2001
	if len(got) != 3 || got[0].Period != "2000-C1" || got[2].Period != "2000-C3" {
		t.Errorf("%+v", got)
	}
	if got := Embedded().Deadlines(IVACuatrimestral, "3", d("2026-12-31"), d("2026-01-01")); len(got) != 0 {
		t.Errorf("from after to: %+v", got)
	}
}

// April 2026 after the civic day of 17 April (comunicado DIAN 31 de 2026):
// the published range is 13–27 April; between them, every business day but
// the 17th, one digit each.
func TestApril2026DatesSkipTheCivicDay(t *testing.T) {
	both(t, func(t *testing.T, c *Calendar) {
		digitTable(t, c, RetencionFuente, "2026-03", 0, []string{
			"2026-04-13", "2026-04-14", "2026-04-15", "2026-04-16", "2026-04-20",
			"2026-04-21", "2026-04-22", "2026-04-23", "2026-04-24", "2026-04-27"})
	})
}
