package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
	"vigia/messages"
)

// editedCalendar is the embedded calendar file as version with its lines
// replaced: old → new pairs, each found exactly once.
func editedCalendar(t *testing.T, version string, pairs ...string) []byte {
	t.Helper()
	b := taxcal.EmbeddedData()
	cur := taxcal.Embedded().Info().Version
	b = bytes.Replace(b, []byte(`"version": "`+cur+`"`), []byte(`"version": "`+version+`"`), 1)
	for i := 0; i < len(pairs); i += 2 {
		if n := bytes.Count(b, []byte(pairs[i])); n != 1 {
			t.Fatalf("%q is found %d times in the calendar file", pairs[i], n)
		}
		b = bytes.Replace(b, []byte(pairs[i]), []byte(pairs[i+1]), 1)
	}
	return b
}

const (
	retencionMarch2026 = `{"obligacion": "retencion_fuente", "periodo": "2026-03", "fechas": ["2026-04-13", "2026-04-14", "2026-04-15", "2026-04-16", "2026-04-20", "2026-04-21", "2026-04-22", "2026-04-23", "2026-04-24", "2026-04-27"]}`
	// DIAN extends digit 0 by a day.
	retencionMarch2026Extended = `{"obligacion": "retencion_fuente", "periodo": "2026-03", "fechas": ["2026-04-13", "2026-04-14", "2026-04-15", "2026-04-16", "2026-04-20", "2026-04-21", "2026-04-22", "2026-04-23", "2026-04-24", "2026-04-28"]}`
)

func TestAnImportedCalendarThatMovesADateMovesTheAlertAndSaysSo(t *testing.T) {
	// given a company whose NIT ends in 0, with retención, on the embedded calendar
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	c := w.client(t, "Acme S.A.S.", nitEnding(0), "retencion_fuente")
	before := alertOf(t, w.calendarAlerts(t, c.ID), "retencion_fuente", "2026-03", 0)
	if !before.DueOn.Equal(dateOn("2026-04-27")) {
		t.Fatalf("before: due %s", before.DueOn)
	}
	file := editedCalendar(t, "2026.9", retencionMarch2026, retencionMarch2026Extended)

	// when the file that extends it is tried first
	st, sync, err := w.svc.ImportCalendar(ctx, file, true)
	if err != nil {
		t.Fatal(err)
	}

	// then the dry run counts the move and changes nothing
	if sync != (app.CalendarSync{Moved: 1}) || st.Info.Version != "2026.9" || !st.Imported {
		t.Fatalf("dry run = %+v, %+v", sync, st)
	}
	if got := messages.Text("es", sync.Summary(true)); got != "Simulación, no se guardó nada: el calendario daría 0 alertas nuevas, 1 fecha movida, 0 alertas cerradas y 0 fuentes actualizadas." {
		t.Errorf("dry run summary = %q", got)
	}
	if now, _ := w.svc.CalendarStatus(ctx); now.Info.Version == "2026.9" || now.Imported {
		t.Fatalf("status after the dry run = %+v", now)
	}
	if a := alertOf(t, w.calendarAlerts(t, c.ID), "retencion_fuente", "2026-03", 0); !a.DueOn.Equal(before.DueOn) {
		t.Fatal("the dry run moved the alert")
	}

	// when it is imported, an hour later
	w.clock.Advance(time.Hour)
	st, sync, err = w.svc.ImportCalendar(ctx, file, false)
	if err != nil {
		t.Fatal(err)
	}

	// then the alert moved to 28 April, remembering 27 April and when
	a := alertOf(t, w.calendarAlerts(t, c.ID), "retencion_fuente", "2026-03", 0)
	if sync != (app.CalendarSync{Moved: 1}) || st.Info.Version != "2026.9" || !st.Imported {
		t.Fatalf("import = %+v, %+v", sync, st)
	}
	if !a.DueOn.Equal(dateOn("2026-04-28")) || !a.Calendar.PreviousDueOn.Equal(dateOn("2026-04-27")) || !a.Calendar.MovedAt.Equal(w.clock.Now()) || !a.Open {
		t.Fatalf("moved alert: due %s, previous %s, at %s", a.DueOn, a.Calendar.PreviousDueOn, a.Calendar.MovedAt)
	}
	if !strings.HasSuffix(a.Detail, "La fecha cambió del 27 de abril de 2026 al 28 de abril de 2026 (calendario 2026.9).") {
		t.Errorf("detail = %q", a.Detail)
	}
	if now, _ := w.svc.CalendarStatus(ctx); now.Info.Version != "2026.9" || !now.Imported {
		t.Fatalf("status after the import = %+v", now)
	}

	// and a later file that only re-cites the year refreshes the source and keeps the change said
	file = editedCalendar(t, "2026.10", retencionMarch2026, retencionMarch2026Extended,
		`"anio": 2026, "calendario": "dian", "norma": "Decreto 2229 de 2023"`, `"anio": 2026, "calendario": "dian", "norma": "Decreto 2229 de 2023 y Comunicado DIAN 31 de 2026"`)
	_, sync, err = w.svc.ImportCalendar(ctx, file, false)
	if err != nil {
		t.Fatal(err)
	}
	r := alertOf(t, w.calendarAlerts(t, c.ID), "retencion_fuente", "2026-03", 0)
	if sync.Refreshed == 0 || sync.Moved != 0 || !strings.Contains(r.Calendar.Source, "Comunicado DIAN 31") ||
		!strings.Contains(r.Detail, "Comunicado DIAN 31") || !strings.HasSuffix(r.Detail, "(calendario 2026.9).") {
		t.Fatalf("refresh = %+v; alert %+v %q", sync, *r.Calendar, r.Detail)
	}
}

