package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

const benchHistoryRows = 1_000_000

// benchHistoryStore opens a database holding benchHistoryRows executions of
// 100 triggers (which exist; 2% fallido, ~1% omitida, the rest exitoso). The file is cached
// under os.TempDir by schema version and rebuilt when missing.
func benchHistoryStore(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("vigia-bench-history-v%d-%d.db", SchemaVersion(), benchHistoryRows))
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		start := time.Now()
		if err := buildHistory(b.Context(), path); err != nil {
			b.Fatalf("build history database: %v", err)
		}
		b.Logf("built %s with %d rows in %v", path, benchHistoryRows, time.Since(start).Round(time.Millisecond))
	}
	s, err := Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// buildHistory writes the rows in one transaction through the writer (so the
// count triggers fire as in production), then renames the finished file into
// place: an interrupted build leaves no cache behind.
func buildHistory(ctx context.Context, path string) error {
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	s, err := Open(ctx, tmp)
	if err != nil {
		return err
	}
	if err := s.writer.do(ctx, func(ctx context.Context, tx querier) error { return fillHistory(ctx, tx) }); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// fillHistory writes the benchmarks' history into an empty database, in
// transaction tx of either backend: 100 triggers, benchHistoryRows
// executions a minute apart.
func fillHistory(ctx context.Context, tx querier) error {
	_, err := tx.ExecContext(ctx, `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 100)
		INSERT INTO triggers (id, nombre, frecuencia, hora, minuto, creado_en, actualizado_en)
		SELECT i, 'Resumen ' || i, 'diaria', 8, 0, 1735689600000, 1735689600000 FROM seq`)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `WITH RECURSIVE seq(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
		INSERT INTO executions (trigger_id, trigger_nombre, programada_para, inicio, fin, estado, origen,
			empresas_con_alertas, total_alertas, destinatarios, notificaciones, intentos, error)
		SELECT 1 + i % 100, 'Resumen ' || (1 + i % 100), 1735689600000 + i * 60000, 1735689600050 + i * 60000,
			1735689601550 + i * 60000,
			CASE WHEN i % 50 = 0 THEN 'fallido' WHEN i % 97 = 0 THEN 'omitida' ELSE 'exitoso' END,
			'programada', i % 7, i % 31, '["contador@example.com"]', i % 31, 1,
			CASE WHEN i % 50 = 0 THEN 'smtp: 421 servicio no disponible' ELSE '' END
		FROM seq`, benchHistoryRows)
	return err
}

func BenchmarkExecutionsPage(b *testing.B) { onEachHistory(b, benchmarkExecutionsPage) }

func benchmarkExecutionsPage(b *testing.B, s *Store) {
	for _, bc := range []struct {
		name   string
		filter app.ExecutionFilter
	}{
		{"all", app.ExecutionFilter{Limit: 50}},
		{"trigger", app.ExecutionFilter{TriggerID: 51, Limit: 50}},
		{"estado=fallido", app.ExecutionFilter{State: app.StateFailed, Limit: 50}},
		{"estado=exitoso", app.ExecutionFilter{State: app.StateSucceeded, Limit: 50}},
		{"trigger+estado", app.ExecutionFilter{TriggerID: 51, State: app.StateFailed, Limit: 50}},
		{"all/page10", app.ExecutionFilter{Limit: 50, Offset: 450}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			page, err := s.Executions(b.Context(), bc.filter)
			if err != nil || len(page.Executions) != 50 || page.Total == 0 {
				b.Fatalf("page: %d rows of %d, %v", len(page.Executions), page.Total, err)
			}
			q := historyQueries(bc.filter)
			b.Logf("total %d; plan: %s", page.Total, planOf(b, s, q.page, q.pageArgs...))
			for b.Loop() {
				if _, err := s.Executions(b.Context(), bc.filter); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLastSlots is catch-up's question, asked at start and after every
// clock jump, against the million-row history of 100 triggers.
func BenchmarkLastSlots(b *testing.B) { onEachHistory(b, benchmarkLastSlots) }

func benchmarkLastSlots(b *testing.B, s *Store) {
	last, err := s.LastSlots(b.Context())
	if err != nil || len(last) != 100 {
		b.Fatalf("last slots of %d triggers, %v; want 100", len(last), err)
	}
	b.Logf("plan: %s", planOf(b, s, lastSlotsQuery))
	for b.Loop() {
		if _, err := s.LastSlots(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClaimBurst: 1,000 runs due in the same minute, each claiming its
// slot and finishing, all at once. One op is one burst. On PostgreSQL each
// write is a transaction of its own (no commits/burst).
func BenchmarkClaimBurst(b *testing.B) { onEachBackend(b, benchmarkClaimBurst) }

func benchmarkClaimBurst(b *testing.B, be backend) {
	const runs = 1000
	s := storagetest.OpenAt(b, be.Fresh(b), be.Open)
	var (
		mu        sync.Mutex
		latencies []time.Duration
		slot      = time.Date(2025, 3, 3, 8, 0, 0, 0, time.UTC)
	)
	commitsBefore := s.writer.commits.Load()
	bursts := 0
	for b.Loop() {
		bursts++
		slot = slot.Add(time.Minute)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range runs {
			wg.Go(func() {
				<-start
				t0 := time.Now()
				e, err := s.ClaimExecution(context.Background(), app.Execution{
					TriggerID: int64(i + 1), TriggerName: "burst", ScheduledFor: slot, StartedAt: t0,
					Origin: app.OriginScheduled,
				})
				claimed := time.Since(t0)
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				latencies = append(latencies, claimed)
				mu.Unlock()
				e.State, e.FinishedAt = app.StateSucceeded, time.Now()
				if err := s.FinishExecution(context.Background(), e); err != nil {
					b.Error(err)
				}
			})
		}
		close(start)
		wg.Wait()
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-claim-ms")
	b.ReportMetric(pct(0.99), "p99-claim-ms")
	b.ReportMetric(pct(1), "max-claim-ms")
	if s.Dialect() == DialectSQLite {
		b.ReportMetric(float64(s.writer.commits.Load()-commitsBefore)/float64(bursts), "commits/burst")
	}
}
