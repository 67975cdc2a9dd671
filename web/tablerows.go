package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The rows of the long tables (Alertas' 100, Calendario's 200) are written
// here rather than by a template's range: html/template calls an escaper by
// reflection for every value it prints (15–40 µs a row), which was most of
// those pages' time. Every value goes through the escapers html/template
// would pick for its place (htmlEscaper for text and quoted attributes,
// queryEscape inside a URL's query), so the HTML is byte for byte the
// template's (tablerows_test.go renders both).

// rowsBuilder writes table rows.
type rowsBuilder struct{ strings.Builder }

// raw writes markup as it is.
func (b *rowsBuilder) raw(s string) { b.WriteString(s) }

// text writes s escaped for an element's content or a quoted attribute.
func (b *rowsBuilder) text(s string) { _, _ = htmlEscaper.WriteString(&b.Builder, s) }

// id writes an ID.
func (b *rowsBuilder) id(id int64) {
	var buf [20]byte
	b.Write(strconv.AppendInt(buf[:0], id, 10))
}

// cell opens a cell labelled for the phone's layout (data-etiqueta).
func (b *rowsBuilder) cell(label string) {
	b.raw("\n<td data-etiqueta=\"")
	b.text(label)
	b.raw("\">")
}

// span writes <span class="class">text</span>.
func (b *rowsBuilder) span(class, text string) {
	b.raw(`<span class="`)
	b.text(class)
	b.raw(`">`)
	b.text(text)
	b.raw("</span>")
}

// html is what was written, for a template to print as it is.
func (b *rowsBuilder) html() template.HTML { return template.HTML(b.String()) }