func TestABadOrOlderCalendarFileIsRefusedNamingWhereAndChangesNothing(t *testing.T) {
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	saturday := `"2026-04-27"]}` // digit 0 of March's retención moved to a Saturday
	for _, tc := range []struct {
		name string
		file []byte
		code app.Code
		says string
	}{
		{"empty", []byte("  "), app.CodeCalendarFileEmpty, "El archivo del calendario está vacío."},
		{"not JSON", []byte("{\n  \"version\": \"2027.1\",\n  ,"), app.CodeCalendarDataBadJSON, "El archivo del calendario no es JSON válido (línea 3)."},
		{"a year as text", []byte(`{"anios": [{"anio": "2027"}]}`), app.CodeCalendarDataWrongType, "En anios.anio del archivo del calendario hay un valor de otro tipo: se esperaba un número."},
		{"a field it lacks", []byte(`{"versión": "2027.1"}`), app.CodeCalendarDataUnknownField, "El archivo del calendario tiene un campo que Vigía no conoce: \"versión\"."},
		{"a Saturday", editedCalendar(t, "2026.9", retencionMarch2026, strings.Replace(retencionMarch2026, saturday, `"2026-04-25"]}`, 1)), app.CodeCalendarDataNotBusinessDay, "La fecha 2026-04-25 en anios["},
		{"older", editedCalendar(t, "2025.1"), app.CodeCalendarFileOlder, "El archivo es el calendario 2025.1, anterior al"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, dry := range []bool{true, false} {
				_, _, err := w.svc.ImportCalendar(ctx, tc.file, dry)
				var ve *app.ValidationError
				if !errors.As(err, &ve) || ve.Problems["archivo"].Code != tc.code {
					t.Fatalf("dry %v: %v, want %s on archivo", dry, err, tc.code)
				}
				if got := messages.Text("es", ve.Problems["archivo"]); !strings.Contains(got, tc.says) {
					t.Errorf("words %q lack %q", got, tc.says)
				}
			}
		})
	}
	if st, _ := w.svc.CalendarStatus(ctx); st.Imported {
		t.Fatal("a refused file was stored")
	}
}

