package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

// calendarBatch is n new calendar alerts of company, one a month from
// January 2026.
func calendarBatch(company int64, n int) []app.Alert {
	list := make([]app.Alert, n)
	for i := range list {
		m := time.Date(2026, time.Month(1+i), 10, 0, 0, 0, 0, time.UTC) // months past 12 roll over
		list[i] = app.Alert{CompanyID: company, Title: "Retención en la fuente · " + m.Format("2006-01"),
			Detail: "Vence el " + m.Format(app.DateLayout), Priority: app.PriorityLow, DueOn: m, Open: true,
			Calendar: &app.CalendarRef{Obligation: "retencion_fuente", Period: fmt.Sprintf("p%d", i),
				State: "calculada", Source: "Decreto 2229 de 2023"}}
	}
	return list
}

// writerCacheSize is the writer connection's page cache setting.
func writerCacheSize(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	err := s.writer.do(t.Context(), func(ctx context.Context, tx querier) error {
		return tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkNothingWritten fails unless s holds no alert, by its rows and by its
// kept counts, nor calendar data.
func checkNothingWritten(t *testing.T, s *Store) {
	t.Helper()
	all, err := s.CalendarAlerts(t.Context())
	if err != nil || len(all) != 0 {
		t.Errorf("%d calendar alerts saved (%v), want none", len(all), err)
	}
	checkOpenCounts(t, s, app.DefaultEscalation.On(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)), "after the failed write")
	if data, err := s.CalendarData(t.Context()); err != nil || data != nil {
		t.Errorf("calendar data %q, %v; want none", data, err)
	}
}

func TestVersion7DatabaseGetsTheCalendarKeepingItsData(t *testing.T) {
	// given a version 7 database holding a company and its alerts
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "vigia.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	if err := migrate(ctx, raw, migrations[:7]); err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`INSERT INTO empresas (id, nombre, nombre_clave, nit, contacto, activa, creado_en)
		VALUES (1, 'Uno', 'uno', '900123456-8', 'uno@example.com', 1, 1764770400000)`)
	if err == nil {
		_, err = raw.Exec(`INSERT INTO alertas (id, empresa_id, titulo, detalle, prioridad, vence_el, abierta, resuelta_en,
			nota_resolucion, creado_en, actualizado_en) VALUES
			(4, 1, 'IVA', 'Segundo bimestre', 'ALTA', '2026-05-12', 1, NULL, '', 1764770400000, 1764770400000),
			(5, 1, 'Renta', '', 'MEDIA', NULL, 0, 1764856800000, 'Presentada', 1764770400000, 1764856800000)`)
	}
	if err != nil {
		t.Fatal(err)
	}
	raw.Close()
	fresh := storagetest.Open(t, Open)

	// when Vigía opens it
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open a version 7 database: %v", err)
	}
	defer s.Close()

	// then its schema is a new database's, and its data is kept: no
	// responsibilities, manual alerts, counts right
	if got, want := schemaSQL(t, s.read), schemaSQL(t, fresh.read); got != want {
		t.Fatalf("migrated schema:\n%s\ndiffers from a new database's:\n%s", got, want)
	}
	c, err := s.Company(ctx, 1)
	if err != nil || c.Name != "Uno" || c.NIT != "900123456-8" || c.Contact != "uno@example.com" || c.Responsibilities != nil {
		t.Fatalf("company after migration: %+v, %v", c, err)
	}
	alerts, err := s.Alerts(ctx, app.AlertFilter{})
	if err != nil || len(alerts) != 2 {
		t.Fatalf("alerts after migration: %+v, %v", alerts, err)
	}
	iva, renta := alerts[0], alerts[1]
	if iva.Title != "IVA" || iva.Detail != "Segundo bimestre" || !iva.DueOn.Equal(time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC)) ||
		!iva.Open || iva.Calendar != nil || renta.ResolutionNote != "Presentada" || renta.Open || renta.Calendar != nil {
		t.Fatalf("alerts after migration: %+v / %+v", iva, renta)
	}
	day := app.DefaultEscalation.On(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	checkOpenCounts(t, s, day, "migrated")

	// and the calendar writes on it
	c.Responsibilities = []string{"retencion_fuente"}
	if _, err := s.UpdateCompany(ctx, c); err != nil {
		t.Fatal(err)
	}
	out, err := s.ApplyCalendar(ctx, app.CalendarChanges{Create: calendarBatch(1, 3)})
	if err != nil || len(out.Create) != 3 || out.Create[0].ID <= 5 {
		t.Fatalf("ApplyCalendar on a migrated database: %+v, %v", out.Create, err)
	}
	checkOpenCounts(t, s, day, "after the calendar wrote")
}

func TestApplyCalendarOnAFullDiskWritesNothing(t *testing.T) {
	// given a company and a disk that fills up after a few pages
	s := storagetest.Open(t, Open)
	c, err := s.CreateCompany(t.Context(), app.Company{Name: "Acme", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	cache := writerCacheSize(t, s)
	onWriter(t, s, "max_page_count = "+strconv.Itoa(pageCount(t, s)+8))
	batch := calendarBatch(c.ID, bigWrite+1) // a big write: its page cache is widened

	// when a regeneration writes more than fits
	_, err = s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: batch})

	// then it fails as a full disk, with the message that says what to do,
	// and nothing of it is saved, not even in the kept counts
	if !errors.Is(err, app.ErrStorageFull) || app.ProblemOf(err).Code != app.CodeStorageFull {
		t.Fatalf("ApplyCalendar on a full disk = %v, want ErrStorageFull", err)
	}
	checkNothingWritten(t, s)
	if got := writerCacheSize(t, s); got != cache {
		t.Errorf("page cache left at %d after the failed write, want %d", got, cache)
	}

	// and once there is room, the same regeneration is saved whole
	onWriter(t, s, "max_page_count = 1073741823")
	out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: batch})
	if err != nil || len(out.Create) != len(batch) {
		t.Fatalf("after room: %d created, %v", len(out.Create), err)
	}
	if got := writerCacheSize(t, s); got != cache {
		t.Errorf("page cache left at %d after a big write, want %d", got, cache)
	}
}

func TestCalendarWritesOnAReadOnlyDatabaseAnswerErrStorageReadOnly(t *testing.T) {
	// given a calendar alert saved, then the database read-only
	s := storagetest.Open(t, Open)
	c, err := s.CreateCompany(t.Context(), app.Company{Name: "Acme", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	saved, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: calendarBatch(c.ID, 1)})
	if err != nil {
		t.Fatal(err)
	}
	onWriter(t, s, "query_only = ON")

	// when the calendar writes
	moved := saved.Create[0]
	moved.DueOn = moved.DueOn.AddDate(0, 0, 2)
	_, applyErr := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: calendarBatch(c.ID, 3)[1:], Update: []app.Alert{moved},
		ReadAt: []time.Time{moved.UpdatedAt}})
	dataErr := s.SetCalendarData(t.Context(), []byte(`{"version":"2026.2"}`))

	// then each fails as read-only, and nothing changed
	for name, err := range map[string]error{"ApplyCalendar": applyErr, "SetCalendarData": dataErr} {
		if !errors.Is(err, app.ErrStorageReadOnly) || app.ProblemOf(err).Code != app.CodeStorageReadOnly {
			t.Errorf("%s on a read-only database = %v, want ErrStorageReadOnly", name, err)
		}
	}
	all, err := s.CalendarAlerts(t.Context())
	if err != nil || len(all) != 1 || !all[0].DueOn.Equal(saved.Create[0].DueOn) {
		t.Fatalf("calendar alerts after the refused writes: %+v, %v", all, err)
	}
	if data, err := s.CalendarData(t.Context()); err != nil || data != nil {
		t.Errorf("calendar data %q, %v; want none", data, err)
	}
}
