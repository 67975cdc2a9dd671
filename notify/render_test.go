package notify_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/notify"
)

func render(t *testing.T, d app.Digest, loc *time.Location) notify.Rendered {
	t.Helper()
	r, err := notify.Render(d, loc)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return r
}

func assertContains(t *testing.T, part, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s part lacks %q", part, w)
		}
	}
}

func assertInOrder(t *testing.T, part, body string, wants ...string) {
	t.Helper()
	last := -1
	for _, w := range wants {
		i := strings.Index(body, w)
		if i < 0 {
			t.Errorf("%s part lacks %q", part, w)
			return
		}
		if i < last {
			t.Errorf("%s part has %q out of order", part, w)
		}
		last = i
	}
}

func TestRenderSubjectIsTheDigestSubject(t *testing.T) {
	// given
	d := sampleDigest(t)

	// when
	r := render(t, d, bogota(t))

	// then
	if r.Subject != d.Subject() {
		t.Errorf("subject %q, want %q", r.Subject, d.Subject())
	}
	if r.Subject != "[Vigía] Notificación Diaria: 3 alertas (1 crítica)" {
		t.Errorf("subject %q", r.Subject)
	}
}

func TestRenderShowsSpanishGenerationDateAndSummaryInBothParts(t *testing.T) {
	// given
	d := sampleDigest(t)

	// when
	r := render(t, d, bogota(t))

	// then
	for part, body := range map[string]string{"HTML": r.HTML, "text": r.Text} {
		assertContains(t, part, body,
			"lunes 8 de diciembre de 2025, 08:00",
			"3 alertas, 1 crítica, 2 empresas",
			"Notificación Diaria")
	}
}

func TestRenderKeepsCompanyOrderAndGroupsAlertsUnderTheirCompany(t *testing.T) {
	// given: the store's order puts the company with the critical alert first
	d := sampleDigest(t)

	// when
	r := render(t, d, bogota(t))

	// then
	order := []string{"Comercial Andina S.A.S.", "Declaración de IVA", "Retención en la fuente",
		"Panadería El Trigal", "Renovar matrícula mercantil"}
	assertInOrder(t, "HTML", r.HTML, order...)
	assertInOrder(t, "text", r.Text, order...)
	assertContains(t, "text", r.Text,
		"Comercial Andina S.A.S. (NIT 900.123.456-7) — 2 alertas",
		"Panadería El Trigal — 1 alerta",
		"  [CRÍTICA] Declaración de IVA\n    Bimestre 5 sin presentar\n",
		"  [ALTA] Renovar matrícula mercantil\n")
}

func TestRenderShowsNITOnlyWhenTheCompanyHasOne(t *testing.T) {
	// given
	d := sampleDigest(t)

	// when
	r := render(t, d, bogota(t))

	// then
	assertContains(t, "HTML", r.HTML, "NIT 900.123.456-7")
	if n := strings.Count(r.HTML, "NIT "); n != 1 {
		t.Errorf("HTML shows %d NITs, want 1", n)
	}
	if n := strings.Count(r.Text, "NIT "); n != 1 {
		t.Errorf("text shows %d NITs, want 1", n)
	}
}

func TestRenderWritesDueDatesRelativeToTheGenerationDayWithTheirDate(t *testing.T) {
	// given: due dates are calendar dates at 00:00 UTC; Bogotá is UTC-5, so a
	// conversion to the zone would move them to the day before
	d := sampleDigest(t)

	// when
	r := render(t, d, bogota(t))

	// then
	for part, body := range map[string]string{"HTML": r.HTML, "text": r.Text} {
		assertContains(t, part, body,
			"vencida hace 3 días (viernes 5 de diciembre)",
			"vence en 7 días (lunes 15 de diciembre)")
		if strings.Contains(body, "14 de diciembre") || strings.Contains(body, "4 de diciembre") {
			t.Errorf("%s part shifted a due date by the zone", part)
		}
	}
	if n := strings.Count(r.Text, "vence ") + strings.Count(r.Text, "vencida "); n != 2 {
		t.Errorf("text has %d due lines, want 2 (the third alert has no due date)", n)
	}
}

