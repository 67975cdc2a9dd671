package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"vigia/app"
)

// Triggers: the list (schedule in words, next run, active, the run in
// progress or the last one's result) with each trigger's actions, the form
// that creates and edits them, and the scheduler's pause: the desktop's
// Triggers tab (ui/triggers*.go, ui/editor*.go) on pages.

var _ = area((*Server).triggerRoutes)

func (s *Server) triggerRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /triggers", s.triggerList)
	m.HandleFunc("GET /triggers/nuevo", s.triggerNew)
	m.HandleFunc("POST /triggers/nuevo", s.triggerCreate)
	m.HandleFunc("GET /triggers/proximas", s.triggerRunsFragment)
	m.HandleFunc("GET /triggers/{id}", s.triggerEdit)
	m.HandleFunc("POST /triggers/{id}", s.triggerUpdate)
	m.HandleFunc("GET /triggers/{id}/proximas", s.triggerRunsFragment)
	m.HandleFunc("GET /triggers/{id}/duplicar", s.triggerDuplicate)
	m.HandleFunc("GET /triggers/{id}/eliminar", s.triggerDeleteAsk)
	m.HandleFunc("POST /triggers/{id}/eliminar", s.triggerDelete)
	m.HandleFunc("POST /triggers/{id}/ejecutar", s.triggerRun)
	m.HandleFunc("POST /triggers/{id}/activo", s.triggerSetActive)
	m.HandleFunc("GET /triggers/{id}/vista-previa", s.triggerDigest)
	m.HandleFunc("GET /triggers/{id}/vista-previa/correo", s.triggerDigestHTML)
	m.HandleFunc("GET /triggers/{id}/prueba", s.triggerTestForm)
	m.HandleFunc("POST /triggers/{id}/prueba", s.triggerTest)
	m.HandleFunc("GET /triggers/{id}/prueba/{run}", s.triggerTestResult)
}

// triggersPath is the list's path, where the actions come back to.
const triggersPath = "/triggers"

// triggerPath is trigger id's page (its form), or one of its actions' paths.
func triggerPath(id int64, action string) string {
	p := triggersPath + "/" + strconv.FormatInt(id, 10)
	if action != "" {
		p += "/" + action
	}
	return p
}

// lastRunsScanned bounds the history read per trigger to find its last run
// among test sends, as the desktop does.
const lastRunsScanned = 20

// triggerListPage is the list's data.
type triggerListPage struct {
	Rows   []triggerRow
	Paused bool
	// Running says a run is in progress: the page reloads itself (app.js)
	// until it ends, so the row shows the result.
	Running bool
}

// triggerRow is one trigger as the list shows it, in words.
type triggerRow struct {
	ID                        int64
	Name, Description         string
	Schedule, Next            string
	Active, Running           bool
	State, StateClass, Detail string // the run in progress or the last one: a badge, then what it did
}

func (s *Server) triggerList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := s.lang(r)
	items, err := s.svc.Triggers(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := triggerListPage{Paused: s.svc.Paused(), Rows: make([]triggerRow, 0, len(items))}
	for _, tr := range items {
		last, err := s.lastRun(ctx, tr.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		row := s.triggerRow(lang, tr, last)
		d.Running = d.Running || row.Running
		d.Rows = append(d.Rows, row)
	}
	s.render(w, r, Page{Template: "triggers", Title: K("triggers.titulo"), Area: AreaTriggers, Data: d})
}

// lastRun is trigger id's latest run that is not a test send; nil when none.
func (s *Server) lastRun(ctx context.Context, id int64) (*app.Execution, error) {
	page, err := s.svc.Executions(ctx, app.ExecutionFilter{TriggerID: id, Limit: lastRunsScanned})
	if err != nil {
		return nil, err
	}
	for _, x := range page.Executions {
		if x.Origin != app.OriginTest {
			return &x, nil
		}
	}
	return nil, nil
}

// triggerRow words trigger tr and its last run for the list.
func (s *Server) triggerRow(lang string, tr app.Trigger, last *app.Execution) triggerRow {
	row := triggerRow{ID: tr.ID, Name: tr.Name, Description: tr.Description, Active: tr.Active,
		Schedule: scheduleText(lang, tr.Schedule), Next: s.nextRunText(lang, tr)}
	row.Running = s.svc.IsRunning(tr.ID) || (last != nil && last.State == app.StateRunning)
	switch {
	case row.Running:
		row.State, row.StateClass = T(lang, "triggers.estado.en_curso"), stateClass(app.StateRunning)
	case last == nil:
		row.State, row.StateClass = T(lang, "triggers.estado.sin_ejecuciones"), "badge"
	default:
		row.State, row.StateClass = stateLabel(lang, last.State), stateClass(last.State)
		row.Detail = relative(lang, s.svc.Now(), runEnd(*last)) + " · " + runSummary(lang, *last)
	}
	return row
}

// runEnd is when run x ended (or began, while it runs).
func runEnd(x app.Execution) time.Time {
	if !x.FinishedAt.IsZero() {
		return x.FinishedAt
	}
	return x.StartedAt
}

// nextRunText is tr's next run as a date and how far it is: "lun 08/12/2025
// 08:00 · en 1 h", and «en pausa» while the scheduler is paused.
func (s *Server) nextRunText(lang string, tr app.Trigger) string {
	if !tr.Active {
		return T(lang, "triggers.inactivo")
	}
	next := s.svc.NextRun(tr)
	if next.IsZero() {
		return "—"
	}
	text := formatDateTime(lang, s.svc.Location(), next) + " · " + relative(lang, s.svc.Now(), next)
	if s.svc.Paused() {
		text += " · " + T(lang, "triggers.en_pausa")
	}
	return text
}

// triggerByPath loads the trigger the path names ({id}); false when it
// answered already (a bad or unknown id: the 404 page).
func (s *Server) triggerByPath(w http.ResponseWriter, r *http.Request) (app.Trigger, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return app.Trigger{}, false
	}
	tr, err := s.svc.Trigger(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return app.Trigger{}, false
	}
	return tr, true
}
