package storage

import (
	"context"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"vigia/app"
)

// benchToday is the day the alert benchmarks escalate on.
var benchToday = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// benchAlertStore opens a database in b.TempDir() holding alerts alerts over
// companies companies (all active): priorities in turn, one in eleven without a
// due date, the others due from 60 days ago to 300 days ahead, three in ten
// resolved. It is seeded once, before the timed loop.
func benchAlertStore(b *testing.B, alerts, companies int) *Store {
	b.Helper()
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "vigia.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	err = s.writer.do(b.Context(), func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
			INSERT INTO empresas (id, nombre, nombre_clave, activa, creado_en)
			SELECT i, 'Empresa ' || i, 'empresa ' || i, 1, 1735689600000 FROM seq`, companies)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
			INSERT INTO alertas (empresa_id, titulo, detalle, prioridad, vence_el, abierta, creado_en, actualizado_en)
			SELECT 1 + (i / 10) % ?, 'Obligación ' || i, 'Detalle de la obligación ' || i,
				CASE i % 4 WHEN 0 THEN 'CRITICA' WHEN 1 THEN 'ALTA' WHEN 2 THEN 'MEDIA' ELSE 'BAJA' END,
				CASE WHEN i % 11 = 0 THEN NULL ELSE date(?, ((i * 7919) % 361 - 60) || ' days') END,
				(i % 10) >= 3, 1735689600000, 1735689600000
			FROM seq`, alerts, companies, benchToday.Format(app.DateLayout))
		return err
	})
	if err != nil {
		b.Fatalf("seed %d alerts: %v", alerts, err)
	}
	return s
}

// timed runs op in b's loop and reports the p50 and p99 of its durations
// and the process's CPU time per op (user and system, GC included): on a
// shared machine the wall times also hold the wait for a core.
func timed(b *testing.B, op func() error) {
	b.Helper()
	var took []time.Duration
	cpu := cpuTime(b)
	for b.Loop() {
		start := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	pct := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64((cpuTime(b)-cpu).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
}

// cpuTime is the CPU time this process has used.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// BenchmarkAlertPage is a page of 100 alerts filtered by effective priority,
// with 100,000 alerts over 2,000 companies and with 1,000.
func BenchmarkAlertPage(b *testing.B) {
	day := app.DefaultEscalation.On(benchToday)
	for _, size := range []struct {
		name              string
		alerts, companies int
	}{{"100000", 100_000, 2_000}, {"1000", 1_000, 20}} {
		b.Run(size.name, func(b *testing.B) {
			s := benchAlertStore(b, size.alerts, size.companies)
			for _, q := range []app.AlertQuery{
				{Priority: app.PriorityCritical}, {Priority: app.PriorityHigh}, {Priority: app.PriorityMedium},
				{Priority: app.PriorityLow}, {Priority: app.PriorityHigh, OpenOnly: true}, {},
				{Priority: app.PriorityHigh, Offset: 300}, {Priority: app.PriorityCritical, CompanyID: 7},
			} {
				q.Limit = 100
				name := string(q.Priority) + map[bool]string{true: "/abiertas"}[q.OpenOnly]
				if q.Offset > 0 || q.CompanyID > 0 {
					name += "/offset-or-company"
				}
				b.Run(name, func(b *testing.B) {
					page, err := s.AlertPage(b.Context(), q, day)
					if err != nil || page.Total == 0 {
						b.Fatalf("page: %d of %d, %v", len(page.Alerts), page.Total, err)
					}
					b.ReportMetric(float64(page.Total), "total")
					timed(b, func() error { _, err := s.AlertPage(b.Context(), q, day); return err })
				})
			}
		})
	}
}

// BenchmarkOpenAlertCounts is GET /api/empresas' counts: every company's
// open alerts by effective priority, 100,000 alerts over 2,000 companies,
// kept from the last answer and counted afresh.
func BenchmarkOpenAlertCounts(b *testing.B) {
	s := benchAlertStore(b, 100_000, 2_000)
	day := app.DefaultEscalation.On(benchToday)
	counts, err := s.OpenAlertCounts(b.Context(), day)
	if err != nil || len(counts) != 2_000 {
		b.Fatalf("counts of %d companies, %v", len(counts), err)
	}
	// kept: no alert changed since the last answer (one row read, a copy);
	// counted: the first call after a change, or on a new day.
	b.Run("kept", func(b *testing.B) {
		timed(b, func() error { _, err := s.OpenAlertCounts(b.Context(), day); return err })
	})
	b.Run("counted", func(b *testing.B) {
		timed(b, func() error { _, err := s.countOpenAlerts(b.Context(), day); return err })
	})
}

// BenchmarkOpenAlertsDigest is a run's collect step: the open alerts of
// every priority (the widest digest), 10,000 open alerts over 2,000 companies.
func BenchmarkOpenAlertsDigest(b *testing.B) {
	s := benchAlertStore(b, 14_286, 2_000) // 7 in 10 open: 10,000
	day := app.DefaultEscalation.On(benchToday)
	groups, err := s.OpenAlerts(b.Context(), app.Priorities, day)
	n := 0
	for _, g := range groups {
		n += len(g.Alerts)
	}
	if err != nil || n != 10_000 {
		b.Fatalf("%d open alerts, %v; want 10000", n, err)
	}
	timed(b, func() error { _, err := s.OpenAlerts(b.Context(), app.Priorities, day); return err })
}
