package web

import (
	"context"
	"fmt"
	"testing"
	"time"

	"vigia/app"
)

// calendarLoad is a large office's tax calendar: 2,000 companies, every one
// owing withholding and VAT (about 36,000 calendar alerts over the 12
// months' horizon), and 4,000 alerts more.
var calendarLoad = pageLoad{triggers: 2, companies: 2000, calendarCompanies: 2000, alerts: 40_000, runs: 100}

// BenchmarkCalendarPages serves /calendario to a logged-in browser,
// server-side, with calendarLoad's data: the first page, the second, one
// obligation's, one company's and the resolved ones too, each page's p50 and
// p99 (target: p99 ≤ 20 ms), CPU time and size, like BenchmarkPages:
//
//	go test -run '^$' -bench BenchmarkCalendarPages -benchtime 200x ./web/
func BenchmarkCalendarPages(b *testing.B) {
	e := newTestEnv(b)
	start := time.Now()
	ids := e.fill(calendarLoad)
	page, err := e.svc.CalendarPage(context.Background(), app.CalendarFilter{}, app.Page{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("data: %+v, %d calendar alerts, in %v", calendarLoad, page.Total, time.Since(start).Round(time.Millisecond))
	br := e.login()
	paths := []string{"/calendario", "/calendario?pagina=2", "/calendario?obligacion=iva_bimestral&pagina=3",
		fmt.Sprintf("/calendario?empresa=%d", ids.company), "/calendario?resueltas=1"}
	wantAllPages(b, br, paths)
	for _, p := range paths {
		b.Run(benchName(p), func(b *testing.B) { timedGet(b, br, p) })
	}
}
