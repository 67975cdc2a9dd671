package storage_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

var (
	createdAt = time.Date(2026, 12, 3, 14, 5, 6, 789_000_000, time.UTC)
	due       = func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
)

// calendarAlert is a new calendar alert of company for one due date.
func calendarAlert(company int64, obligation, period string, installment int, dueOn time.Time) app.Alert {
	return app.Alert{
		CompanyID: company, Title: "Retención en la fuente · " + period,
		Detail:   "Vence el " + dueOn.Format(app.DateLayout) + " (último dígito del NIT: 8).",
		Priority: app.PriorityLow, DueOn: dueOn, Open: true, CreatedAt: createdAt, UpdatedAt: createdAt,
		Calendar: &app.CalendarRef{Obligation: obligation, Period: period, Installment: installment,
			State: "oficial", Source: "Decreto 2229 de 2023 · calendario DIAN 2026"},
	}
}

func newCompany(t *testing.T, s *storage.Store, name string, codes ...string) app.Company {
	t.Helper()
	c, err := s.CreateCompany(t.Context(), app.Company{Name: name, NIT: "900123456-8", Active: true,
		Responsibilities: codes, CreatedAt: createdAt})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// everyRead is alert id as each read path returns it.
func everyRead(t *testing.T, s *storage.Store, id int64) map[string]app.Alert {
	t.Helper()
	ctx := t.Context()
	day := app.DefaultEscalation.On(due(11, 1))
	reads := map[string]app.Alert{}
	one, err := s.Alert(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	reads["Alert"] = one
	all, err := s.Alerts(ctx, app.AlertFilter{})
	page, err2 := s.AlertPage(ctx, app.AlertQuery{Limit: 100}, day)
	open, err3 := s.OpenAlerts(ctx, app.Priorities, day)
	cal, err4 := s.CalendarAlerts(ctx)
	mine, err5 := s.CompanyCalendarAlerts(ctx, one.CompanyID)
	if err := firstErr(err, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	find := func(name string, list []app.Alert) {
		for _, a := range list {
			if a.ID == id {
				a.EffectivePriority = ""
				reads[name] = a
			}
		}
	}
	find("Alerts", all)
	find("AlertPage", page.Alerts)
	for _, g := range open {
		find("OpenAlerts", g.Alerts)
	}
	find("CalendarAlerts", cal)
	find("CompanyCalendarAlerts", mine)
	return reads
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func TestCompanyResponsibilitiesRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		c := newCompany(t, s, "Acme", "retencion_fuente", "iva_bimestral")
		none := newCompany(t, s, "Sin obligaciones")

		// when the list changes, then is cleared
		c.Responsibilities = []string{"retencion_fuente", "renta_personas_juridicas", "ica_bogota_bimestral"}
		if _, err := s.UpdateCompany(t.Context(), c); err != nil {
			t.Fatal(err)
		}
		got, err := s.Company(t.Context(), c.ID)

		// then each read gives the list saved, in its order; none is nil
		if err != nil || !reflect.DeepEqual(got.Responsibilities, c.Responsibilities) {
			t.Fatalf("after update: %q, %v; want %q", got.Responsibilities, err, c.Responsibilities)
		}
		list, err := s.Companies(t.Context())
		if err != nil || len(list) != 2 || !reflect.DeepEqual(list[0].Responsibilities, c.Responsibilities) || list[1].Responsibilities != nil {
			t.Fatalf("Companies = %+v, %v", list, err)
		}
		if got, _ := s.Company(t.Context(), none.ID); got.Responsibilities != nil {
			t.Fatalf("a company without obligations reads %q, want nil", got.Responsibilities)
		}
		c.Responsibilities = nil
		if _, err := s.UpdateCompany(t.Context(), c); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Company(t.Context(), c.ID); got.Responsibilities != nil {
			t.Fatalf("cleared list reads %q", got.Responsibilities)
		}
	})
}

func TestCalendarFieldsRoundTripThroughEveryRead(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a calendar alert with every field set, its source holding the
		// characters the packed column uses, and a manual alert
		s := db.Open(t)
		c := newCompany(t, s, "Acme", "renta_grandes_contribuyentes")
		a := calendarAlert(c.ID, "renta_grandes_contribuyentes", "2025", 2, due(12, 9))
		a.Calendar.Source = "12:Decreto 2229 de 2023 · calendario DIAN 2026 (ajuste: 3:4)"
		a.Calendar.State, a.Calendar.Edited = "editada", true
		a.Calendar.PreviousDueOn, a.Calendar.MovedAt = due(12, 4), createdAt.Add(time.Hour)
		a, err := s.CreateAlert(t.Context(), a)
		if err != nil {
			t.Fatal(err)
		}
		manual, err := s.CreateAlert(t.Context(), app.Alert{CompanyID: c.ID, Title: "Llamar al cliente", Priority: app.PriorityHigh,
			Open: true, CreatedAt: createdAt, UpdatedAt: createdAt})
		if err != nil {
			t.Fatal(err)
		}

		// when each read path returns them, then the calendar alert comes back equal
		for path, got := range everyRead(t, s, a.ID) {
			if !reflect.DeepEqual(got, a) {
				t.Errorf("%s:\n got %+v %+v\nwant %+v %+v", path, got, got.Calendar, a, a.Calendar)
			}
		}
		// and the manual one without Calendar, nor among the calendar's
		for path, got := range everyRead(t, s, manual.ID) {
			if got.Calendar != nil || got.Origin() != app.AlertOriginManual {
				t.Errorf("%s: manual alert reads Calendar %+v", path, got.Calendar)
			}
			if path == "CalendarAlerts" || path == "CompanyCalendarAlerts" {
				t.Errorf("%s lists the manual alert", path)
			}
		}

		// and an update that clears the move and the edit writes them
		a.Calendar = &app.CalendarRef{Obligation: "renta_grandes_contribuyentes", Period: "2025", Installment: 2,
			State: "calculada", Source: "Decreto 2229 de 2023 · fecha calculada"}
		if _, err := s.UpdateAlert(t.Context(), a); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Alert(t.Context(), a.ID); err != nil || !reflect.DeepEqual(got.Calendar, a.Calendar) {
			t.Fatalf("after update: %+v, %v; want %+v", got.Calendar, err, a.Calendar)
		}
	})
}

