package app_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
	"vigia/messages"
	"vigia/storage"
)

// march2 is a Monday of 2026, a year whose calendar DIAN published.
var march2 = time.Date(2026, 3, 2, 8, 0, 0, 0, bogota)

// countingStore counts the regenerations that reach the database.
type countingStore struct {
	*storage.Store
	applies atomic.Int32
}

func (s *countingStore) ApplyCalendar(ctx context.Context, c app.CalendarChanges) (app.CalendarChanges, error) {
	s.applies.Add(1)
	return s.Store.ApplyCalendar(ctx, c)
}

func withCountingStore(out **countingStore) worldOption {
	return func(c *worldConfig) {
		c.wrap = func(st *storage.Store) app.Store {
			*out = &countingStore{Store: st}
			return *out
		}
	}
}

// client creates a company with nit and responsibilities.
func (w *world) client(t *testing.T, name, nit string, codes ...string) app.Company {
	t.Helper()
	c, err := w.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: ptr(name), NIT: ptr(nit), Responsibilities: &codes})
	if err != nil {
		t.Fatalf("create company %s: %v", name, err)
	}
	return c
}

// calendarAlerts are the calendar's alerts of company as saved, by due date then ID.
func (w *world) calendarAlerts(t *testing.T, company int64) []app.Alert {
	t.Helper()
	all, err := w.store.CalendarAlerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []app.Alert
	for _, a := range all {
		if a.CompanyID == company {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b app.Alert) int {
		if c := a.DueOn.Compare(b.DueOn); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out
}

// alertOf finds the alert of one period of obligation.
func alertOf(t *testing.T, alerts []app.Alert, obligation, period string, installment int) app.Alert {
	t.Helper()
	for _, a := range alerts {
		if a.Calendar.Obligation == obligation && a.Calendar.Period == period && a.Calendar.Installment == installment {
			return a
		}
	}
	t.Fatalf("no alert of %s %s cuota %d among %d", obligation, period, installment, len(alerts))
	return app.Alert{}
}

func dateOn(s string) time.Time {
	d, err := time.Parse(app.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

// nitEnding is a valid NIT with its check digit whose base ends in digit.
func nitEnding(digit int) string {
	base := fmt.Sprintf("90012345%d", digit)
	return fmt.Sprintf("%s-%d", base, app.NITCheckDigit(base))
}

func TestACompanysResponsibilitiesWriteItsAlertsFromTheCalendarOnce(t *testing.T) {
	// given a service on 2 March 2026 counting its calendar writes and events
	var cs *countingStore
	w := newWorld(t, withClockAt(march2), withCountingStore(&cs))
	ctx := context.Background()
	var changed atomic.Int32
	w.svc.Subscribe(func(e app.Event) {
		if e.Kind == app.EventCalendarChanged {
			changed.Add(1)
		}
	})

	// when a company whose NIT ends in 6 is given retención en la fuente
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")

	// then it has one alert per due date of the next 12 months, as the calendar dates them
	alerts := w.calendarAlerts(t, c.ID)
	today := dateOn("2026-03-02")
	want := taxcal.Embedded().Deadlines("retencion_fuente", "900123456", today, today.AddDate(0, 12, 0))
	if len(alerts) != len(want) || len(want) < 12 {
		t.Fatalf("alerts = %d, deadlines = %d", len(alerts), len(want))
	}
	for i, d := range want {
		if !alerts[i].DueOn.Equal(d.DueOn) || alerts[i].Calendar.Period != d.Period || alerts[i].Title != taxcal.Title(d) {
			t.Errorf("alert %d = %s %s %q, want %s %s", i, alerts[i].DueOn.Format(app.DateLayout), alerts[i].Calendar.Period, alerts[i].Title, d.DueOn.Format(app.DateLayout), d.Period)
		}
	}
	april := alertOf(t, alerts, "retencion_fuente", "2026-03", 0)
	if !april.DueOn.Equal(dateOn("2026-04-21")) || april.Priority != app.PriorityLow || !april.Open ||
		april.Origin() != app.AlertOriginCalendar || april.Calendar.State != taxcal.StateOfficial || april.Calendar.Edited {
		t.Fatalf("March's alert = %+v %+v", april, *april.Calendar)
	}
	for _, part := range []string{"Vence el 21 de abril de 2026.", "Último dígito del NIT (sin el de verificación): 6.", "Fuente: Decreto 2229 de 2023 · calendario DIAN 2026."} {
		if !strings.Contains(april.Detail, part) {
			t.Errorf("detail %q lacks %q", april.Detail, part)
		}
	}
	if april.Title != "Retención en la fuente · marzo 2026" {
		t.Errorf("title = %q", april.Title)
	}
	if cs.applies.Load() != 1 || changed.Load() != 1 {
		t.Fatalf("applies = %d, events = %d; want 1 and 1", cs.applies.Load(), changed.Load())
	}

	// and regenerating again, a minute later, writes nothing and says so
	w.clock.Advance(time.Minute)
	sync, err := w.svc.RegenerateCalendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sync != (app.CalendarSync{}) || cs.applies.Load() != 1 || changed.Load() != 1 {
		t.Fatalf("second regeneration = %+v, applies %d, events %d", sync, cs.applies.Load(), changed.Load())
	}
	if again := w.calendarAlerts(t, c.ID); !slices.EqualFunc(again, alerts, func(a, b app.Alert) bool {
		return a.ID == b.ID && a.UpdatedAt.Equal(b.UpdatedAt) && a.Detail == b.Detail
	}) {
		t.Fatal("the alerts changed on a regeneration with nothing new")
	}
	st, err := w.svc.CalendarStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !st.LastSync.Equal(w.clock.Now()) || st.Horizon != app.DefaultCalendarHorizon || st.Imported || st.Info.Version == "" {
		t.Fatalf("status = %+v", st)
	}
}

func TestResolvedStaysResolvedAndEditedKeepsItsEdit(t *testing.T) {
	// given a company with retención whose March alert was resolved and April's edited
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")
	alerts := w.calendarAlerts(t, c.ID)
	march, april := alertOf(t, alerts, "retencion_fuente", "2026-03", 0), alertOf(t, alerts, "retencion_fuente", "2026-04", 0)
	if _, err := w.svc.ResolveAlert(ctx, march.ID, "Presentada"); err != nil {
		t.Fatal(err)
	}
	edited, err := w.svc.UpdateAlert(ctx, april.ID, app.AlertDraft{DueOn: ptr("2026-05-18")})
	if err != nil {
		t.Fatal(err)
	}
	if !edited.Calendar.Edited || edited.Calendar.State != taxcal.StateEdited {
		t.Fatalf("edited alert's calendar = %+v", *edited.Calendar)
	}
	renamed, err := w.svc.UpdateAlert(ctx, alertOf(t, alerts, "retencion_fuente", "2026-05", 0).ID, app.AlertDraft{Title: ptr("Retención de mayo")})
	if err != nil {
		t.Fatal(err)
	}
	if !renamed.Calendar.Edited || renamed.Calendar.State != taxcal.StateOfficial {
		t.Fatalf("renamed alert's calendar = %+v, want edited, date still oficial", *renamed.Calendar)
	}

	// when the NIT changes its last digit (every date moves) and the calendar regenerates
	if _, err := w.svc.UpdateCompany(ctx, c.ID, app.CompanyDraft{NIT: ptr(nitEnding(0))}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.RegenerateCalendar(ctx); err != nil {
		t.Fatal(err)
	}

	// then the resolved one stays resolved on its date, the edited ones as the user left them, and nothing is duplicated
	after := w.calendarAlerts(t, c.ID)
	if len(after) != len(alerts) {
		t.Fatalf("alerts %d -> %d", len(alerts), len(after))
	}
	m := alertOf(t, after, "retencion_fuente", "2026-03", 0)
	if m.Open || m.ResolutionNote != "Presentada" || !m.DueOn.Equal(dateOn("2026-04-21")) {
		t.Errorf("resolved alert = %+v", m)
	}
	a := alertOf(t, after, "retencion_fuente", "2026-04", 0)
	if !a.DueOn.Equal(dateOn("2026-05-18")) || a.Calendar.State != taxcal.StateEdited || !a.Calendar.MovedAt.IsZero() {
		t.Errorf("edited alert = %s %+v", a.DueOn.Format(app.DateLayout), *a.Calendar)
	}
	if r := alertOf(t, after, "retencion_fuente", "2026-05", 0); r.Title != "Retención de mayo" || !r.Calendar.MovedAt.IsZero() {
		t.Errorf("renamed alert = %q %+v", r.Title, *r.Calendar)
	}

	// and the due-date question for that NIT shows the user's date as editada
	ds, err := w.svc.Deadlines(ctx, app.DeadlineQuery{Obligation: "retencion_fuente", NIT: nitEnding(0), From: "2026-05-01", To: "2026-05-31"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].State != taxcal.StateEdited || !ds[0].DueOn.Equal(dateOn("2026-05-18")) {
		t.Fatalf("deadlines = %+v", ds)
	}
}

func TestANITChangeMovesTheOpenAlertsAndSaysFromWhichDate(t *testing.T) {
	// given a company whose NIT ends in 6, with retención
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")
	before := w.calendarAlerts(t, c.ID)

	// when its NIT is corrected to one ending in 0, an hour later
	w.clock.Advance(time.Hour)
	if _, err := w.svc.UpdateCompany(ctx, c.ID, app.CompanyDraft{NIT: ptr(nitEnding(0))}); err != nil {
		t.Fatal(err)
	}

	// then every open alert moved to the date of digit 0, and says so
	after := w.calendarAlerts(t, c.ID)
	if len(after) != len(before) {
		t.Fatalf("alerts %d -> %d", len(before), len(after))
	}
	a := alertOf(t, after, "retencion_fuente", "2026-03", 0)
	if !a.DueOn.Equal(dateOn("2026-04-27")) || !a.Calendar.PreviousDueOn.Equal(dateOn("2026-04-21")) || !a.Calendar.MovedAt.Equal(w.clock.Now()) {
		t.Fatalf("moved alert = %s, previous %s, at %s", a.DueOn, a.Calendar.PreviousDueOn, a.Calendar.MovedAt)
	}
	for _, part := range []string{"Vence el 27 de abril de 2026.", "sin el de verificación): 0.", "La fecha cambió del 21 de abril de 2026 al 27 de abril de 2026 (calendario 2026.1)."} {
		if !strings.Contains(a.Detail, part) {
			t.Errorf("detail %q lacks %q", a.Detail, part)
		}
	}
	for _, x := range after {
		want, _ := taxcal.Embedded().DeadlineFor(x.Calendar.Obligation, x.Calendar.Period, x.Calendar.Installment, "900123450")
		if !x.DueOn.Equal(want.DueOn) {
			t.Errorf("%s due %s, want %s", x.Calendar.Period, x.DueOn.Format(app.DateLayout), want.DueOn.Format(app.DateLayout))
		}
	}
}

func TestARemovedObligationClosesItsOpenAlertsWithANote(t *testing.T) {
	// given a company with retención and IVA bimestral, one IVA alert resolved and one edited
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente", "iva_bimestral")
	alerts := w.calendarAlerts(t, c.ID)
	resolved := alertOf(t, alerts, "iva_bimestral", "2026-B1", 0)
	if _, err := w.svc.ResolveAlert(ctx, resolved.ID, "Pagado"); err != nil {
		t.Fatal(err)
	}
	edited := alertOf(t, alerts, "iva_bimestral", "2026-B2", 0)
	if _, err := w.svc.UpdateAlert(ctx, edited.ID, app.AlertDraft{Priority: ptr("ALTA")}); err != nil {
		t.Fatal(err)
	}

	// when IVA is removed from its responsibilities, a day later
	w.clock.Advance(24 * time.Hour)
	if _, err := w.svc.UpdateCompany(ctx, c.ID, app.CompanyDraft{Responsibilities: &[]string{"retencion_fuente"}}); err != nil {
		t.Fatal(err)
	}

	// then every IVA alert is still there; the open ones (edited too) closed with a note, the resolved one untouched
	after := w.calendarAlerts(t, c.ID)
	if len(after) != len(alerts) {
		t.Fatalf("alerts %d -> %d: none may be deleted", len(alerts), len(after))
	}
	note := "Cerrada por Vigía: la empresa ya no tiene la responsabilidad «IVA bimestral»."
	for _, a := range after {
		switch {
		case a.ID == resolved.ID:
			if a.Open || a.ResolutionNote != "Pagado" || a.ResolvedAt.Equal(w.clock.Now()) {
				t.Errorf("resolved alert = %+v", a)
			}
		case a.Calendar.Obligation == "iva_bimestral":
			if a.Open || a.ResolutionNote != note || !a.ResolvedAt.Equal(w.clock.Now()) {
				t.Errorf("IVA alert %s = open %v, note %q, resolved %s", a.Calendar.Period, a.Open, a.ResolutionNote, a.ResolvedAt)
			}
		case !a.Open:
			t.Errorf("retención alert %s was closed", a.Calendar.Period)
		}
	}
	if got, _ := w.svc.RegenerateCalendar(ctx); got != (app.CalendarSync{}) {
		t.Fatalf("regeneration after the close = %+v, want nothing", got)
	}
}

func TestInDecemberNextJanuarysDatesAreComputedAndSaySo(t *testing.T) {
	// given December 2026, with no 2027 calendar in the data
	w := newWorld(t, withClockAt(time.Date(2026, 12, 3, 9, 0, 0, 0, bogota)))
	ctx := context.Background()

	// when a company with retención and IVA cuatrimestral is added
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente", "iva_cuatrimestral")

	// then December's alert is oficial and January 2027's are calculada, and say so
	alerts := w.calendarAlerts(t, c.ID)
	dec := alertOf(t, alerts, "retencion_fuente", "2026-11", 0)
	if dec.Calendar.State != taxcal.StateOfficial || strings.Contains(dec.Detail, "calculada") {
		t.Errorf("December's alert = %+v %q", *dec.Calendar, dec.Detail)
	}
	for _, a := range []app.Alert{alertOf(t, alerts, "retencion_fuente", "2026-12", 0), alertOf(t, alerts, "iva_cuatrimestral", "2026-C3", 0)} {
		if a.DueOn.Year() != 2027 || a.DueOn.Month() != time.January || a.Calendar.State != taxcal.StateComputed ||
			!strings.Contains(a.Detail, "Fecha calculada: confirme con el calendario oficial.") || !strings.Contains(a.Calendar.Source, "calculada") {
			t.Errorf("January's alert = %s %+v %q", a.DueOn.Format(app.DateLayout), *a.Calendar, a.Detail)
		}
	}
	st, err := w.svc.CalendarStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.MissingYear != 2027 || messages.Text("es", st.Notices()[0]) != "La DIAN aún no ha publicado el calendario 2027: sus fechas son calculadas; confírmelas con el calendario oficial." {
		t.Fatalf("status = %+v", st)
	}
}

func TestTheHorizonBoundsTheAlertsAndIsChecked(t *testing.T) {
	// given a horizon of 3 months
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	if _, err := w.svc.SetCalendarHorizon(ctx, 3); err != nil {
		t.Fatal(err)
	}

	// when a company with retención is added
	c := w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")

	// then its alerts reach 2 June 2026 and no further
	alerts := w.calendarAlerts(t, c.ID)
	if len(alerts) != 3 || alerts[len(alerts)-1].DueOn.After(dateOn("2026-06-02")) {
		t.Fatalf("alerts = %d, last %s", len(alerts), alerts[len(alerts)-1].DueOn)
	}

	// and a longer horizon adds the months it opens
	sync, err := w.svc.SetCalendarHorizon(ctx, 6)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := w.svc.CalendarHorizon(ctx); sync.Created != 3 || n != 6 || len(w.calendarAlerts(t, c.ID)) != 6 {
		t.Fatalf("after 6 months: %+v, horizon %d", sync, n)
	}

	// and a horizon out of 1..24 is refused in words
	for _, months := range []int{0, 25} {
		_, err := w.svc.SetCalendarHorizon(ctx, months)
		var ve *app.ValidationError
		if !errors.As(err, &ve) || ve.Problems["horizonte_meses"].Code != app.CodeCalendarHorizonRange {
			t.Fatalf("horizon %d: %v", months, err)
		}
		want := fmt.Sprintf("Horizonte inválido %d: las alertas del calendario se mantienen entre 1 y 24 meses adelante.", months)
		if got := messages.Text("es", ve.Problems["horizonte_meses"]); got != want {
			t.Errorf("words = %q, want %q", got, want)
		}
	}
	if n, _ := w.svc.CalendarHorizon(ctx); n != 6 {
		t.Fatalf("horizon after refusals = %d", n)
	}
}

func TestAnOfficeWithoutObligationsIsNotWarnedAboutNextYearsCalendar(t *testing.T) {
	// given December 2026, when 2027's calendar is not published, and no client owes anything
	w := newWorld(t, withClockAt(time.Date(2026, time.December, 3, 9, 0, 0, 0, time.UTC)))
	ctx := context.Background()
	if _, err := w.svc.CreateCompany(ctx, app.CompanyDraft{Name: ptr("Sin obligaciones S.A.S.")}); err != nil {
		t.Fatal(err)
	}
	st, err := w.svc.CalendarStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.MissingYear != 0 || len(st.Notices()) != 0 {
		t.Fatalf("status without obligations = %+v, notices %v", st, st.Notices())
	}

	// when a client owes retención
	w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")

	// then the status names 2027
	if st, err = w.svc.CalendarStatus(ctx); err != nil || st.MissingYear != 2027 {
		t.Fatalf("status with an obligation = %+v, %v", st, err)
	}
}
