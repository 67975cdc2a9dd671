package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"vigia/app"
)

// historyDetailData is the page of one run: every field and its full error.
type historyDetailData struct {
	Fields []historyDetailField
	Reason string // why it failed, was skipped or missed, in the page's language; "" when nothing went wrong
	Failed bool   // the reason is an error (failed or interrupted), not a note
	Back   string // Historial as the user left it
}

// historyDetailField is one line of the detail: its label and value in words.
type historyDetailField struct {
	Label, Value string
	Class        string // the state's badge
}

// historyDetail is the page of run {id}; an unknown run is the 404 page.
func (s *Server) historyDetail(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.refuse(w, r, http.StatusNotFound, K("historial.no_existe"))
		return
	}
	x, err := s.svc.Execution(r.Context(), id)
	if errors.Is(err, app.ErrNotFound) {
		s.refuse(w, r, http.StatusNotFound, K("historial.no_existe"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	back := localPath(r.URL.Query().Get("volver"))
	if back != "/historial" && !strings.HasPrefix(back, "/historial?") {
		back = "/historial"
	}
	d := historyDetailData{Fields: s.historyDetailFields(lang, x), Reason: runReason(lang, x), Back: back,
		Failed: x.State == app.StateFailed || x.State == app.StateInterrupted}
	s.render(w, r, Page{Template: "historydetail", Title: K("historial.detalle.titulo"), Area: AreaHistorial, Data: d})
}

// historyDetailFields are the run's fields, as the desktop's detail lists them.
func (s *Server) historyDetailFields(lang string, x app.Execution) []historyDetailField {
	loc := s.svc.Location()
	field := func(key, value string) historyDetailField {
		return historyDetailField{Label: T(lang, key), Value: value}
	}
	instance := x.Instance
	if instance == "" {
		instance = "—"
	}
	state := field(K("historial.detalle.estado"), stateLabel(lang, x.State))
	state.Class = stateClass(x.State)
	return []historyDetailField{
		field(K("historial.detalle.id"), strconv.FormatInt(x.ID, 10)),
		field(K("historial.detalle.trigger"), x.TriggerName+" (ID "+strconv.FormatInt(x.TriggerID, 10)+")"),
		field(K("historial.detalle.programada"), formatDateTime(lang, loc, x.ScheduledFor)),
		field(K("historial.detalle.inicio"), formatDateTime(lang, loc, x.StartedAt)),
		field(K("historial.detalle.fin"), formatDateTime(lang, loc, x.FinishedAt)),
		field(K("historial.detalle.duracion"), historyDuration(x.Duration())),
		field(K("historial.detalle.retraso"), historyDelay(x)),
		state,
		field(K("historial.detalle.origen"), originLabel(lang, x.Origin)),
		field(K("historial.detalle.empresas"), strconv.Itoa(x.Companies)),
		field(K("historial.detalle.alertas"), strconv.Itoa(x.Alerts)),
		field(K("historial.detalle.notificaciones"), strconv.Itoa(x.Notified)),
		field(K("historial.detalle.destinatarios"), historyRecipients(x.Recipients)),
		field(K("historial.detalle.intentos"), strconv.Itoa(x.Attempts)),
		field(K("historial.detalle.instancia"), instance),
	}
}