func TestApplyCalendarInsertsEachDueDateOnce(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given two companies and, for one of them, 300 due dates (more than a
		// chunk of each size), one given twice, and one of a company that is gone
		s := db.Open(t)
		acme, beta := newCompany(t, s, "Acme"), newCompany(t, s, "Beta")
		var create []app.Alert
		for i := range 300 {
			company := []int64{acme.ID, beta.ID}[i%2]
			create = append(create, calendarAlert(company, "retencion_fuente", fmt.Sprintf("%d-%02d", 2026+i/24, 1+i/2%12), 0,
				due(time.Month(1+i%12), 1+i%28)))
		}
		create = append(create, create[7], calendarAlert(999, "retencion_fuente", "2026-01", 0, due(1, 20)))

		// when it is applied
		out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: create})

		// then the 300 are inserted, in the order given, each with its own ID, and
		// reading them back gives what was returned
		if err != nil || len(out.Create) != 300 || len(out.Update) != 0 {
			t.Fatalf("ApplyCalendar = %d created, %d updated, %v; want 300, 0", len(out.Create), len(out.Update), err)
		}
		for i, a := range out.Create {
			want := create[i]
			want.ID = a.ID
			got, err := s.Alert(t.Context(), a.ID)
			if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(a, want) {
				t.Fatalf("alert %d: returned %+v, reads %+v (%v); want %+v", i, a, got, err, want)
			}
		}

		// when the same is applied again (another process regenerating at once)
		again, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: create})

		// then nothing is inserted
		all, _ := s.CalendarAlerts(t.Context())
		if err != nil || len(again.Create) != 0 || len(all) != 300 {
			t.Fatalf("second apply created %d (%v), %d calendar alerts in all; want 0 and 300", len(again.Create), err, len(all))
		}

		// when a chunk holds both new due dates and saved ones, then only the new
		// come back, with the IDs they were saved with
		mixed := append([]app.Alert{}, create[:10]...)
		mixed = append(mixed, calendarAlert(acme.ID, "iva_bimestral", "2026-B6", 0, due(1, 12)),
			calendarAlert(beta.ID, "iva_bimestral", "2026-B6", 0, due(1, 13)))
		out, err = s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: mixed})
		if err != nil || len(out.Create) != 2 {
			t.Fatalf("mixed apply created %d, %v; want 2", len(out.Create), err)
		}
		for _, a := range out.Create {
			if got, err := s.Alert(t.Context(), a.ID); err != nil || !reflect.DeepEqual(got, a) {
				t.Errorf("returned %+v, reads %+v, %v", a, got, err)
			}
		}
	})
}