func TestRenderSaysHowFarTheDueDateIs(t *testing.T) {
	tests := []struct {
		due  time.Time
		want string
	}{
		{day(2025, 12, 8), "vence hoy (lunes 8 de diciembre)"},
		{day(2025, 12, 9), "vence mañana (martes 9 de diciembre)"},
		{day(2025, 12, 10), "vence en 2 días (miércoles 10 de diciembre)"},
		{day(2025, 12, 7), "vencida ayer (domingo 7 de diciembre)"},
		{day(2025, 12, 5), "vencida hace 3 días (viernes 5 de diciembre)"},
		{day(2026, 1, 2), "vence en 25 días (viernes 2 de enero de 2026)"},
		{day(2024, 12, 8), "vencida hace 365 días (domingo 8 de diciembre de 2024)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			// given: generated on Monday 8 December 2025 at 08:00 in Bogotá
			d := sampleDigest(t)
			d.Companies[1].Alerts[0].DueOn = tt.due

			// when
			r := render(t, d, bogota(t))

			// then
			assertContains(t, "text", r.Text, "  [ALTA] Renovar matrícula mercantil\n    "+tt.want+"\n")
			assertContains(t, "HTML", r.HTML, ">"+tt.want+"</div>")
		})
	}
}

func TestRenderCountsDaysFromTheGenerationDayInTheGivenZone(t *testing.T) {
	// given: 22:00 on Monday in Bogotá is already Tuesday in UTC
	d := sampleDigest(t)
	d.GeneratedAt = time.Date(2025, 12, 8, 22, 0, 0, 0, bogota(t))
	d.Companies[1].Alerts[0].DueOn = day(2025, 12, 8)

	// when
	inBogota := render(t, d, bogota(t))
	inUTC := render(t, d, time.UTC)

	// then
	assertContains(t, "text", inBogota.Text, "vence hoy (lunes 8 de diciembre)", "\nlunes 8 de diciembre de 2025\n")
	assertContains(t, "text", inUTC.Text, "vencida ayer (lunes 8 de diciembre)", "\nmartes 9 de diciembre de 2025\n")
}

func TestRenderMarksOverdueAndImminentDueDates(t *testing.T) {
	// given: one alert overdue, one due tomorrow, one due in a week
	d := sampleDigest(t)
	d.Companies[1].Alerts[0].DueOn = day(2025, 12, 9)

	// when
	r := render(t, d, bogota(t))

	// then
	assertContains(t, "HTML", r.HTML,
		`color:#b42318;font-weight:bold;">vencida hace 3 días`,
		`color:#c4320a;font-weight:bold;">vence mañana`,
		`color:#667085;">vence en 7 días`)
}

func TestRenderShowsAndCountsTheEffectivePriority(t *testing.T) {
	// given: the ALTA alert was raised to CRITICA by its due date
	d := sampleDigest(t)
	d.Companies[1].Alerts[0].EffectivePriority = app.PriorityCritical
	d.Companies[1].Alerts[0].DueOn = day(2025, 12, 9)

	// when
	r := render(t, d, bogota(t))

	// then
	if want := "[Vigía] Notificación Diaria: 3 alertas (2 críticas)"; r.Subject != want {
		t.Errorf("subject %q, want %q", r.Subject, want)
	}
	for part, body := range map[string]string{"HTML": r.HTML, "text": r.Text} {
		assertContains(t, part, body, "3 alertas, 2 críticas, 2 empresas",
			"Prioridad asignada: ALTA (subió por el vencimiento)")
	}
	assertContains(t, "text", r.Text, "  [CRÍTICA] Renovar matrícula mercantil\n")
	if n := strings.Count(r.HTML, `">CRÍTICA</td>`); n != 2 {
		t.Errorf("HTML has %d CRÍTICA badges, want 2", n)
	}
	if n := strings.Count(r.Text, "Prioridad asignada"); n != 1 {
		t.Errorf("text notes %d raised priorities, want 1 (an effective priority equal to the given one is not news)", n)
	}
}

func TestRenderWritesTheSummaryInSingular(t *testing.T) {
	// given one critical alert of one company
	d := sampleDigest(t)
	d.Companies = d.Companies[:1]
	d.Companies[0].Alerts = d.Companies[0].Alerts[:1]

	// when
	r := render(t, d, bogota(t))

	// then
	assertContains(t, "text", r.Text, "\n1 alerta, 1 crítica, 1 empresa\n", "— 1 alerta\n")
	if r.Subject != "[Vigía] Notificación Diaria: 1 alerta (1 crítica)" {
		t.Errorf("subject %q", r.Subject)
	}
}

