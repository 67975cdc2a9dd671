package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"vigia/app"
)

// Inicio: what needs attention first (a trigger whose last run failed, next
// year's missing tax calendar, runs missed while Vigía was off), the
// scheduler's state, how mail leaves, the next runs and the last ones: the
// desktop's Inicio tab (ui/home*.go), on a page.

var _ = area((*Server).homeRoutes)

func (s *Server) homeRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("POST /pausar", s.pauseScheduler)
	m.HandleFunc("POST /reanudar", s.resumeScheduler)
	m.HandleFunc("POST /inicio/descartar/{id}", s.dismissFailure)
	m.HandleFunc("POST /inicio/entendido", s.dismissRecovery)
}

// Sizes of Inicio's lists, as in the desktop.
const (
	homeNextRuns        = 10
	homeLastRuns        = 10
	homeFailureScan     = 20
	homeMaxFailureCards = 3
)

// homeData is Inicio's page.
type homeData struct {
	Status     statusLine
	Mail       string
	Outbox     bool // digests go to the outbox: say where SMTP is set up
	Calendar   string
	Missing    *notice // next year's official calendar is missing
	Failures   []failureCard
	MoreFail   int
	Recovery   *notice
	RecoveryAt int64 // the recovery's evaluation (Unix ms), for «Entendido»
	Next       []nextRun
	PausedNote bool // paused with next runs: they will be skipped
	Last       []app.Execution
	Summaries  map[int64]string // the last runs' summaries, by run ID
}

// statusLine is the scheduler's state: a word for the badge, the sentence,
// and which of Pausar/Reanudar applies.
type statusLine struct {
	Badge, Class, Text  string
	CanPause, CanResume bool
}

// notice is a banner's title and body.
type notice struct{ Title, Body string }

// failureCard is a trigger whose last run failed.
type failureCard struct {
	RunID, TriggerID int64
	Title, Body      string
}

