package storage

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

// queryPlan is EXPLAIN QUERY PLAN's details, one per line: SQLite's
// planner, so the tests of which index a query walks are SQLite's alone
// (PostgreSQL's planner chooses by its statistics; its benchmarks watch it).
func queryPlan(t testing.TB, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.read.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n")
}

func TestHistoryPagesReadIndexesNotTheWholeTable(t *testing.T) {
	s := storagetest.Open(t, Open)
	filters := []app.ExecutionFilter{
		{Limit: 50},
		{TriggerID: 3, Limit: 50},
		{State: app.StateFailed, Limit: 50},
		{TriggerID: 3, State: app.StateFailed, Limit: 50, Offset: 50},
	}
	for _, f := range filters {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			q := historyQueries(f)

			page := queryPlan(t, s, q.page, q.pageArgs...)
			count := queryPlan(t, s, q.count, q.countArgs...)

			if strings.Contains(page, "TEMP B-TREE") {
				t.Errorf("page sorts instead of walking an index:\n%s", page)
			}
			if (f.TriggerID != 0 || f.State != "") && !strings.Contains(page, "USING INDEX executions_by_") {
				t.Errorf("filtered page does not use a history index:\n%s", page)
			}
			if !strings.Contains(count, "SEARCH execution_counts USING PRIMARY KEY") {
				t.Errorf("total does not look up execution_counts by key:\n%s", count)
			}
		})
	}
}

// scansAlerts reports a plan line walking all of alertas (alias a), table or index.
func scansAlerts(plan string) bool {
	for line := range strings.Lines(plan) {
		if line = strings.TrimSpace(line); line == "SCAN a" || strings.HasPrefix(line, "SCAN a ") {
			return true
		}
	}
	return false
}

func TestAlertTotalsAndCountsReadIndexesNotTheTable(t *testing.T) {
	s := storagetest.Open(t, Open)
	day := app.DefaultEscalation.On(time.Date(2025, 12, 8, 0, 0, 0, 0, time.UTC))
	dueBy := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, q := range []app.AlertQuery{{}, {OpenOnly: true}, {CompanyID: 3, ResolvedOnly: true}, {DueBy: dueBy}, {CompanyID: 3, DueBy: dueBy}} {
		for _, p := range append([]app.Priority{""}, app.Priorities...) {
			q.Priority = p
			query, args := alertCount(q, day)
			if plan := queryPlan(t, s, query, args...); scansAlerts(plan) || strings.Contains(plan, "MULTI-INDEX OR") {
				t.Errorf("total of %s %+v walks more than its ranges:\n%s", p, q, plan)
			}
		}
	}
	query, args := openAlertCounts(day)
	plan := queryPlan(t, s, query, args...)
	if strings.Count(plan, "COVERING INDEX alertas_open_by_priority_due") != len(raises(day)) || scansAlerts(plan) {
		t.Errorf("counts walk more than the raised alerts' ranges:\n%s", plan)
	}
}

func TestExecutionCountsMatchTheRowsAfterEveryKindOfChange(t *testing.T) {
	eachBackend(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		ctx := t.Context()
		for i := range 30 {
			e, err := s.ClaimExecution(ctx, app.Execution{TriggerID: int64(1 + i%3), Origin: app.OriginManual})
			if err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				e.State = app.RunStates[i%len(app.RunStates)]
				if err := s.FinishExecution(ctx, e); err != nil {
					t.Fatal(err)
				}
			}
		}

		// when: interrupt, and changes no code makes today but the triggers must follow
		if _, err := s.InterruptRunning(ctx, time.Date(2025, 3, 2, 9, 0, 0, 0, time.UTC), app.Msg(app.CodeRunCrashed, nil), ""); err != nil {
			t.Fatal(err)
		}
		for _, change := range []string{`UPDATE executions SET trigger_id = 9 WHERE id % 5 = 0`, `DELETE FROM executions WHERE id % 7 = 0`} {
			if err := s.ExecSQL(ctx, change); err != nil {
				t.Fatal(err)
			}
		}

		// then
		counted := func(query string) string {
			rows, err := s.reads().QueryContext(ctx, query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var b strings.Builder
			for rows.Next() {
				var trigger, n int
				var state string
				rows.Scan(&trigger, &state, &n)
				fmt.Fprintf(&b, "%d/%s=%d ", trigger, state, n)
			}
			return b.String()
		}
		// (the triggers' rows: the totals are their sums, PostgreSQL keeps no row 0)
		kept := counted(`SELECT trigger_id, estado, n FROM execution_counts WHERE n > 0 AND trigger_id > 0 ORDER BY 1, 2`)
		real := counted(`SELECT trigger_id, estado, count(*) FROM executions GROUP BY trigger_id, estado ORDER BY 1, 2`)
		if kept != real {
			t.Fatalf("execution_counts\n %s\ndiffers from the rows\n %s", kept, real)
		}
		// and the history's totals, every trigger's and one state's, are the rows'
		for _, f := range []app.ExecutionFilter{{}, {State: app.StateInterrupted}, {TriggerID: 9}} {
			page, err := s.Executions(ctx, f)
			want := counted(fmt.Sprintf(`SELECT 0, '', count(*) FROM executions WHERE (%d = 0 OR trigger_id = %[1]d) AND ('%s' = '' OR estado = '%[2]s')`, f.TriggerID, f.State))
			if got := fmt.Sprintf("0/=%d ", page.Total); err != nil || got != want {
				t.Errorf("%+v: total %s (%v), want %s", f, got, err, want)
			}
		}
	})
}
