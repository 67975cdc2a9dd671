package notify_test

import (
	"strings"
	"testing"
	"time"

	"vigia/app"
)

// calendarDigest is the sample digest with one more company whose only
// alert the tax calendar wrote, as ref says.
func calendarDigest(t *testing.T, ref app.CalendarRef, detail string) app.Digest {
	t.Helper()
	d := sampleDigest(t)
	d.Companies = append(d.Companies, app.CompanyAlerts{
		Company: app.Company{ID: 9, Name: "Distribuidora Los Andes", NIT: "900.123.456-8"},
		Alerts: []app.Alert{{ID: 30, Title: "IVA bimestral · septiembre–octubre 2025", Detail: detail,
			Priority: app.PriorityLow, DueOn: day(2025, 12, 10), Calendar: &ref}},
	})
	return d
}

func official() app.CalendarRef {
	return app.CalendarRef{Obligation: "iva_bimestral", Period: "2025-B5", State: "oficial",
		Source: "Decreto 2229 de 2023 · calendario DIAN 2025"}
}

func TestDigestCitesTheSourceOfACalendarAlertInBothParts(t *testing.T) {
	// given an official calendar alert
	d := calendarDigest(t, official(), "")

	// when
	r := render(t, d, bogota(t))

	// then both parts cite its source after its due date, and say nothing of a computed or moved date
	for part, body := range map[string]string{"text": r.Text, "HTML": r.HTML} {
		assertInOrder(t, part, body, "IVA bimestral · septiembre–octubre 2025", "vence en 2 días",
			"Fuente: Decreto 2229 de 2023 · calendario DIAN 2025")
		for _, never := range []string{"Fecha calculada", "Fecha cambiada"} {
			if strings.Contains(body, never) {
				t.Errorf("%s part says %q of an official date that never moved", part, never)
			}
		}
	}
}

func TestDigestAsksToConfirmAComputedDate(t *testing.T) {
	// given a date DIAN has not published yet
	ref := official()
	ref.State, ref.Source = "calculada", "Decreto 2229 de 2023 · fecha calculada (calendario 2026 no publicado)"
	d := calendarDigest(t, ref, "")

	// when
	r := render(t, d, bogota(t))

	// then
	for part, body := range map[string]string{"text": r.Text, "HTML": r.HTML} {
		assertInOrder(t, part, body, "vence en 2 días", "Fecha calculada: confirme con el calendario oficial",
			"Fuente: Decreto 2229 de 2023 · fecha calculada (calendario 2026 no publicado)")
	}
}

func TestDigestSaysADateMovedForTwoWeeksAfterTheMove(t *testing.T) {
	// the sample digest is generated on Monday 8 December 2025 at 08:00 in Bogotá
	generated := sampleDigest(t).GeneratedAt
	for _, tc := range []struct {
		name    string
		movedAt time.Time
		says    bool
	}{
		{"moved this morning", generated.Add(-time.Hour), true},
		{"moved exactly 14 days before", generated.Add(-14 * 24 * time.Hour), true},
		{"moved 15 days before", generated.Add(-15 * 24 * time.Hour), false},
		{"never moved", time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// given an alert a calendar update moved from 15 April 2026
			ref := official()
			ref.MovedAt = tc.movedAt
			if !tc.movedAt.IsZero() {
				ref.PreviousDueOn = day(2026, 4, 15)
			}
			d := calendarDigest(t, ref, "")

			// when
			r := render(t, d, bogota(t))

			// then
			for part, body := range map[string]string{"text": r.Text, "HTML": r.HTML} {
				if got := strings.Contains(body, "Fecha cambiada: antes el 15 abr 2026"); got != tc.says {
					t.Errorf("%s part says the move: %v, want %v", part, got, tc.says)
				}
			}
		})
	}
}

func TestDigestLeavesOutTheDetailTheCalendarWroteButKeepsAnEditedOne(t *testing.T) {
	written := "Vence el 10 de diciembre de 2025. Último dígito del NIT (sin el de verificación): 6."
	for _, tc := range []struct {
		name   string
		edited bool
		shows  bool
	}{
		{"as the calendar wrote it", false, false},
		{"edited by the user", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// given a calendar alert with its detail
			ref := official()
			ref.Edited = tc.edited
			d := calendarDigest(t, ref, written)

			// when
			r := render(t, d, bogota(t))

			// then the detail shows only when the user edited the alert; a
			// manual alert's detail always shows
			for part, body := range map[string]string{"text": r.Text, "HTML": r.HTML} {
				if got := strings.Contains(body, "Último dígito del NIT"); got != tc.shows {
					t.Errorf("%s part shows the detail: %v, want %v", part, got, tc.shows)
				}
				assertContains(t, part, body, "Bimestre 5 sin presentar")
			}
		})
	}
}

func TestDigestEscapesACalendarSourceInHTML(t *testing.T) {
	// given a source as an imported calendar file could word it
	ref := official()
	ref.Source = `Resolución <b>SDH</b> & "anexo"`
	d := calendarDigest(t, ref, "")

	// when
	r := render(t, d, bogota(t))

	// then
	assertContains(t, "HTML", r.HTML, "Fuente: Resolución &lt;b&gt;SDH&lt;/b&gt; &amp; &#34;anexo&#34;")
	assertContains(t, "text", r.Text, `Fuente: Resolución <b>SDH</b> & "anexo"`)
}
