package storage

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

func TestCalendarItemsWalkTheCalendarIndexesNotTheTable(t *testing.T) {
	s := storagetest.Open(t, Open)
	from, to := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	filters := []app.CalendarFilter{
		{}, {OpenOnly: true}, {Obligation: "iva_bimestral", OpenOnly: true}, {From: from, To: to},
		{CompanyID: 3}, {CompanyID: 3, Obligation: "retencion_fuente", OpenOnly: true, From: from},
	}
	for i, f := range filters {
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			q := calendarItemsSQL(f, app.Page{Limit: 200, Offset: 200})

			page := queryPlan(t, s, q.page, q.pageArgs()...)
			count := queryPlan(t, s, q.count, q.args...)

			// Every calendar alert: the window and the count from the
			// date index alone, sorted by name within a day only. A
			// company's few alerts: by its key, sorted whole.
			index := "COVERING INDEX alertas_calendario_por_vencimiento"
			if f.CompanyID != 0 {
				index = "INDEX alertas_calendario (empresa_id=?"
			}
			if !strings.Contains(page, index) || !strings.Contains(count, index) {
				t.Errorf("not by %s:\npage:\n%s\ncount:\n%s", index, page, count)
			}
			if f.CompanyID == 0 && strings.Contains(page, "TEMP B-TREE FOR ORDER BY") {
				t.Errorf("page sorts every alert:\n%s", page)
			}
			if strings.Count(page, "SEARCH e USING INTEGER PRIMARY KEY") != 2 || strings.Contains(count, "empresas") {
				t.Errorf("companies not joined by key, or counted:\npage:\n%s\ncount:\n%s", page, count)
			}
		})
	}
}
