package app_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

// BenchmarkDigestCollect10000OpenAlerts is a run's collect step through the
// service (thresholds read, today in the zone, SQL, times in the zone): the
// widest digest (every priority) of 10,000 open alerts over 2,000 companies,
// due from 30 days ago to 300 ahead, imported once before the timed loop.
func BenchmarkDigestCollect10000OpenAlerts(b *testing.B) {
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(b.TempDir(), "vigia.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	svc := app.NewService(app.Config{Store: st, Location: bogota})
	today := time.Now().In(bogota)
	for part := range 2 {
		var file strings.Builder
		file.WriteString("empresa;titulo;prioridad;vence_el\n")
		for i := part * 5000; i < (part+1)*5000; i++ {
			due := today.AddDate(0, 0, (i*7919)%331-30).Format(app.DateLayout)
			fmt.Fprintf(&file, "Empresa %d;Alerta %d;%s;%s\n", i%2000, i, app.Priorities[i%4], due)
		}
		if _, err := svc.ImportAlerts(ctx, strings.NewReader(file.String()), false); err != nil {
			b.Fatal(err)
		}
	}
	got, err := svc.OpenAlertsByCompany(ctx, app.Priorities)
	n := 0
	for _, c := range got {
		n += len(c.Alerts)
	}
	if err != nil || len(got) != 2000 || n != 10_000 {
		b.Fatalf("%d companies, %d alerts, %v; want 2000 and 10000", len(got), n, err)
	}
	var took []time.Duration
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	for b.Loop() {
		start := time.Now()
		if _, err := svc.OpenAlertsByCompany(ctx, app.Priorities); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano()
	b.ReportMetric(float64(cpu)/1e6/float64(len(took)), "cpu-ms/op") // the wall times also hold the wait for a core
	slices.Sort(took)
	for _, p := range []float64{0.5, 0.99} {
		b.ReportMetric(float64(took[int(p*float64(len(took)-1))].Microseconds())/1000, fmt.Sprintf("p%.0f-ms", p*100))
	}
}
