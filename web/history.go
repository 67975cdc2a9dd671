package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"vigia/app"
)

// Historial: every run, newest first, a page at a time, filtered by
// trigger, state and a range of scheduled dates (the desktop's Historial
// tab, ui/history*.go); a run's detail with its full error; the CSV export
// of the runs the filters select (historyexport.go).

var _ = area((*Server).historyRoutes)

func (s *Server) historyRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /historial", s.history)
	m.HandleFunc("GET /historial/exportar", s.historyExport)
	m.HandleFunc("GET /historial/{id}", s.historyDetail)
}

// historyPageSize is how many runs one page shows, as in the desktop.
const historyPageSize = 100

// The query's fields: the filters' inputs are named so, and so are their errors.
const (
	historyFieldTrigger = "trigger"
	historyFieldState   = "estado"
	historyFieldFrom    = "desde"
	historyFieldTo      = "hasta"
	historyFieldPage    = "pagina"
)

// historyQuery is a request's filters as typed (with the refusal of each
// field that could not apply) and the filter the core is asked for: a
// refused field filters nothing.
type historyQuery struct {
	Form   Form
	Filter app.ExecutionFilter
	Page   int // 0-based
}

// readHistoryQuery reads the filters of q: trigger (an ID), estado (a run
// state, checked by the core), desde and hasta (calendar days AAAA-MM-DD in
// the configured zone, both included, read by the core's app.ParseDate) and
// pagina (from 1).
func (s *Server) readHistoryQuery(lang string, q url.Values) historyQuery {
	h := historyQuery{Form: NewForm(url.Values{})}
	for _, k := range []string{historyFieldTrigger, historyFieldState, historyFieldFrom, historyFieldTo} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			h.Form.Values.Set(k, v)
		}
	}
	if v := h.Form.Value(historyFieldTrigger); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			h.Form.Errors[historyFieldTrigger] = TM(lang, app.Msg(app.CodeTriggerIDInvalid, nil))
		} else {
			h.Filter.TriggerID = id
		}
	}
	h.Filter.State = app.RunState(h.Form.Value(historyFieldState))
	loc := s.svc.Location()
	from := historyDay(lang, &h.Form, historyFieldFrom, loc)
	to := historyDay(lang, &h.Form, historyFieldTo, loc)
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		h.Form.Errors[historyFieldTo] = T(lang, "historial.rango_invertido")
		to = time.Time{}
	}
	h.Filter.From = from
	if !to.IsZero() {
		h.Filter.To = to.AddDate(0, 0, 1) // hasta includes its whole day
	}
	if n, err := strconv.Atoi(q.Get(historyFieldPage)); err == nil && n > 1 {
		h.Page = n - 1
	}
	return h
}

// historyDay is the day typed in field, at its start in loc; a day the core
// refuses is the zero time, with the refusal on the field.
func historyDay(lang string, f *Form, field string, loc *time.Location) time.Time {
	v := f.Value(field)
	if v == "" {
		return time.Time{}
	}
	d, problem := app.ParseDate(v, loc)
	if problem != nil {
		f.Errors[field] = TM(lang, *problem)
		return time.Time{}
	}
	return d
}

// historyFields maps the core's names of a history query's fields to the form's.
var historyFields = map[string]string{"trigger_id": historyFieldTrigger, "estado": historyFieldState}

// executions reads page h.Page of h's filter; a filter field the core
// refuses is noted on the form and dropped. Past the last page (fewer rows
// match now) it reads the last one.
func (s *Server) executions(r *http.Request, lang string, h *historyQuery) (app.ExecutionPage, error) {
	f := h.Filter
	f.Limit, f.Offset = historyPageSize, h.Page*historyPageSize
	page, err := s.svc.Executions(r.Context(), f)
	var invalid *app.ValidationError
	if errors.As(err, &invalid) {
		for field, text := range FieldTexts(lang, invalid) {
			if name, ok := historyFields[field]; ok {
				h.Form.Errors[name] = text
			}
		}
		if _, bad := invalid.Problems["estado"]; bad {
			h.Filter.State, f.State = "", ""
		}
		page, err = s.svc.Executions(r.Context(), f)
	}
	if err == nil && len(page.Executions) == 0 && h.Page > 0 && page.Total > 0 {
		h.Page = historyPages(page.Total) - 1
		f.Offset = h.Page * historyPageSize
		page, err = s.svc.Executions(r.Context(), f)
	}
	return page, err
}

// historyPages is how many pages total rows take; at least one.
func historyPages(total int) int { return max(1, (total+historyPageSize-1)/historyPageSize) }

// historyData is Historial's page.
type historyData struct {
	Form      Form
	Triggers  []historyOption
	States    []historyOption
	Rows      []historyRow
	Total     int
	Page      int // 1-based
	Pages     int
	PageText  string
	PrevURL   string // "" on the first page
	NextURL   string // "" on the last page
	ExportURL string
	Filtered  bool // some filter applies: offer to clear them
}

// historyOption is one option of a filter's select.
type historyOption struct {
	Value, Label string
	Selected     bool
}

// historyRow is one run of the table, in words.
type historyRow struct {
	ID                                  int64
	Link                                string
	Scheduled, Started, Duration, Delay string
	Trigger, State, StateClass, Origin  string
	Companies, Alerts, Attempts         int
	Recipients                          string
}

