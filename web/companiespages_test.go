package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestEmpresasPagesByNameWithAndWithoutASearch(t *testing.T) {
	// given no company, then 205 of them created against name order
	e := newTestEnv(t)
	b := e.login()
	if body := wantPage(t, b.get("/empresas?buscar=nada"), http.StatusOK); strings.Contains(body, `id="empresa-`) {
		t.Error("an empty office lists a company")
	}
	for i := 204; i >= 0; i-- {
		e.company(fmt.Sprintf("Cliente %03d", i), "")
	}
	rows := func(body string) int { return strings.Count(body, `<tr id="empresa-`) }

	// then each page lists its hundred by name, the last one what is left,
	// and a page past the end is the last one
	for _, c := range []struct {
		path        string
		rows        int
		first, last string
		texts       []string
	}{
		{"/empresas", 100, "Cliente 000", "Cliente 099", []string{"205 empresas", "1–100 de 205", `href="/empresas?pagina=2" rel="next"`}},
		{"/empresas?pagina=2", 100, "Cliente 100", "Cliente 199", []string{"101–200 de 205", `href="/empresas" rel="prev"`}},
		{"/empresas?pagina=3", 5, "Cliente 200", "Cliente 204", []string{"201–205 de 205"}},
		{"/empresas?pagina=9", 5, "Cliente 200", "Cliente 204", []string{"201–205 de 205"}},
		{"/empresas?buscar=cliente+1", 100, "Cliente 100", "Cliente 199", []string{"100 empresas"}},
		{"/empresas?buscar=CLIENTE+20", 5, "Cliente 200", "Cliente 204", []string{"5 empresas"}},
	} {
		body := wantPage(t, b.get(c.path), http.StatusOK, c.texts...)
		first, last := strings.Index(body, ">"+c.first+"<"), strings.Index(body, ">"+c.last+"<")
		if got := rows(body); got != c.rows || first < 0 || last < first {
			t.Errorf("%s: %d rows (want %d), %s at %d, %s at %d", c.path, got, c.rows, c.first, first, c.last, last)
		}
	}
}