// nextRun is one of the next slots.
type nextRun struct {
	At      time.Time
	Trigger string
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := s.lang(r)
	triggers, err := s.svc.Triggers(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	last, err := s.svc.Executions(ctx, app.ExecutionFilter{Limit: homeLastRuns})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.svc.Now()
	d := homeData{
		Status:    s.statusLine(ctx, lang),
		Next:      upcoming(triggers, now, s.svc.Location(), homeNextRuns),
		Last:      last.Executions,
		Summaries: map[int64]string{},
	}
	d.PausedNote = s.svc.Paused() && len(d.Next) > 0
	for _, x := range d.Last {
		d.Summaries[x.ID] = runSummary(lang, x)
	}
	s.mailLine(r, lang, &d)
	s.calendarLine(ctx, lang, &d)
	sess := s.currentSession(r)
	if err := s.failureCards(ctx, lang, sess, triggers, now, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	s.recoveryNotice(lang, sess, &d)
	s.render(w, r, Page{Template: "home", Title: "inicio.titulo", Area: AreaInicio, Data: d})
}

// statusLine says whether the scheduler runs, is paused (since when), or
// another Vigía schedules this database (naming it).
func (s *Server) statusLine(ctx context.Context, lang string) statusLine {
	st := s.svc.SchedulerStatus()
	switch {
	case st.Problem != nil:
		return statusLine{Badge: T(lang, "inicio.badge.problema"), Class: "badge badge-error", Text: TM(lang, *st.Problem)}
	case st.Role == app.RoleNone:
		return statusLine{Badge: T(lang, "inicio.badge.sin_turno"), Class: "badge badge-aviso", Text: T(lang, "inicio.estado.sin_turno")}
	case st.Role == app.RoleStandby:
		leader := st.Leader
		if leader == "" {
			leader = T(lang, "inicio.estado.otro_equipo")
		}
		return statusLine{Badge: T(lang, "inicio.badge.espera"), Class: "badge badge-info", Text: T(lang, "inicio.estado.espera", "Lider", leader)}
	case st.Paused:
		return statusLine{Badge: T(lang, "inicio.badge.pausa"), Class: "badge badge-aviso", Text: s.pausedText(ctx, lang), CanResume: true}
	case !st.Running:
		return statusLine{Badge: T(lang, "inicio.badge.detenido"), Class: "badge badge-error", Text: T(lang, "inicio.estado.detenido")}
	}
	return statusLine{Badge: T(lang, "inicio.badge.activo"), Class: "badge badge-ok",
		Text: T(lang, "inicio.estado.activo", "N", len(st.Jobs)), CanPause: true}
}

func (s *Server) pausedText(ctx context.Context, lang string) string {
	since, err := s.svc.PausedSince(ctx)
	if err != nil || since.IsZero() {
		if err != nil {
			s.log.Warn("interfaz web: inicio de la pausa", "error", err)
		}
		return T(lang, "inicio.estado.pausa")
	}
	return T(lang, "inicio.estado.pausa_desde", "Desde", formatDateTime(lang, s.svc.Location(), since))
}

// mailLine says how digests leave; with the outbox, where to set up SMTP.
func (s *Server) mailLine(r *http.Request, lang string, d *homeData) {
	set, err := s.settings(r)
	if err != nil {
		s.log.Warn("interfaz web: leer la configuración del correo", "error", err)
		d.Mail = T(lang, "inicio.correo", "Modo", "—")
		return
	}
	mode := "—"
	if set.MailMode.Code != "" {
		mode = TM(lang, set.MailMode)
	}
	d.Mail = T(lang, "inicio.correo", "Modo", mode)
	d.Outbox = set.SMTPHost == ""
}

// calendarLine says which tax calendar is loaded and how far ahead its
// alerts go, and warns when next year's official calendar is missing.
func (s *Server) calendarLine(ctx context.Context, lang string, d *homeData) {
	st, err := s.svc.CalendarStatus(ctx)
	if err != nil {
		s.log.Warn("interfaz web: calendario tributario", "error", err)
		return
	}
	if st.Info.Version == "" {
		return
	}
	origin := T(lang, "inicio.calendario.incluido")
	if st.Imported {
		origin = T(lang, "inicio.calendario.importado")
	}
	loaded := T(lang, "inicio.calendario.cargado", "Version", st.Info.Version, "Fecha", formatDate(st.Info.RetrievedOn), "Origen", origin)
	d.Calendar = T(lang, "inicio.calendario.linea", "Calendario", loaded, "N", st.Horizon)
	for _, m := range st.Notices() {
		if m.Code == app.CodeCalendarComputedYear {
			d.Missing = &notice{Title: T(lang, "inicio.calendario.falta", "Anio", st.MissingYear), Body: TM(lang, m)}
		}
	}
}

func (s *Server) pauseScheduler(w http.ResponseWriter, r *http.Request) {
	s.schedulerAction(w, r, s.svc.Pause, "inicio.pausado")
}

func (s *Server) resumeScheduler(w http.ResponseWriter, r *http.Request) {
	s.schedulerAction(w, r, s.svc.Resume, "inicio.reanudado")
}

// schedulerAction pauses or resumes, says so, and goes back to the page the
// form named in «volver» (Inicio by default).
func (s *Server) schedulerAction(w http.ResponseWriter, r *http.Request, act func(context.Context) error, doneKey string) {
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	back := localPath(r.PostForm.Get("volver"))
	if back == "" {
		back = "/"
	}
	lang := s.lang(r)
	if err := act(r.Context()); err != nil {
		if problemStatus(err) == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		s.flash(r, FlashError, ProblemText(lang, err))
	} else {
		s.flash(r, FlashOK, T(lang, doneKey))
	}
	s.redirect(w, r, back)
}

// dismissFailure puts a failure card away for this session.
func (s *Server) dismissFailure(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	s.sessions.update(s.currentSession(r), func(se *session) { se.dismissed[id] = true })
	s.redirect(w, r, "/")
}

// dismissRecovery puts the recovery notice away for this session, until
// the next recovery.
func (s *Server) dismissRecovery(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	ms, err := strconv.ParseInt(r.PostForm.Get("evaluado"), 10, 64)
	if err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	s.sessions.update(s.currentSession(r), func(se *session) { se.recoverySeen = time.UnixMilli(ms) })
	s.redirect(w, r, "/")
}
