package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"vigia/app"
)

// benchObligations are six obligation codes.
var benchObligations = []string{"retencion_fuente", "iva_bimestral", "ica_bogota_bimestral",
	"renta_personas_juridicas", "iva_cuatrimestral", "renta_grandes_contribuyentes"}

// Due dates a year of each of benchObligations: a usual set (monthly
// withholding, bimonthly VAT and ICA, two renta installments: 26) and the
// issue's worst case, six obligations × 12 months (72).
var (
	benchUsual = []int{12, 6, 6, 2}
	benchWorst = []int{12, 12, 12, 12, 12, 12}
)

// benchCalendarAlerts are the alerts one regeneration creates for companies
// 1..companies, each owing periods[i] due dates of benchObligations[i], with
// the title, detail and source the core writes.
func benchCalendarAlerts(companies int, periods []int) []app.Alert {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	var list []app.Alert
	for c := 1; c <= companies; c++ {
		for i, n := range periods {
			code := benchObligations[i]
			for p := range n {
				due := time.Date(2027, time.Month(1+p*12/n), 9+c%10, 0, 0, 0, 0, time.UTC)
				list = append(list, app.Alert{
					CompanyID: int64(c),
					Title:     fmt.Sprintf("%s · %s", code, due.Format("January 2006")),
					Detail: fmt.Sprintf("Vence el %s (último dígito del NIT: %d). Fuente: Decreto 2229 de 2023 · "+
						"fecha calculada (calendario 2027 no publicado). Fecha calculada: confirme con el calendario oficial.",
						due.Format(app.DateLayout), c%10),
					Priority: app.PriorityLow, DueOn: due, Open: true, CreatedAt: now, UpdatedAt: now,
					Calendar: &app.CalendarRef{Obligation: code, Period: fmt.Sprintf("2027-%02d", p+1),
						State: "calculada", Source: "Decreto 2229 de 2023 · fecha calculada (calendario 2027 no publicado)"},
				})
			}
		}
	}
	return list
}

// benchCalendarStore opens a database in dir holding companies companies.
func benchCalendarStore(b *testing.B, dir string, companies int) *Store {
	b.Helper()
	s, err := Open(b.Context(), filepath.Join(dir, "vigia.db"))
	if err != nil {
		b.Fatal(err)
	}
	err = s.writer.do(b.Context(), func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
			INSERT INTO empresas (id, nombre, nombre_clave, nit, activa, creado_en)
			SELECT i, 'Empresa ' || i, 'empresa ' || i, (900000000 + i) || '-1', 1, 1735689600000 FROM seq`, companies)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkApplyCalendar is a first regeneration's write: every alert of
// 2,000 companies' obligations over a year, in one ApplyCalendar on a fresh
// database (insert), then the same again (noop: every due date has its
// alert, nothing is written), then CalendarAlerts reading them all back
// (read: what every regeneration reads before it compares) and one
// company's (company: a regeneration after a change of one company), then
// every alert rewritten (update: the year's calendar published, every
// calculada date refreshed to oficial).
func BenchmarkApplyCalendar(b *testing.B) {
	for _, size := range []struct {
		name    string
		periods []int
	}{{"usual", benchUsual}, {"worst", benchWorst}} {
		alerts := benchCalendarAlerts(2_000, size.periods)
		b.Run(fmt.Sprintf("%s/%d/insert", size.name, len(alerts)), func(b *testing.B) {
			var took []time.Duration
			cpu := time.Duration(0)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := benchCalendarStore(b, b.TempDir(), 2_000)
				b.StartTimer()
				start, startCPU := time.Now(), cpuTime(b)
				out, err := s.ApplyCalendar(b.Context(), app.CalendarChanges{Create: alerts})
				took, cpu = append(took, time.Since(start)), cpu+cpuTime(b)-startCPU
				b.StopTimer()
				if err != nil || len(out.Create) != len(alerts) {
					b.Fatalf("inserted %d of %d: %v", len(out.Create), len(alerts), err)
				}
				s.Close()
				b.StartTimer()
			}
			reportTook(b, took, cpu)
		})
		s := benchCalendarStore(b, b.TempDir(), 2_000)
		b.Cleanup(func() { s.Close() })
		if _, err := s.ApplyCalendar(b.Context(), app.CalendarChanges{Create: alerts}); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%s/%d/noop", size.name, len(alerts)), func(b *testing.B) {
			timed(b, func() error {
				out, err := s.ApplyCalendar(b.Context(), app.CalendarChanges{Create: alerts})
				if err == nil && len(out.Create) != 0 {
					err = fmt.Errorf("inserted %d again", len(out.Create))
				}
				return err
			})
		})
		b.Run(fmt.Sprintf("%s/%d/read", size.name, len(alerts)), func(b *testing.B) {
			timed(b, func() error {
				list, err := s.CalendarAlerts(b.Context())
				if err == nil && len(list) != len(alerts) {
					err = fmt.Errorf("read %d of %d", len(list), len(alerts))
				}
				return err
			})
		})
		b.Run(fmt.Sprintf("%s/%d/company", size.name, len(alerts)), func(b *testing.B) {
			timed(b, func() error {
				list, err := s.CompanyCalendarAlerts(b.Context(), 1_000)
				if err == nil && len(list) != len(alerts)/2_000 {
					err = fmt.Errorf("read %d of %d", len(list), len(alerts)/2_000)
				}
				return err
			})
		})
		saved, err := s.CalendarAlerts(b.Context())
		if err != nil {
			b.Fatal(err)
		}
		readAt := make([]time.Time, len(saved))
		for i := range saved {
			readAt[i] = saved[i].UpdatedAt
			ref := *saved[i].Calendar
			ref.State, ref.Source = "oficial", "Decreto 2229 de 2023 · calendario DIAN 2027"
			saved[i].Calendar = &ref
		}
		b.Run(fmt.Sprintf("%s/%d/update", size.name, len(alerts)), func(b *testing.B) {
			timed(b, func() error {
				out, err := s.ApplyCalendar(b.Context(), app.CalendarChanges{Update: saved, ReadAt: readAt})
				if err == nil && len(out.Update) != len(saved) {
					err = fmt.Errorf("updated %d of %d", len(out.Update), len(saved))
				}
				return err
			})
		})
	}
}

// reportTook reports the p50 and p99 of took and the CPU time per op.
func reportTook(b *testing.B, took []time.Duration, cpu time.Duration) {
	slices.Sort(took)
	pct := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(took)), "cpu-ms/op")
}