func TestTheUniqueDueDateRefusesADuplicateCalendarAlert(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a saved calendar alert
		s := db.Open(t)
		c := newCompany(t, s, "Acme")
		if _, err := s.CreateAlert(t.Context(), calendarAlert(c.ID, "renta_personas_juridicas", "2025", 1, due(5, 12))); err != nil {
			t.Fatal(err)
		}

		// when another alert for the same due date is written outside ApplyCalendar
		_, err := s.CreateAlert(t.Context(), calendarAlert(c.ID, "renta_personas_juridicas", "2025", 1, due(5, 13)))

		// then the index refuses it, while another installment and manual alerts go in
		if err == nil {
			t.Fatal("a second alert for one company's due date was saved")
		}
		if _, err := s.CreateAlert(t.Context(), calendarAlert(c.ID, "renta_personas_juridicas", "2025", 2, due(7, 10))); err != nil {
			t.Fatalf("the second installment: %v", err)
		}
		for range 2 {
			if _, err := s.CreateAlert(t.Context(), app.Alert{CompanyID: c.ID, Title: "Igual", Priority: app.PriorityLow, Open: true}); err != nil {
				t.Fatalf("manual alerts: %v", err)
			}
		}
	})
}

func TestApplyCalendarUpdatesWholeAlertsAndSkipsDeletedOnes(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given three saved calendar alerts, one of which the user deletes
		s := db.Open(t)
		c := newCompany(t, s, "Acme")
		out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: []app.Alert{
			calendarAlert(c.ID, "retencion_fuente", "2026-03", 0, due(4, 14)),
			calendarAlert(c.ID, "retencion_fuente", "2026-04", 0, due(5, 12)),
			calendarAlert(c.ID, "retencion_fuente", "2026-05", 0, due(6, 10)),
			calendarAlert(c.ID, "retencion_fuente", "2026-06", 0, due(7, 9)),
		}})
		if err != nil || len(out.Create) != 4 {
			t.Fatal(len(out.Create), err)
		}
		moved, closed, gone, refreshed := out.Create[0], out.Create[1], out.Create[2], out.Create[3]
		if err := s.DeleteAlert(t.Context(), gone.ID); err != nil {
			t.Fatal(err)
		}
		later := createdAt.Add(24 * time.Hour)

		// when a regeneration moves one, closes one, refreshes the source of one
		// and updates the deleted one, with a new alert in the same apply
		ref := *moved.Calendar
		ref.PreviousDueOn, ref.MovedAt, ref.Source = moved.DueOn, later, "Comunicado DIAN 31 de 2026"
		moved.Calendar, moved.DueOn, moved.UpdatedAt = &ref, due(4, 16), later
		moved.Detail += " Fecha cambiada: antes el 14 abr 2026."
		moved.CreatedAt = time.Time{} // the store gives it back
		closed.Open, closed.ResolvedAt, closed.UpdatedAt = false, later, later
		closed.ResolutionNote = "Cerrada: la empresa ya no tiene esta obligación."
		refreshed.Calendar = &app.CalendarRef{Obligation: "retencion_fuente", Period: "2026-06", State: "calculada",
			Source: "Decreto 2229 de 2023 · fecha calculada (calendario 2027 no publicado)"}
		refreshed.Detail, refreshed.UpdatedAt = "Fecha calculada: confirme con el calendario oficial.", later
		fresh := calendarAlert(c.ID, "retencion_fuente", "2026-07", 0, due(8, 11))
		out, err = s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: []app.Alert{fresh},
			Update: []app.Alert{moved, closed, gone, refreshed}, ReadAt: []time.Time{createdAt, createdAt, createdAt, createdAt}})

		// then the three that exist are written whole and returned with their
		// creation time; the deleted one is skipped
		if err != nil || len(out.Create) != 1 || len(out.Update) != 3 {
			t.Fatalf("ApplyCalendar = %d created, %d updated, %v; want 1, 3", len(out.Create), len(out.Update), err)
		}
		moved.CreatedAt = createdAt
		for i, want := range []app.Alert{moved, closed, refreshed} {
			got, err := s.Alert(t.Context(), want.ID)
			if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(out.Update[i], want) {
				t.Errorf("update %d: returned %+v, reads %+v (%v); want %+v", i, out.Update[i], got, err, want)
			}
		}
		if _, err := s.Alert(t.Context(), gone.ID); err == nil {
			t.Error("the deleted alert came back")
		}
	})
}

