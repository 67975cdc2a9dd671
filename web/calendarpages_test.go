package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"vigia/app"
)

// calendarRowIDs are the alert IDs of a Calendario page's rows, in order.
func calendarRowIDs(t *testing.T, body string) []int64 {
	t.Helper()
	var ids []int64
	for _, m := range regexp.MustCompile(`<td data-etiqueta="Vence el" class="fecha-w3"><a href="/alertas/(\d+)">`).FindAllStringSubmatch(body, -1) {
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestTheCalendarPagePagesTheListInItsOrder(t *testing.T) {
	// given clients with more open due dates than a page lists
	e := newTestEnv(t)
	for i := range 12 {
		e.company(fmt.Sprintf("Cliente %02d S.A.S.", 12-i), companyNIT(i), "retencion_fuente", "iva_bimestral")
	}
	all, err := e.svc.CalendarItems(context.Background(), app.CalendarFilter{OpenOnly: true})
	if err != nil || len(all) <= calendarPageSize || len(all) > 2*calendarPageSize {
		t.Fatalf("%d due dates (%v), want two pages", len(all), err)
	}
	want := make([]int64, len(all))
	for i, it := range all {
		want[i] = it.Alert.ID
	}
	b := e.login()
	total := strconv.Itoa(len(all))

	// when the first page, the second and one past the end are read
	first := wantPage(t, b.get("/calendario"), http.StatusOK, total+" vencimientos", "1–200 de "+total,
		`href="/calendario?pagina=2" rel="next"`)
	second := wantPage(t, b.get("/calendario?pagina=2"), http.StatusOK, "201–"+total+" de "+total, `href="/calendario" rel="prev"`)
	past := wantPage(t, b.get("/calendario?pagina=99999999999"), http.StatusOK, "201–"+total+" de "+total)

	// then the pages hold the list, in the core's order, and past the end is the last page
	got := append(calendarRowIDs(t, first), calendarRowIDs(t, second)...)
	if !slices.Equal(got, want) {
		t.Errorf("pages 1 and 2 = %v\nwant %v", got, want)
	}
	if ids := calendarRowIDs(t, past); !slices.Equal(ids, want[calendarPageSize:]) {
		t.Errorf("past the end = %v, want the last page", ids)
	}
}
