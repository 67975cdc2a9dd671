package web

import (
	"html/template"
	"strings"
	"testing"
)

// nasty holds every character html/template escapes, and some it leaves.
const nasty = `Zeta & Cía. "la <buena>" O'Neil + 1 %41 ` + "\x00 ñ/?=#"

// ranged renders rows as the pages' templates did with a range.
func ranged(t *testing.T, src string, data any) string {
	t.Helper()
	tmpl := template.Must(template.New("t").Parse(`<tbody>{{- $L := .L}}{{- range .Rows}}` + src + `{{- end}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// alertRowsRange is Alertas' former range body; $L holds the labels.
const alertRowsRange = `
<tr id="alerta-{{.ID}}">
<td data-etiqueta="{{$L.prioridad}}"><span class="{{.PriorityClass}}">{{.Priority}}</span>{{with .Escalated}}<span class="pista">{{.}}</span>{{end}}</td>
<td data-etiqueta="{{$L.empresa}}">{{.Company}}{{if .Inactive}} <span class="badge">{{$L.inactiva}}</span>{{end}}<span class="pista">{{.CompanyNIT}}</span></td>
<td data-etiqueta="{{$L.titulo}}"><strong>{{.Title}}</strong>
<span class="origen"><span class="badge{{if .Calendar}} badge-info{{end}}">{{.Origin}}</span>{{if .Calendar}} <span class="{{.StateClass}}">{{.DateState}}</span>{{end}}</span>
{{- if .Calendar}}{{range .Facts}}<span class="pista">{{.}}</span>{{end}}{{else}}{{with .Detail}}<span class="pista">{{.}}</span>{{end}}{{end}}</td>
<td data-etiqueta="{{$L.vence}}" class="fecha-w3">{{.Due}}{{if .DueText}}<span class="pista{{with .DueClass}} vence-{{.}}{{end}}">{{.DueText}}</span>{{end}}</td>
<td data-etiqueta="{{$L.estado}}"><span class="badge{{if .Open}} badge-aviso{{else}} badge-ok{{end}}">{{.State}}</span>{{with .Resolved}}<span class="pista">{{.}}</span>{{end}}</td>
<td data-etiqueta="{{$L.acciones}}">
<div class="acciones acciones-fila" role="group" aria-label="{{.Title}}">
<a class="boton" href="/alertas/{{.ID}}?volver={{$.Back}}">{{$L.editar}}</a>
{{- if .Open}}
<a class="boton" href="/alertas/{{.ID}}/resolver?volver={{$.Back}}">{{$L.resolver}}</a>
{{- end}}
<a class="boton boton-peligro" href="/alertas/{{.ID}}/eliminar?volver={{$.Back}}">{{$L.eliminar}}</a>
</div>
</td>
</tr>`

func TestAlertRowsWriteWhatTheTemplatesRangeWrote(t *testing.T) {
	// given rows down every branch, with every character html/template escapes
	rows := []alertRow{
		{ID: 7, Priority: nasty, PriorityClass: "badge badge-error", Escalated: nasty, Company: nasty, CompanyNIT: nasty,
			Inactive: true, Title: nasty, Detail: nasty, Origin: nasty, Due: nasty, DueText: nasty, DueClass: "urgente",
			Open: true, State: nasty},
		{ID: 8, Priority: "MEDIA", PriorityClass: "badge badge-info", Company: "Ñandú", CompanyNIT: "NIT 1", Title: "IVA",
			Origin: "Calendario", Calendar: true, Facts: []string{nasty, "fuente"}, DateState: nasty, StateClass: "badge badge-aviso",
			Due: "—", State: "Resuelta", Resolved: nasty},
		{ID: 9, Title: "t", Origin: "Manual", Due: "01/02/2026", DueText: "mañana", Open: true, State: "Abierta"},
	}
	for _, lang := range []string{"es", "en"} {
		labels := map[string]string{}
		for _, k := range []string{"col.prioridad", "col.empresa", "col.titulo", "col.vence", "col.estado", "acciones",
			"editar", "resolver", "eliminar"} {
			labels[strings.TrimPrefix(k, "col.")] = T(lang, "alertas."+k)
		}
		labels["inactiva"] = T(lang, "empresas.inactiva")
		back := "/alertas?" + nasty

		// when both write them
		want := ranged(t, alertRowsRange, map[string]any{"L": labels, "Rows": rows, "Back": back})
		got := "<tbody>" + string(alertRowsHTML(lang, rows, back))

		// then the rows are the range's, byte for byte
		if got != want {
			t.Errorf("%s: alertRowsHTML wrote\n%s\nthe range wrote\n%s", lang, got, want)
		}
	}
}

// calendarRowsRange is Calendario's former range body.
const calendarRowsRange = `
<tr>
<td data-etiqueta="{{$L.vence}}" class="fecha-w3"><a href="/alertas/{{.AlertID}}">{{.Due}}</a>{{if .DueNote}} <span class="{{.DueClass}}">{{.DueNote}}</span>{{end}}{{with .Moved}}<span class="pista">{{.}}</span>{{end}}</td>
<td data-etiqueta="{{$L.empresa}}">{{.Company}}{{if .Inactive}} <span class="badge">{{$L.inactiva}}</span>{{end}}</td>
<td data-etiqueta="{{$L.obligacion}}">{{.Obligation}}</td>
<td data-etiqueta="{{$L.periodo}}">{{.Period}}</td>
<td data-etiqueta="{{$L.estado}}"><span class="{{.StateClass}}">{{.State}}</span></td>
<td data-etiqueta="{{$L.fuente}}" class="fuente-w3">{{.Source}}</td>
</tr>`

func TestCalendarRowsWriteWhatTheTemplatesRangeWrote(t *testing.T) {
	// given rows down every branch, with every character html/template escapes
	rows := []calendarRow{
		{AlertID: 3, Due: nasty, DueNote: nasty, DueClass: "badge badge-error", Moved: nasty, Company: nasty, Inactive: true,
			Obligation: nasty, Period: nasty, State: nasty, StateClass: "badge badge-aviso", Source: nasty},
		{AlertID: 4, Due: "vie 12/12/2025", Company: "Ñandú", Obligation: "IVA", Period: "2025", State: "fecha oficial", StateClass: "badge"},
	}
	for _, lang := range []string{"es", "en"} {
		labels := map[string]string{"inactiva": T(lang, "empresas.inactiva")}
		for _, k := range []string{"vence", "empresa", "obligacion", "periodo", "estado", "fuente"} {
			labels[k] = T(lang, "calendario.col."+k)
		}

		// when both write them
		want := ranged(t, calendarRowsRange, map[string]any{"L": labels, "Rows": rows})
		got := "<tbody>" + string(calendarRowsHTML(lang, rows))

		// then the rows are the range's, byte for byte
		if got != want {
			t.Errorf("%s: calendarRowsHTML wrote\n%s\nthe range wrote\n%s", lang, got, want)
		}
	}
	if got := string(calendarRowsHTML("es", rows)); strings.Contains(got, "<buena>") || !strings.Contains(got, "&lt;buena&gt;") {
		t.Errorf("a company's name is not escaped: %s", got)
	}
}
