package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

// The writes that change many rows in one transaction, on SQLite and on
// PostgreSQL (sub-benchmarks sqlite, postgres; postgres is skipped without
// VIGIA_TEST_DATABASE_URL). Each moves the kept counts and versions
// (alertas_conteo, alertas_version, execution_counts) for every row it
// writes: on PostgreSQL a row updated N times in one transaction costs
// O(N²), which the statement-level triggers of migrations/postgres avoid.
// Run with -benchtime=3x: each op is seconds and needs its own database.

// bigWriteBackends are the databases these benchmarks run on.
var bigWriteBackends = []storagetest.Backend[*Store, Option]{storagetest.SQLite(Open), storagetest.PostgreSQL(OpenPostgres)}

// bigWriteCompanies is how many companies the calendar benchmarks hold.
const bigWriteCompanies = 2_000

// bigWriteStore opens a fresh database of be holding companies companies,
// ids 1..companies.
func bigWriteStore(b *testing.B, be storagetest.Backend[*Store, Option], companies int) *Store {
	b.Helper()
	s, err := be.Open(b.Context(), be.Fresh(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	err = s.writer.do(b.Context(), func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
			INSERT INTO empresas (nombre, nombre_clave, nit, activa, creado_en)
			SELECT 'Empresa ' || i, 'empresa ' || i, (900000000 + i) || '-1', 1, 1735689600000 FROM seq ORDER BY i`, companies)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// timedEach runs b's loop: setup (not timed) gives the op, which is timed.
// It reports the ops' p50 and p99 and this process's CPU time per op.
func timedEach(b *testing.B, setup func() func() error) {
	b.Helper()
	var took []time.Duration
	cpu := time.Duration(0)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		op := setup()
		b.StartTimer()
		start, startCPU := time.Now(), cpuTime(b)
		err := op()
		took, cpu = append(took, time.Since(start)), cpu+cpuTime(b)-startCPU
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportTook(b, took, cpu)
}

// BenchmarkBigWrites: the tax calendar's first write of 2,000 companies'
// usual year (52,000 alerts: ApplyCalendar on a fresh database), a
// regeneration that moves the due dates of 36,000 of them (their monthly
// and bimonthly obligations), deleting a company with 5,000 alerts, and
// recording 1,000 missed slots of one trigger (RecordExecutions).
func BenchmarkBigWrites(b *testing.B) {
	alerts := benchCalendarAlerts(bigWriteCompanies, benchUsual)
	for _, be := range bigWriteBackends {
		b.Run(be.Name, func(b *testing.B) {
			b.Run(fmt.Sprintf("calendar-insert/%d", len(alerts)), func(b *testing.B) {
				timedEach(b, func() func() error {
					s := bigWriteStore(b, be, bigWriteCompanies)
					return func() error {
						return wantCreated(s.ApplyCalendar(b.Context(), app.CalendarChanges{Create: alerts}))(len(alerts))
					}
				})
			})
			s := bigWriteStore(b, be, bigWriteCompanies)
			if _, err := s.ApplyCalendar(b.Context(), app.CalendarChanges{Create: alerts}); err != nil {
				b.Fatal(err)
			}
			b.Run("calendar-move/36000", func(b *testing.B) {
				timedEach(b, func() func() error {
					changes := movedDueDates(b, s, benchObligations[:2])
					return func() error {
						out, err := s.ApplyCalendar(b.Context(), changes)
						if err == nil && len(out.Update) != len(changes.Update) {
							err = fmt.Errorf("moved %d of %d", len(out.Update), len(changes.Update))
						}
						return err
					}
				})
			})
			b.Run("delete-company/5000", func(b *testing.B) {
				timedEach(b, func() func() error {
					id := companyWithAlerts(b, s, 5_000)
					return func() error { return s.DeleteCompany(b.Context(), id) }
				})
			})
			slot := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC) // each op's slots after the last op's
			b.Run("record-executions/1000", func(b *testing.B) {
				timedEach(b, func() func() error {
					rows := make([]app.Execution, 1_000)
					for i := range rows {
						slot = slot.Add(time.Hour)
						rows[i] = app.Execution{TriggerID: 1, TriggerName: "Resumen", ScheduledFor: slot, StartedAt: slot,
							FinishedAt: slot, State: app.StateMissed, Origin: app.OriginScheduled,
							Problem: &app.Message{Code: app.CodeRunMissed}}
					}
					return func() error {
						n, err := s.RecordExecutions(b.Context(), rows)
						if err == nil && n != len(rows) {
							err = fmt.Errorf("recorded %d of %d", n, len(rows))
						}
						return err
					}
				})
			})
		})
	}
}

// wantCreated checks that an ApplyCalendar created n alerts.
func wantCreated(out app.CalendarChanges, err error) func(n int) error {
	return func(n int) error {
		if err == nil && len(out.Create) != n {
			err = fmt.Errorf("inserted %d of %d", len(out.Create), n)
		}
		return err
	}
}

// movedDueDates is a regeneration that moves every calendar alert of
// obligations one day later, each as s holds it now.
func movedDueDates(b *testing.B, s *Store, obligations []string) app.CalendarChanges {
	b.Helper()
	saved, err := s.CalendarAlerts(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	var c app.CalendarChanges
	now := time.Now().UTC().Truncate(time.Millisecond)
	for _, a := range saved {
		if a.Calendar == nil || (a.Calendar.Obligation != obligations[0] && a.Calendar.Obligation != obligations[1]) {
			continue
		}
		c.ReadAt = append(c.ReadAt, a.UpdatedAt)
		a.DueOn, a.UpdatedAt = a.DueOn.AddDate(0, 0, 1), now
		c.Update = append(c.Update, a)
	}
	if len(c.Update) != 36_000 {
		b.Fatalf("%d alerts to move, want 36,000", len(c.Update))
	}
	return c
}

// companyWithAlerts adds a company with n calendar alerts to s.
func companyWithAlerts(b *testing.B, s *Store, n int) int64 {
	b.Helper()
	c, err := s.CreateCompany(b.Context(), app.Company{Name: fmt.Sprintf("Grande %d", time.Now().UnixNano()), Active: true})
	if err != nil {
		b.Fatal(err)
	}
	list := benchCalendarAlerts(1, benchUsual)
	var create []app.Alert
	for i := range n {
		a := list[i%len(list)]
		ref := *a.Calendar
		ref.Period = fmt.Sprintf("%s-%d", ref.Period, i)
		a.CompanyID, a.Calendar = c.ID, &ref
		create = append(create, a)
	}
	if err := wantCreated(s.ApplyCalendar(b.Context(), app.CalendarChanges{Create: create}))(n); err != nil {
		b.Fatal(err)
	}
	return c.ID
}
