package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"vigia/api"
	"vigia/app"
)

// discardWriter is the cheapest ResponseWriter, so the benchmark measures the handler.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }
func (w *discardWriter) Write(b []byte) (int, error) { w.n += len(b); return len(b), nil }

// armTriggers creates n active daily triggers at spread-out times.
func armTriggers(b testing.TB, e *env, n int) {
	for i := range n {
		name, freq, hour := fmt.Sprintf("Trigger %03d", i), "diaria", fmt.Sprintf("%02d:%02d", i%24, i%60)
		prios, to := []string{"CRITICA"}, []string{"contabilidad@ejemplo.com"}
		d := app.TriggerDraft{Name: &name, Frequency: &freq, Time: &hour, Priorities: &prios, Recipients: &to}
		if _, err := e.svc.CreateTrigger(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStatusEndpoint100(b *testing.B) {
	e := newEnv(b, func(o *api.Options) { o.Logger = discardLogger() })
	armTriggers(b, e, 100)
	if got := len(e.svc.SchedulerStatus().Jobs); got != 100 {
		b.Fatalf("%d jobs armed", got)
	}
	r := request("GET", "/api/triggers/scheduler/status", "")
	w := &discardWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		e.handler.ServeHTTP(w, r)
	}
	if w.status != http.StatusOK {
		b.Fatalf("status %d", w.status)
	}
	b.ReportMetric(float64(w.n)/float64(b.N), "B/resp")
}