func TestRenderHTMLIsAnEmailSafeLayout(t *testing.T) {
	// given
	d := sampleDigest(t)

	// when
	r := render(t, d, bogota(t))

	// then: tables for layout, every one presentational; inline styles only;
	// nothing fetched from elsewhere; 640 px wide, also in Outlook
	if n, m := strings.Count(r.HTML, "<table"), strings.Count(r.HTML, `<table role="presentation"`); n == 0 || n != m {
		t.Errorf("%d tables, %d of them role=presentation", n, m)
	}
	for _, banned := range []string{"<img", "<link", "<style", "<script", "http://", "https://", "url("} {
		if strings.Contains(r.HTML, banned) {
			t.Errorf("HTML contains %q", banned)
		}
	}
	assertContains(t, "HTML", r.HTML, "max-width:640px",
		`<!--[if mso]><table role="presentation" width="640"`, "<![endif]-->",
		`<html lang="es"`, `charset=utf-8`)
	assertInOrder(t, "HTML", r.HTML, "Notificación Diaria", "lunes 8 de diciembre de 2025<", ">3 alertas, 1 crítica, 2 empresas</td>")
}

func TestRenderKeepsALargeDigestWhole(t *testing.T) {
	// given 300 companies with 20 alerts each
	d := sampleDigest(t)
	d.Companies = nil
	for i := range 300 {
		c := app.CompanyAlerts{Company: app.Company{ID: int64(i + 1), Name: fmt.Sprintf("Empresa %03d", i)}}
		for j := range 20 {
			c.Alerts = append(c.Alerts, app.Alert{ID: int64(i*20 + j + 1), Title: fmt.Sprintf("Alerta %03d-%02d", i, j), Priority: app.PriorityLow})
		}
		d.Companies = append(d.Companies, c)
	}

	// when
	r := render(t, d, bogota(t))

	// then
	for part, body := range map[string]string{"HTML": r.HTML, "text": r.Text} {
		assertContains(t, part, body, "6000 alertas, 0 críticas, 300 empresas", "Alerta 000-00", "Alerta 299-19")
		if n := strings.Count(body, "Alerta "); n != 6000 {
			t.Errorf("%s part shows %d alerts, want 6000", part, n)
		}
	}
}

func TestRenderGivesEachPriorityItsBadge(t *testing.T) {
	// given
	d := sampleDigest(t)
	d.Companies[1].Alerts = append(d.Companies[1].Alerts,
		app.Alert{Title: "m", Priority: app.PriorityMedium}, app.Alert{Title: "b", Priority: app.PriorityLow})

	// when
	r := render(t, d, bogota(t))

	// then
	for _, badge := range []string{
		`background-color:#b42318;padding:3px 7px;font-family:Arial,Helvetica,sans-serif;font-size:11px;font-weight:bold;color:#ffffff;white-space:nowrap;">CRÍTICA<`,
		`background-color:#c4320a;padding:3px 7px;font-family:Arial,Helvetica,sans-serif;font-size:11px;font-weight:bold;color:#ffffff;white-space:nowrap;">ALTA<`,
		`background-color:#a15c07;padding:3px 7px;font-family:Arial,Helvetica,sans-serif;font-size:11px;font-weight:bold;color:#ffffff;white-space:nowrap;">MEDIA<`,
		`background-color:#475467;padding:3px 7px;font-family:Arial,Helvetica,sans-serif;font-size:11px;font-weight:bold;color:#ffffff;white-space:nowrap;">BAJA<`,
	} {
		assertContains(t, "HTML", r.HTML, badge)
	}
}

func TestRenderEscapesUserTextInHTML(t *testing.T) {
	// given
	d := sampleDigest(t)
	d.TriggerName = `Diario "<b>"`
	d.Companies[0].Company.Name = "Tom & Jerry <S.A.S.>"
	d.Companies[0].Alerts[0].Title = "<script>alert('x')</script>"
	d.Companies[0].Alerts[0].Detail = `<img src=x onerror="alert(1)">`

	// when
	r := render(t, d, bogota(t))

	// then
	for _, raw := range []string{"<script>", "<img", "<b>", "<S.A.S.>"} {
		if strings.Contains(r.HTML, raw) {
			t.Errorf("HTML contains unescaped %q", raw)
		}
	}
	assertContains(t, "HTML", r.HTML, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "Tom &amp; Jerry &lt;S.A.S.&gt;")
	assertContains(t, "text", r.Text, "<script>alert('x')</script>", "Tom & Jerry <S.A.S.>")
}

