package storage

import (
	"fmt"
	"testing"
	"time"

	"vigia/app"
)

// BenchmarkCalendarItems is the «Calendario» view's read with the calendar
// alerts of 2,000 companies over a year (52,000, benchUsual): a page of 200
// open ones and its total (page1), the next page (page2), an obligation's
// (obligation), a company's (company), a page past the end (past: the
// total alone), and every one (every: the export's read). The target of a page is a few milliseconds:
//
//	go test -run '^$' -bench BenchmarkCalendarItems ./storage/
func BenchmarkCalendarItems(b *testing.B) {
	alerts := benchCalendarAlerts(2_000, benchUsual)
	s := benchCalendarStore(b, b.TempDir(), 2_000)
	b.Cleanup(func() { s.Close() })
	if _, err := s.ApplyCalendar(b.Context(), app.CalendarChanges{Create: alerts}); err != nil {
		b.Fatal(err)
	}
	page := app.Page{Limit: 200}
	for _, c := range []struct {
		name string
		f    app.CalendarFilter
		p    app.Page
		rows int
	}{
		{"page1", app.CalendarFilter{OpenOnly: true}, page, 200},
		{"page2", app.CalendarFilter{OpenOnly: true}, app.Page{Limit: 200, Offset: 200}, 200},
		{"obligation", app.CalendarFilter{Obligation: "iva_bimestral", OpenOnly: true, From: time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)}, page, 200},
		{"company", app.CalendarFilter{CompanyID: 1_000}, page, len(alerts) / 2_000},
		{"past", app.CalendarFilter{}, app.Page{Limit: 200, Offset: 1 << 28}, 0},
		{"every", app.CalendarFilter{}, app.Page{}, len(alerts)},
	} {
		b.Run(fmt.Sprintf("%s/%d", c.name, len(alerts)), func(b *testing.B) {
			timed(b, func() error {
				got, err := s.CalendarItems(b.Context(), c.f, c.p)
				if err == nil && len(got.Items) != c.rows {
					err = fmt.Errorf("read %d of %d (total %d)", len(got.Items), c.rows, got.Total)
				}
				return err
			})
		})
	}
}
