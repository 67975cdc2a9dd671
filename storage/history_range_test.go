package storage

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

// A date range walks executions_by_scheduled for the page and for its total,
// whatever else the filter says: never the equality indexes plus a sort of
// every row of that trigger or state, never the table; the page reads only
// its own rows.
func TestHistoryRangePagesWalkTheScheduledIndex(t *testing.T) {
	s := storagetest.Open(t, Open)
	from := time.Date(2025, 3, 1, 5, 0, 0, 0, time.UTC)
	filters := []app.ExecutionFilter{
		{From: from, Limit: 100},
		{To: from, Limit: 100, Offset: 300},
		{From: from, To: from.AddDate(0, 1, 0), TriggerID: 3, Limit: 100},
		{From: from, To: from.AddDate(0, 1, 0), State: app.StateFailed, Limit: 100},
		{From: from, To: from.AddDate(0, 1, 0), TriggerID: 3, State: app.StateFailed, Limit: 100},
	}
	for _, f := range filters {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			q := historyQueries(f)

			page := queryPlan(t, s, q.page, q.pageArgs...)
			count := queryPlan(t, s, q.count, q.countArgs...)

			if !strings.Contains(page, "SEARCH executions USING COVERING INDEX executions_by_scheduled (programada_para") ||
				!strings.Contains(page, "SEARCH executions USING INTEGER PRIMARY KEY") {
				t.Errorf("page does not pick its IDs in the scheduled index, then read the rows:\n%s", page)
			}
			// the one full sort is of the page's rows, once read
			if n := strings.Count(page, "TEMP B-TREE FOR ORDER BY"); n != 1 || !strings.HasSuffix(page, "USE TEMP B-TREE FOR ORDER BY") {
				t.Errorf("page sorts every matching row:\n%s", page)
			}
			if !strings.Contains(count, "USING COVERING INDEX executions_by_scheduled (programada_para") {
				t.Errorf("total reads rows instead of the scheduled index:\n%s", count)
			}
		})
	}
}

// BenchmarkExecutionsPageByDate pages the million-row history by scheduled
// date (one row a minute from 2025-01-01 UTC, 100 triggers).
func BenchmarkExecutionsPageByDate(b *testing.B) {
	s := benchHistoryStore(b)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	month := app.ExecutionFilter{From: start.AddDate(0, 6, 0), To: start.AddDate(0, 7, 0), Limit: 100}
	for _, bc := range []struct {
		name   string
		filter app.ExecutionFilter
	}{
		{"day", app.ExecutionFilter{From: start.AddDate(0, 6, 0), To: start.AddDate(0, 6, 1), Limit: 100}},
		{"month", month},
		{"month/page50", func() app.ExecutionFilter { f := month; f.Offset = 4900; return f }()},
		{"month+trigger", func() app.ExecutionFilter { f := month; f.TriggerID = 51; return f }()},
		{"month+estado=fallido", func() app.ExecutionFilter { f := month; f.State = app.StateFailed; return f }()},
		{"since start", app.ExecutionFilter{From: start, Limit: 100}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			page, err := s.Executions(b.Context(), bc.filter)
			if err != nil || len(page.Executions) == 0 || page.Total == 0 {
				b.Fatalf("page: %d rows of %d, %v", len(page.Executions), page.Total, err)
			}
			b.Logf("total %d", page.Total)
			for b.Loop() {
				if _, err := s.Executions(b.Context(), bc.filter); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