func TestDueDateQuestionsAreCheckedFieldByFieldInWords(t *testing.T) {
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	for _, tc := range []struct {
		q     app.DeadlineQuery
		field string
		code  app.Code
		says  string
	}{
		{app.DeadlineQuery{NIT: "900123456"}, "obligacion", app.CodeObligationRequired, "Indique la obligación"},
		{app.DeadlineQuery{Obligation: "iva_mensual", NIT: "900123456"}, "obligacion", app.CodeObligationUnknown, `Obligación desconocida "iva_mensual"`},
		{app.DeadlineQuery{Obligation: "retencion_fuente"}, "nit", app.CodeDeadlineNITRequired, "Indique el NIT: las fechas de «Retención en la fuente» dependen"},
		{app.DeadlineQuery{Obligation: "retencion_fuente", NIT: "90A123"}, "nit", app.CodeNITCharacters, "NIT inválido"},
		{app.DeadlineQuery{Obligation: "retencion_fuente", NIT: "900123456-1"}, "nit", app.CodeNITCheckDigitWrong, "el dígito de verificación de 900123456 es 8"},
		{app.DeadlineQuery{Obligation: "retencion_fuente", NIT: "900123456", From: "2026-02-30"}, "desde", app.CodeDateInvalid, ""},
		{app.DeadlineQuery{Obligation: "retencion_fuente", NIT: "900123456", To: "1999-12-31"}, "hasta", app.CodeDateOutOfRange, ""},
		{app.DeadlineQuery{Obligation: "retencion_fuente", NIT: "900123456", From: "2026-05-01", To: "2026-04-01"}, "hasta", app.CodeDeadlineRangeReversed, "El rango termina (2026-04-01) antes de empezar (2026-05-01)."},
		{app.DeadlineQuery{Obligation: "retencion_fuente", NIT: "900123456", From: "2026-01-01", To: "2031-01-02"}, "hasta", app.CodeDeadlineRangeTooLong, "más de 5 años"},
	} {
		_, err := w.svc.Deadlines(ctx, tc.q)
		var ve *app.ValidationError
		if !errors.As(err, &ve) || ve.Problems[tc.field].Code != tc.code {
			t.Errorf("%+v: %v, want %s on %s", tc.q, err, tc.code, tc.field)
			continue
		}
		if got := messages.Text("es", ve.Problems[tc.field]); !strings.Contains(got, tc.says) || got == string(tc.code) {
			t.Errorf("%+v: words %q lack %q", tc.q, got, tc.says)
		}
	}

	// and a good question is answered with and without the check digit, and without a NIT where none keys the date
	for _, nit := range []string{"900.123.456-8", "900123456"} {
		ds, err := w.svc.Deadlines(ctx, app.DeadlineQuery{Obligation: "retencion_fuente", NIT: nit, From: "2026-04-01", To: "2026-04-30"})
		if err != nil || len(ds) != 1 || ds[0].Period != "2026-03" || !ds[0].DueOn.Equal(dateOn("2026-04-21")) || ds[0].State != taxcal.StateOfficial {
			t.Fatalf("NIT %s: %+v, %v", nit, ds, err)
		}
	}
	ds, err := w.svc.Deadlines(ctx, app.DeadlineQuery{Obligation: "ica_bogota_bimestral", From: "2026-01-01", To: "2026-12-31"})
	if err != nil || len(ds) != 6 || !ds[0].DueOn.Equal(dateOn("2026-02-13")) {
		t.Fatalf("ICA 2026: %+v, %v", ds, err)
	}
	if ds, err := w.svc.Deadlines(ctx, app.DeadlineQuery{Obligation: "iva_bimestral", NIT: "900123456"}); err != nil || len(ds) != 6 || ds[0].DueOn.Before(dateOn("2026-03-02")) {
		t.Fatalf("IVA from today for a year: %+v, %v", ds, err)
	}
}