func TestApplyCalendarMovesTheCountsAndTheirVersion(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given the counts of a company's open alerts, kept
		s := db.Open(t)
		c := newCompany(t, s, "Acme")
		day := app.DefaultEscalation.On(due(4, 1))
		if counts, err := s.OpenAlertCounts(t.Context(), day); err != nil || len(counts) != 0 {
			t.Fatalf("counts before = %v, %v", counts, err)
		}

		// when a regeneration creates two alerts: one due in 60 days (BAJA), one
		// due today (raised to CRITICA)
		out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: []app.Alert{
			calendarAlert(c.ID, "retencion_fuente", "2026-04", 0, due(5, 31)),
			calendarAlert(c.ID, "retencion_fuente", "2026-03", 0, due(4, 1)),
		}})
		if err != nil || len(out.Create) != 2 {
			t.Fatal(err)
		}

		// then the counts answer them at once (no kept answer is served), and
		// again after one is closed by an update
		want := map[app.Priority]int{app.PriorityLow: 1, app.PriorityCritical: 1}
		if counts, err := s.OpenAlertCounts(t.Context(), day); err != nil || !reflect.DeepEqual(counts[c.ID], want) {
			t.Fatalf("counts after the insert = %v, %v; want %v", counts, err, want)
		}
		closed := out.Create[1]
		closed.Open, closed.ResolvedAt = false, createdAt
		if _, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Update: []app.Alert{closed}, ReadAt: []time.Time{closed.UpdatedAt}}); err != nil {
			t.Fatal(err)
		}
		want = map[app.Priority]int{app.PriorityLow: 1}
		if counts, err := s.OpenAlertCounts(t.Context(), day); err != nil || !reflect.DeepEqual(counts[c.ID], want) {
			t.Fatalf("counts after the update = %v, %v; want %v", counts, err, want)
		}
		page, err := s.AlertPage(t.Context(), app.AlertQuery{OpenOnly: true, Limit: 10}, day)
		if err != nil || page.Total != 1 {
			t.Fatalf("open total = %d, %v; want 1", page.Total, err)
		}
	})
}

func TestApplyCalendarRefusesAlertsThatAreNotNewCalendarOnes(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		c := newCompany(t, s, "Acme")
		manual := app.Alert{CompanyID: c.ID, Title: "Sin calendario", Priority: app.PriorityLow, Open: true}
		withID := calendarAlert(c.ID, "retencion_fuente", "2026-03", 0, due(4, 14))
		withID.ID = 5
		for _, bad := range []app.Alert{manual, withID} {
			if _, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: []app.Alert{bad}}); err == nil {
				t.Errorf("created %+v", bad)
			}
		}
		if all, _ := s.Alerts(t.Context(), app.AlertFilter{}); len(all) != 0 {
			t.Fatalf("%d alerts saved", len(all))
		}
	})
}

func TestCalendarDataIsStoredReplacedAndRemoved(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given a store where no calendar was imported
		s := db.Open(t)
		if data, err := s.CalendarData(t.Context()); err != nil || data != nil {
			t.Fatalf("before any import: %q, %v; want nil", data, err)
		}

		// when files are stored, then the last one is read
		for _, file := range []string{`{"version":"2026.1"}`, `{"version":"2026.2"}`, `{"version":"2026.2"}`} {
			if err := s.SetCalendarData(t.Context(), []byte(file)); err != nil {
				t.Fatal(err)
			}
			if data, err := s.CalendarData(t.Context()); err != nil || string(data) != file {
				t.Fatalf("after storing %s: %q, %v", file, data, err)
			}
		}

		// when it is removed, then none is read
		if err := s.SetCalendarData(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		if data, err := s.CalendarData(t.Context()); err != nil || data != nil {
			t.Fatalf("after removing: %q, %v; want nil", data, err)
		}
	})
}

func TestTwoProcessesRegeneratingAtOnceWriteEachDueDateOnce(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given two processes on one database, and the same regeneration in each
		one, two := db.Open(t), db.Open(t)
		c := newCompany(t, one, "Acme")
		var create []app.Alert
		for i := range 600 {
			create = append(create, calendarAlert(c.ID, "retencion_fuente", fmt.Sprintf("p%d", i), 0, due(time.Month(1+i%12), 1+i%28)))
		}

		// when both apply it at once
		results := make(chan int, 2)
		for _, s := range []*storage.Store{one, two} {
			go func() {
				out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: create})
				if err != nil {
					t.Error(err)
				}
				results <- len(out.Create)
			}()
		}
		got := <-results + <-results

		// then each due date is saved once, by one of them
		all, err := two.CalendarAlerts(t.Context())
		if err != nil || got != len(create) || len(all) != len(create) {
			t.Fatalf("inserted %d between them, %d saved (%v); want %d", got, len(all), err, len(create))
		}
	})
}
