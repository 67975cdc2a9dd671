package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"vigia/app"
)

// pagedLists are the list endpoints that page: each reads limit and offset
// with one meaning (app.Page).
var pagedLists = []struct {
	path, items string
	max         int
}{
	{"/api/alertas", "alertas", app.MaxAlertLimit},
	{"/api/triggers/ejecuciones", "ejecuciones", app.MaxHistoryLimit},
}

// wholeLists are the list endpoints that answer every item at once: paging
// parameters do not apply to them.
var wholeLists = []string{"/api/triggers", "/api/empresas"}

func TestEveryPagedListReadsLimitAndOffsetTheSameWay(t *testing.T) {
	// given a trigger with two runs and a company with two alerts
	e := newEnv(t)
	id := itoa(idOf(t, e.create(seedDaily)))
	for range 2 {
		e.do("POST", "/api/triggers/"+id+"/ejecutar", "").want(t, http.StatusAccepted)
		e.finished()
	}
	company := itoa(idOf(t, e.do("POST", "/api/empresas", `{"nombre": "Uno"}`).want(t, http.StatusCreated).data(t)))
	for _, title := range []string{"IVA", "ICA"} {
		e.do("POST", "/api/alertas", `{"empresa_id": `+company+`, "titulo": "`+title+`", "prioridad": "ALTA"}`).want(t, http.StatusCreated)
	}

	for _, l := range pagedLists {
		rows := func(q string) (total float64, n int) {
			d := e.do("GET", l.path+q, "").want(t, http.StatusOK).data(t)
			return d["total"].(float64), len(d[l.items].([]any))
		}
		// when limit is absent or 0, then it is the default page: everything here
		if total, n := rows("?limit=0"); total != 2 || n != 2 {
			t.Errorf("%s?limit=0: total %v, %d rows; want the default page of 2", l.path, total, n)
		}
		// when offset is past the end, then the page is empty and the total stays
		for _, off := range []string{"2", "1000000", "9223372036854775807"} {
			if total, n := rows("?offset=" + off); total != 2 || n != 0 {
				t.Errorf("%s?offset=%s: total %v, %d rows; want an empty page of 2", l.path, off, total, n)
			}
		}
		// when limit or offset is out of its range, then 400 names the field and why
		for q, want := range map[string][2]string{
			"?limit=-1":                       {"limit", fmt.Sprintf("limit debe estar entre 1 y %d.", l.max)},
			fmt.Sprintf("?limit=%d", l.max+1): {"limit", fmt.Sprintf("limit debe estar entre 1 y %d.", l.max)},
			"?limit=99999999999999999999":     {"limit", "limit es demasiado grande."},
			"?limit=abc":                      {"limit", "limit debe ser un número entero."},
			"?offset=-1":                      {"offset", "offset debe ser mayor o igual a 0."},
			"?offset=99999999999999999999":    {"offset", "offset es demasiado grande."},
			"?offset=1.5":                     {"offset", "offset debe ser un número entero."},
		} {
			res := e.do("GET", l.path+q, "").want(t, http.StatusBadRequest)
			if got := res.fields(t)[want[0]]; got != want[1] {
				t.Errorf("%s%s: errores.%s = %q, want %q", l.path, q, want[0], got, want[1])
			}
			if msg, _ := res.Body["error"].(string); !strings.Contains(msg, want[1]) {
				t.Errorf("%s%s: error = %q, want it to say %q", l.path, q, msg, want[1])
			}
		}
	}
}

func TestWholeListsIgnorePagingParameters(t *testing.T) {
	// given a trigger and a company
	e := newEnv(t)
	e.create(seedDaily)
	e.do("POST", "/api/empresas", `{"nombre": "Uno"}`).want(t, http.StatusCreated)

	// when a list that is not paged is asked for a page, then it answers everything
	for _, path := range wholeLists {
		for _, q := range []string{"?limit=-1", "?offset=99999999999999999999"} {
			if got := e.do("GET", path+q, "").want(t, http.StatusOK).list(t); len(got) != 1 {
				t.Errorf("%s%s: %d items, want the whole list of 1", path, q, len(got))
			}
		}
	}
}