func TestRenderWithoutCompaniesSaysThereAreNoOpenAlerts(t *testing.T) {
	// given: a trigger with enviar_sin_alertas and nothing open
	d := sampleDigest(t)
	d.Companies = nil

	// when
	r := render(t, d, bogota(t))

	// then
	const note = "No hay alertas abiertas con las prioridades CRITICA, ALTA."
	assertContains(t, "HTML", r.HTML, note, "0 alertas, 0 críticas, 0 empresas")
	assertContains(t, "text", r.Text, note, "0 alertas, 0 críticas, 0 empresas")
	if r.Subject != "[Vigía] Notificación Diaria: 0 alertas (0 críticas)" {
		t.Errorf("subject %q", r.Subject)
	}
}

func TestRenderWithoutCompaniesNamesASinglePriority(t *testing.T) {
	// given
	d := sampleDigest(t)
	d.Companies, d.Priorities = nil, []app.Priority{app.PriorityLow}

	// when
	r := render(t, d, bogota(t))

	// then
	assertContains(t, "text", r.Text, "No hay alertas abiertas con la prioridad BAJA.")
}

func TestRenderShowsTheGenerationTimeInTheGivenZone(t *testing.T) {
	// given
	d := sampleDigest(t)

	// when
	inUTC := render(t, d, time.UTC)
	inDigestZone := render(t, d, nil)

	// then
	assertContains(t, "text", inUTC.Text, "lunes 8 de diciembre de 2025, 13:00")
	assertContains(t, "text", inDigestZone.Text, "lunes 8 de diciembre de 2025, 08:00")
}

func TestRenderWritesEveryWeekdayAndMonthInSpanish(t *testing.T) {
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2025, 1, 1, 0, 5, 0, 0, time.UTC), "miércoles 1 de enero de 2025, 00:05"},
		{time.Date(2025, 2, 6, 9, 0, 0, 0, time.UTC), "jueves 6 de febrero de 2025, 09:00"},
		{time.Date(2025, 3, 7, 23, 59, 0, 0, time.UTC), "viernes 7 de marzo de 2025, 23:59"},
		{time.Date(2025, 4, 5, 12, 0, 0, 0, time.UTC), "sábado 5 de abril de 2025, 12:00"},
		{time.Date(2025, 5, 4, 12, 0, 0, 0, time.UTC), "domingo 4 de mayo de 2025, 12:00"},
		{time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), "lunes 2 de junio de 2025, 12:00"},
		{time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC), "martes 1 de julio de 2025, 12:00"},
		{time.Date(2025, 8, 1, 12, 0, 0, 0, time.UTC), "viernes 1 de agosto de 2025, 12:00"},
		{time.Date(2025, 9, 30, 12, 0, 0, 0, time.UTC), "martes 30 de septiembre de 2025, 12:00"},
		{time.Date(2025, 10, 31, 12, 0, 0, 0, time.UTC), "viernes 31 de octubre de 2025, 12:00"},
		{time.Date(2025, 11, 30, 12, 0, 0, 0, time.UTC), "domingo 30 de noviembre de 2025, 12:00"},
		{time.Date(2025, 12, 25, 12, 0, 0, 0, time.UTC), "jueves 25 de diciembre de 2025, 12:00"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			// given
			d := sampleDigest(t)
			d.GeneratedAt = tt.at

			// when
			r := render(t, d, time.UTC)

			// then
			assertContains(t, "text", r.Text, "generado automáticamente por Vigía el "+tt.want+".\n")
		})
	}
}

func TestRenderEscapesAnUnknownPriorityInItsBadge(t *testing.T) {
	// given: a priority outside the product's four (an old row, a bad import)
	d := sampleDigest(t)
	d.Companies[0].Alerts[0].Priority = "<i>URGENTE</i>"

	// when
	r := render(t, d, bogota(t))

	// then
	if strings.Contains(r.HTML, "<i>URGENTE") {
		t.Error("HTML contains the unescaped priority")
	}
	assertContains(t, "HTML", r.HTML, "&lt;i&gt;URGENTE&lt;/i&gt;</td>")
	assertContains(t, "text", r.Text, "[<i>URGENTE</i>] Declaración de IVA")
}