func TestResponsibilitiesAreCheckedOrderedAndDeduplicated(t *testing.T) {
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	c, err := w.svc.CreateCompany(ctx, app.CompanyDraft{Name: ptr("Acme"), NIT: ptr("900123456"),
		Responsibilities: &[]string{"iva_bimestral", " retencion_fuente ", "retencion_fuente", ""}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Responsibilities, ",") != "retencion_fuente,iva_bimestral" {
		t.Fatalf("responsibilities = %q", c.Responsibilities)
	}
	for _, tc := range []struct {
		codes []string
		code  app.Code
		says  string
	}{
		{[]string{"retencion_fuente", "renta"}, app.CodeResponsibilityUnknown, `Responsabilidad desconocida "renta"`},
		{[]string{"iva_cuatrimestral", "iva_bimestral"}, app.CodeResponsibilitiesExclusive, "«IVA bimestral» y «IVA cuatrimestral» no van juntas"},
		{[]string{"renta_personas_naturales", "renta_grandes_contribuyentes"}, app.CodeResponsibilitiesExclusive, "no van juntas"},
	} {
		_, err := w.svc.UpdateCompany(ctx, c.ID, app.CompanyDraft{Responsibilities: &tc.codes})
		var ve *app.ValidationError
		if !errors.As(err, &ve) || ve.Problems["responsabilidades"].Code != tc.code {
			t.Fatalf("%v: %v, want %s", tc.codes, err, tc.code)
		}
		if got := messages.Text("es", ve.Problems["responsabilidades"]); !strings.Contains(got, tc.says) {
			t.Errorf("%v: words %q lack %q", tc.codes, got, tc.says)
		}
	}
	if got, _ := w.svc.Company(ctx, c.ID); strings.Join(got.Responsibilities, ",") != "retencion_fuente,iva_bimestral" {
		t.Fatalf("a refused update changed the company: %q", got.Responsibilities)
	}
}

func TestACompanyWithoutNITGetsOnlyTheDatesNoDigitKeysAndTheStatusSaysSo(t *testing.T) {
	// given a company without NIT owing retención and ICA Bogotá
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	c := w.client(t, "Sin NIT Ltda.", "", "retencion_fuente", "ica_bogota_bimestral")

	// then it has ICA's alerts only
	alerts := w.calendarAlerts(t, c.ID)
	if len(alerts) != 6 {
		t.Fatalf("alerts = %d, want ICA's 6", len(alerts))
	}
	for _, a := range alerts {
		if a.Calendar.Obligation != "ica_bogota_bimestral" || !strings.Contains(a.Detail, "Una sola fecha para todos los NIT.") {
			t.Errorf("alert %+v %q", *a.Calendar, a.Detail)
		}
	}
	st, err := w.svc.CalendarStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	notices := st.Notices()
	if len(st.WithoutNIT) != 1 || st.WithoutNIT[0] != "Sin NIT Ltda." ||
		messages.Text("es", notices[len(notices)-1]) != "La empresa «Sin NIT Ltda.» no tiene NIT: no recibe alertas de las obligaciones que dependen de él." {
		t.Fatalf("status = %+v", st)
	}

	// and once it has a NIT, retención's alerts follow
	if _, err := w.svc.UpdateCompany(ctx, c.ID, app.CompanyDraft{NIT: ptr(nitEnding(6))}); err != nil {
		t.Fatal(err)
	}
	if n := len(w.calendarAlerts(t, c.ID)); n <= 6 {
		t.Fatalf("alerts with a NIT = %d", n)
	}
}

func TestNextDeadlinesPreviewTheComingDatesOfTheTickedObligations(t *testing.T) {
	w := newWorld(t, withClockAt(march2))
	got := w.svc.NextDeadlines("900123456-8", []string{"iva_bimestral", "retencion_fuente", "no_existe"}, 3)
	if len(got) != 3 {
		t.Fatalf("got %d", len(got))
	}
	for i := 1; i < len(got); i++ {
		if got[i].DueOn.Before(got[i-1].DueOn) {
			t.Fatalf("not by date: %+v", got)
		}
	}
	first := taxcal.Embedded().Deadlines("retencion_fuente", "900123456", dateOn("2026-03-02"), dateOn("2026-04-30"))[0]
	if got[0].DueOn.After(first.DueOn) || got[0].DueOn.Before(dateOn("2026-03-02")) {
		t.Errorf("first = %+v, want on or before %s", got[0], first.DueOn)
	}
	if none := w.svc.NextDeadlines("", []string{"retencion_fuente"}, 3); len(none) != 0 {
		t.Errorf("without a NIT: %+v", none)
	}
	if ica := w.svc.NextDeadlines("", []string{"ica_bogota_bimestral"}, 2); len(ica) != 2 || !ica[0].DueOn.Equal(dateOn("2026-04-10")) {
		t.Errorf("ICA without a NIT: %+v", ica)
	}
}

// calendarWith2027 is the embedded calendar file, as version, with a DIAN
// 2027 year whose dates are the ones the rule computes: what DIAN would
// publish if nothing moved.
func calendarWith2027(t *testing.T, version string) []byte {
	t.Helper()
	var file map[string]any
	if err := json.Unmarshal(taxcal.EmbeddedData(), &file); err != nil {
		t.Fatal(err)
	}
	cal := taxcal.Embedded()
	from, to := dateOn("2027-01-01"), dateOn("2027-12-31")
	var entries []map[string]any
	for _, o := range taxcal.Obligations() {
		if o.Group != taxcal.GroupNational {
			continue
		}
		for _, d := range cal.Deadlines(o.Code, "900000001", from, to) {
			e := map[string]any{"obligacion": o.Code, "periodo": d.Period}
			if d.Installment != 0 {
				e["cuota"] = d.Installment
			}
			dueFor := func(ending string) string {
				x, ok := cal.DeadlineFor(o.Code, d.Period, d.Installment, "9000000"+ending)
				if !ok {
					t.Fatalf("no computed date of %s %s for %s", o.Code, d.Period, ending)
				}
				return x.DueOn.Format(app.DateLayout)
			}
			if o.Key == taxcal.KeyLastTwoDigits {
				var blocks []map[string]any
				for n := 1; n <= 99; n += 2 {
					blocks = append(blocks, map[string]any{"desde": fmt.Sprintf("%02d", n), "hasta": fmt.Sprintf("%02d", (n+1)%100), "fecha": dueFor(fmt.Sprintf("%02d", n))})
				}
				e["bloques"] = blocks
			} else {
				var dates []string
				for _, digit := range "1234567890" {
					dates = append(dates, dueFor("0"+string(digit)))
				}
				e["fechas"] = dates
			}
			entries = append(entries, e)
		}
	}
	file["version"] = version
	file["anios"] = append(file["anios"].([]any), map[string]any{
		"anio": 2027, "calendario": "dian", "norma": "Decreto 2229 de 2023",
		"fuente_url": "https://normograma.dian.gov.co/dian/compilacion/docs/decreto_2229_2023.htm", "vencimientos": entries,
	})
	b, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWhenNextYearsCalendarIsPublishedComputedDatesBecomeOfficialWithoutMoving(t *testing.T) {
	// given December 2026, a company whose January 2027 retención is calculada
	w := newWorld(t, withClockAt(time.Date(2026, 12, 3, 9, 0, 0, 0, bogota)))
	ctx := context.Background()
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")
	jan := alertOf(t, w.calendarAlerts(t, c.ID), "retencion_fuente", "2026-12", 0)
	if jan.Calendar.State != taxcal.StateComputed {
		t.Fatalf("January before = %+v", *jan.Calendar)
	}

	// when DIAN's 2027 calendar, as the rule computed it, is imported
	st, sync, err := w.svc.ImportCalendar(ctx, calendarWith2027(t, "2027.1"), false)
	if err != nil {
		t.Fatal(err)
	}

	// then the 2027 alerts are oficial on the same dates, cite the 2027 calendar and no longer ask to confirm
	after := alertOf(t, w.calendarAlerts(t, c.ID), "retencion_fuente", "2026-12", 0)
	if sync.Moved != 0 || sync.Refreshed < 11 || st.MissingYear != 0 || !slices.Contains(st.Info.OfficialYears, 2027) {
		t.Fatalf("import = %+v, status %+v", sync, st)
	}
	if !after.DueOn.Equal(jan.DueOn) || after.Calendar.State != taxcal.StateOfficial || !after.Calendar.PreviousDueOn.IsZero() ||
		after.Calendar.Source != "Decreto 2229 de 2023 · calendario DIAN 2027" || strings.Contains(after.Detail, "calculada") {
		t.Fatalf("January after = %s %+v %q", after.DueOn, *after.Calendar, after.Detail)
	}
}