// queryEscape escapes s for a URL's query as html/template does: every byte
// but the unreserved ones as %xx in lower case.
func queryEscape(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// alertRowsHTML is the Alertas table's rows: each alert's priority (and
// where it was raised from), company, title with its origin and detail or
// a calendar alert's facts, due date, state, and its actions, which come
// back to back (this page's address).
func alertRowsHTML(lang string, rows []alertRow, back string) template.HTML {
	var b rowsBuilder
	b.Grow(len(rows) * 1200)
	cPriority, cCompany, cTitle := T(lang, "alertas.col.prioridad"), T(lang, "alertas.col.empresa"), T(lang, "alertas.col.titulo")
	cDue, cState, cActions := T(lang, "alertas.col.vence"), T(lang, "alertas.col.estado"), T(lang, "alertas.acciones")
	wInactive := T(lang, "empresas.inactiva")
	acts := alertActions{edit: T(lang, "alertas.editar"), resolve: T(lang, "alertas.resolver"), remove: T(lang, "alertas.eliminar"),
		back: "?volver=" + queryEscape(back) + `">`}
	for _, r := range rows {
		b.raw("\n<tr id=\"alerta-")
		b.id(r.ID)
		b.raw(`">`)
		b.cell(cPriority)
		b.span(r.PriorityClass, r.Priority)
		if r.Escalated != "" {
			b.span("pista", r.Escalated)
		}
		b.raw("</td>")
		b.cell(cCompany)
		b.text(r.Company)
		if r.Inactive {
			b.raw(" ")
			b.span("badge", wInactive)
		}
		b.span("pista", r.CompanyNIT)
		b.raw("</td>")
		alertTitleCell(&b, cTitle, r)
		alertDueCell(&b, cDue, r)
		b.cell(cState)
		if r.Open {
			b.span("badge badge-aviso", r.State)
		} else {
			b.span("badge badge-ok", r.State)
		}
		if r.Resolved != "" {
			b.span("pista", r.Resolved)
		}
		b.raw("</td>")
		b.cell(cActions)
		acts.write(&b, r)
		b.raw("\n</tr>")
	}
	return b.html()
}

// alertTitleCell writes an alert's title, its origin (and a calendar
// alert's state of its date), then its detail's first line or a calendar
// alert's facts.
func alertTitleCell(b *rowsBuilder, label string, r alertRow) {
	b.cell(label)
	b.raw("<strong>")
	b.text(r.Title)
	b.raw("</strong>\n<span class=\"origen\">")
	if r.Calendar {
		b.span("badge badge-info", r.Origin)
		b.raw(" ")
		b.span(r.StateClass, r.DateState)
		b.raw("</span>")
		for _, f := range r.Facts {
			b.span("pista", f)
		}
	} else {
		b.span("badge", r.Origin)
		b.raw("</span>")
		if r.Detail != "" {
			b.span("pista", r.Detail)
		}
	}
	b.raw("</td>")
}

// alertActions are the words of an alert's actions and the query that
// brings each back to the page.
type alertActions struct{ edit, resolve, remove, back string }

// write writes an alert's actions (resolve an open one only) and closes their cell.
func (a alertActions) write(b *rowsBuilder, r alertRow) {
	b.raw("\n<div class=\"acciones acciones-fila\" role=\"group\" aria-label=\"")
	b.text(r.Title)
	b.raw("\">\n<a class=\"boton\" href=\"/alertas/")
	b.id(r.ID)
	b.raw(a.back)
	b.text(a.edit)
	if r.Open {
		b.raw("</a>\n<a class=\"boton\" href=\"/alertas/")
		b.id(r.ID)
		b.raw("/resolver" + a.back)
		b.text(a.resolve)
	}
	b.raw("</a>\n<a class=\"boton boton-peligro\" href=\"/alertas/")
	b.id(r.ID)
	b.raw("/eliminar" + a.back)
	b.text(a.remove)
	b.raw("</a>\n</div>\n</td>")
}

// alertDueCell writes an alert's due date and how far it is.
func alertDueCell(b *rowsBuilder, label string, r alertRow) {
	b.raw("\n<td data-etiqueta=\"")
	b.text(label)
	b.raw("\" class=\"fecha-w3\">")
	b.text(r.Due)
	if r.DueText != "" {
		class := "pista"
		if r.DueClass != "" {
			class += " vence-" + r.DueClass
		}
		b.span(class, r.DueText)
	}
	b.raw("</td>")
}

// calendarRowsHTML is the Calendario table's rows: each due date (a link
// to its alert) with its note and the date it had before, the company, the
// obligation, the period, the state of the date and its source.
func calendarRowsHTML(lang string, rows []calendarRow) template.HTML {
	var b rowsBuilder
	b.Grow(len(rows) * 400)
	cDue, cCompany, cObligation := T(lang, "calendario.col.vence"), T(lang, "calendario.col.empresa"), T(lang, "calendario.col.obligacion")
	cPeriod, cState, cSource := T(lang, "calendario.col.periodo"), T(lang, "calendario.col.estado"), T(lang, "calendario.col.fuente")
	wInactive := T(lang, "empresas.inactiva")
	for _, r := range rows {
		b.raw("\n<tr>\n<td data-etiqueta=\"")
		b.text(cDue)
		b.raw("\" class=\"fecha-w3\"><a href=\"/alertas/")
		b.id(r.AlertID)
		b.raw(`">`)
		b.text(r.Due)
		b.raw("</a>")
		if r.DueNote != "" {
			b.raw(" ")
			b.span(r.DueClass, r.DueNote)
		}
		if r.Moved != "" {
			b.span("pista", r.Moved)
		}
		b.raw("</td>")
		b.cell(cCompany)
		b.text(r.Company)
		if r.Inactive {
			b.raw(" ")
			b.span("badge", wInactive)
		}
		b.raw("</td>")
		b.cell(cObligation)
		b.text(r.Obligation)
		b.raw("</td>")
		b.cell(cPeriod)
		b.text(r.Period)
		b.raw("</td>")
		b.cell(cState)
		b.span(r.StateClass, r.State)
		b.raw("</td>\n<td data-etiqueta=\"")
		b.text(cSource)
		b.raw("\" class=\"fuente-w3\">")
		b.text(r.Source)
		b.raw("</td>\n</tr>")
	}
	return b.html()
}
