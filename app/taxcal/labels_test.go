package taxcal

import (
	"testing"
	"time"
)

func TestPeriodLabelInBothLanguages(t *testing.T) {
	cases := []struct{ period, es, en string }{
		{"2026-11", "noviembre 2026", "November 2026"},
		{"2026-01", "enero 2026", "January 2026"},
		{"2026-B1", "enero–febrero 2026", "January–February 2026"},
		{"2025-B6", "noviembre–diciembre 2025", "November–December 2025"},
		{"2026-C1", "enero–abril 2026", "January–April 2026"},
		{"2026-C3", "septiembre–diciembre 2026", "September–December 2026"},
		{"2025", "año gravable 2025", "tax year 2025"},
		{"2026-13", "2026-13", "2026-13"},
		{"2026-B7", "2026-B7", "2026-B7"},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := PeriodLabel(c.period, "es"); got != c.es {
			t.Errorf("PeriodLabel(%q, es) = %q, want %q", c.period, got, c.es)
		}
		if got := PeriodLabel(c.period, "en"); got != c.en {
			t.Errorf("PeriodLabel(%q, en) = %q, want %q", c.period, got, c.en)
		}
	}
}

func TestTitleNamesObligationPeriodAndInstallment(t *testing.T) {
	cases := []struct {
		d    Deadline
		want string
	}{
		{Deadline{Obligation: RetencionFuente, Period: "2026-11"}, "Retención en la fuente · noviembre 2026"},
		{Deadline{Obligation: IVABimestral, Period: "2026-B1"}, "IVA bimestral · enero–febrero 2026"},
		{Deadline{Obligation: RentaGrandesContribuyentes, Period: "2025", Installment: 1}, "Renta grandes contribuyentes · año gravable 2025 · cuota 1 de 3"},
		{Deadline{Obligation: RentaPersonasJuridicas, Period: "2025", Installment: 2}, "Renta personas jurídicas · año gravable 2025 · cuota 2 de 2"},
		{Deadline{Obligation: RentaPersonasNaturales, Period: "2025"}, "Renta personas naturales · año gravable 2025"},
		{Deadline{Obligation: ICABogotaBimestral, Period: "2026-B6"}, "ICA Bogotá bimestral · noviembre–diciembre 2026"},
	}
	for _, c := range cases {
		if got := Title(c.d); got != c.want {
			t.Errorf("Title(%+v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestMonthNameInBothLanguages(t *testing.T) {
	if got := MonthName(time.September, "es"); got != "septiembre" {
		t.Errorf("es: %q", got)
	}
	if got := MonthName(time.September, "en"); got != "September" {
		t.Errorf("en: %q", got)
	}
	if got := MonthName(time.January, "fr"); got != "enero" {
		t.Errorf("another language: %q", got)
	}
}
