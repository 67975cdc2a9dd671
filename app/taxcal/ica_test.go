package taxcal

import (
	"testing"
	"time"
)

// ICA Bogotá, bimonthly: 2025 from the domain notes (Resolución SDH-000287 de
// 2024); 2026 from noticiascaracol.com («calendario tributario en Bogotá
// 2026») and valoraanalitik.com (2026-02-12).
func TestICABogotaDatesAreThePublishedOnes(t *testing.T) {
	want := map[string]string{
		"2025-B1": "2025-04-04", "2025-B2": "2025-06-13", "2025-B3": "2025-08-15",
		"2025-B4": "2025-10-10", "2025-B5": "2025-12-12", "2025-B6": "2026-02-13",
		"2026-B1": "2026-04-10", "2026-B2": "2026-06-12", "2026-B3": "2026-08-21",
		"2026-B4": "2026-10-09", "2026-B5": "2026-12-11", "2026-B6": "2027-02-12",
	}
	for period, due := range want {
		for _, nit := range []string{"", "900123456", "8"} {
			got, ok := Embedded().DeadlineFor(ICABogotaBimestral, period, 0, nit)
			if !ok || got.DueOn.Format(time.DateOnly) != due || got.State != StateOfficial {
				t.Errorf("%s (NIT %q): %+v %v, want %s oficial", period, nit, got, ok, due)
			}
		}
	}
	b6, _ := Embedded().DeadlineFor(ICABogotaBimestral, "2025-B6", 0, "")
	if b6.Source != "Resolución SDH-000287 de 2024 · calendario ICA Bogotá 2025" {
		t.Errorf("source %q", b6.Source)
	}
	b6, _ = Embedded().DeadlineFor(ICABogotaBimestral, "2026-B6", 0, "")
	if b6.Source != "Secretaría Distrital de Hacienda · calendario ICA Bogotá 2026" {
		t.Errorf("source %q", b6.Source)
	}
}

func TestICABogotaHasNoDateWithoutData(t *testing.T) {
	if got, ok := Embedded().DeadlineFor(ICABogotaBimestral, "2027-B1", 0, ""); ok {
		t.Errorf("a date without data: %+v", got)
	}
	got := Embedded().Deadlines(ICABogotaBimestral, "", d("2026-12-01"), d("2027-12-31"))
	if len(got) != 2 || got[0].Period != "2026-B5" || got[1].Period != "2026-B6" {
		t.Errorf("Deadlines = %+v, want 2026-B5 and 2026-B6 only", got)
	}
}
