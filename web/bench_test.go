package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchLoad is the office: 100,000 history rows, 2,000 companies,
// 10,000 alerts (the tax calendar's of 100 companies included).
var benchLoad = pageLoad{triggers: 20, companies: 2000, calendarCompanies: 100, alerts: 10_000, runs: 100_000}

// BenchmarkPages serves every page to a logged-in browser, server-side
// (the handler, the service and SQLite; no network), with benchLoad's data,
// and reports each page's p50 and p99 (target: p99 ≤ 20 ms), its CPU time
// and its size:
//
//	go test -run '^$' -bench BenchmarkPages -benchtime 200x ./web/
func BenchmarkPages(b *testing.B) {
	e := newTestEnv(b)
	start := time.Now()
	ids := e.fill(benchLoad)
	b.Logf("data: %+v in %v", benchLoad, time.Since(start).Round(time.Millisecond))
	br := e.login()
	paths := append(pagePaths(ids),
		"/triggers/proximas?frecuencia=semanal&hora=09:30&dias_semana=lunes&dias_semana=jueves",
		fmt.Sprintf("/historial?trigger=%d", ids.trigger), "/historial?pagina=500",
		"/alertas?pagina=50", "/empresas?pagina=20", "/empresas?buscar=0042", "/calendario?pagina=2",
		"/alertas/exportar", "/historial/exportar?estado=fallido")
	wantAllPages(b, br, paths)
	for _, p := range paths {
		b.Run(benchName(p), func(b *testing.B) { timedGet(b, br, p) })
	}
	b.Run("ingresar", func(b *testing.B) { timedGet(b, e.anonymous(), loginPath) })
}

// benchName is a page's path as a benchmark's name: «triggers_7_duplicar».
func benchName(p string) string {
	name := strings.NewReplacer("/", "_", "?", ":", "&", ",").Replace(strings.TrimPrefix(p, "/"))
	if name == "" {
		return "inicio"
	}
	return name
}

// timedGet gets path in b's loop and reports the p50 and p99 of the wall
// times, the process's CPU time per page (GC included: on a shared machine
// the wall times also hold the wait for a core) and the page's bytes.
func timedGet(b *testing.B, br *browser, path string) {
	var took []time.Duration
	size := 0
	cpu := cpuTime(b)
	for b.Loop() {
		t0 := time.Now()
		res := br.get(path)
		took = append(took, time.Since(t0))
		if res.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, res.Code)
		}
		size = res.Body.Len()
	}
	slices.Sort(took)
	pct := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64((cpuTime(b)-cpu).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
	b.ReportMetric(float64(size), "bytes")
}

// cpuTime is the CPU time this process has used.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