// history is the page: the filters, the runs of the page asked for, the
// paging and the export. A refused filter is said next to its field (status
// 400) and the runs shown are filtered by the others.
func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	h := s.readHistoryQuery(lang, r.URL.Query())
	page, err := s.executions(r, lang, &h)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	triggers, err := s.svc.Triggers(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if len(h.Form.Errors) > 0 {
		status = http.StatusBadRequest
		h.Form.Message = T(lang, "historial.filtro_invalido")
	}
	d := historyData{Form: h.Form, Total: page.Total, Page: h.Page + 1, Pages: historyPages(page.Total),
		Triggers: historyTriggerOptions(lang, triggers, h.Filter.TriggerID), States: historyStateOptions(lang, h.Filter.State),
		Filtered: len(h.Form.Values) > 0}
	key := K("historial.pagina")
	if d.Total == 1 {
		key = K("historial.pagina_una")
	}
	d.PageText = T(lang, key, "Pagina", d.Page, "Paginas", d.Pages, "N", d.Total)
	if d.Page > 1 {
		d.PrevURL = historyURL("/historial", h.Form.Values, d.Page-1)
	}
	if d.Page < d.Pages {
		d.NextURL = historyURL("/historial", h.Form.Values, d.Page+1)
	}
	d.ExportURL = historyURL("/historial/exportar", h.Form.Values, 0)
	back := historyURL("/historial", h.Form.Values, d.Page)
	for _, x := range page.Executions {
		d.Rows = append(d.Rows, s.historyRowOf(lang, x, back))
	}
	s.render(w, r, Page{Template: "history", Title: K("historial.titulo"), Area: AreaHistorial, Status: status, Data: d})
}

// historyURL is path with the filters typed and page (from 1; 0 or 1: none).
func historyURL(path string, filters url.Values, page int) string {
	q := url.Values{}
	for k, vs := range filters {
		q[k] = vs
	}
	if page > 1 {
		q.Set(historyFieldPage, strconv.Itoa(page))
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

func (s *Server) historyRowOf(lang string, x app.Execution, back string) historyRow {
	loc := s.svc.Location()
	return historyRow{
		ID: x.ID, Link: fmt.Sprintf("/historial/%d?%s", x.ID, url.Values{"volver": {back}}.Encode()),
		Scheduled: formatDateTime(lang, loc, x.ScheduledFor), Started: historyStart(lang, loc, x),
		Duration: historyDuration(x.Duration()), Delay: historyDelay(x),
		Trigger: x.TriggerName, State: stateLabel(lang, x.State), StateClass: stateClass(x.State), Origin: originLabel(lang, x.Origin),
		Companies: x.Companies, Alerts: x.Alerts, Attempts: x.Attempts, Recipients: historyRecipients(x.Recipients),
	}
}

// historyStart is when run x began: the time alone on the day it was
// scheduled for (nearly always), the date too otherwise.
func historyStart(lang string, loc *time.Location, x app.Execution) string {
	start, slot := x.StartedAt.In(loc), x.ScheduledFor.In(loc)
	if x.StartedAt.IsZero() || start.Format(layoutDate) != slot.Format(layoutDate) {
		return formatDateTime(lang, loc, x.StartedAt)
	}
	return start.Format("15:04")
}

// historyDuration is a run's length as the desktop writes it: "850 ms",
// "2.5 s", "1 min 5 s"; "—" for none (a run still going).
func historyDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%d min %d s", int(d/time.Minute), int(d%time.Minute/time.Second))
}

// historyDelay is how late run x started after its slot; "—" for a run on
// demand, which has no slot.
func historyDelay(x app.Execution) string {
	d, ok := x.Delay()
	switch {
	case !ok:
		return "—"
	case d <= 0:
		return "0 ms"
	}
	return historyDuration(d)
}

// historyRecipients lists addresses, "—" when there are none.
func historyRecipients(addrs []string) string {
	if len(addrs) == 0 {
		return "—"
	}
	return strings.Join(addrs, ", ")
}

// historyTriggerOptions are the trigger filter's options, "Todos" first; a
// name two triggers share carries each one's ID, and a trigger filtered by
// that no longer exists (its runs outlive it) is offered by its ID.
func historyTriggerOptions(lang string, triggers []app.Trigger, chosen int64) []historyOption {
	names := map[string]int{}
	for _, tr := range triggers {
		names[tr.Name]++
	}
	out := []historyOption{{Value: "", Label: T(lang, "historial.todos"), Selected: chosen == 0}}
	found := chosen == 0
	for _, tr := range triggers {
		label := tr.Name
		if names[tr.Name] > 1 {
			label = fmt.Sprintf("%s (ID %d)", tr.Name, tr.ID)
		}
		out = append(out, historyOption{Value: strconv.FormatInt(tr.ID, 10), Label: label, Selected: tr.ID == chosen})
		found = found || tr.ID == chosen
	}
	if !found {
		out = append(out, historyOption{Value: strconv.FormatInt(chosen, 10), Label: T(lang, "historial.trigger_borrado", "ID", chosen), Selected: true})
	}
	return out
}

// historyStateOptions are the state filter's options, "Todos" first.
func historyStateOptions(lang string, chosen app.RunState) []historyOption {
	out := []historyOption{{Value: "", Label: T(lang, "historial.todos"), Selected: chosen == ""}}
	for _, st := range app.RunStates {
		out = append(out, historyOption{Value: string(st), Label: stateLabel(lang, st), Selected: st == chosen})
	}
	return out
}
