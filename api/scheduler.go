package api

import (
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"time"

	"vigia/app"
	"vigia/messages"
)

// statusBody is a rendered status response, the snapshot it shows and the
// zone its times are written in.
type statusBody struct {
	status   app.SchedulerStatus
	loc      *time.Location
	calendar *calendarBrief
	body     []byte
}

// schedulerStatus serves the seed's shape
// {"success":true,"datos":{"running":..,"total_jobs":N,"jobs":[{"id":"trigger_<id>","name":..,"next_run":..}]}}
// plus what issue 3 added: "pausado", "rol", "lider" and "recuperacion",
// and issue 12's "calendario" (see calendarbrief.go).
// Monitors and the tray poll it, so the rendered body is reused while the
// scheduler's snapshot, the configured zone and the calendar are unchanged.
func (h *handler) schedulerStatus(w http.ResponseWriter, r *http.Request) {
	st, loc, cal := h.svc.SchedulerStatus(), h.svc.Location(), h.calendarBriefNow(r.Context())
	if last := h.status.Load(); last != nil && last.loc == loc && sameStatus(last.status, st) && sameBrief(last.calendar, cal) {
		writeJSON(w, http.StatusOK, last.body)
		return
	}
	b, err := renderStatus(st, loc, cal)
	if err != nil {
		h.fail(w, r, fmt.Errorf("encode scheduler status: %w", err))
		return
	}
	h.status.Store(&statusBody{status: st, loc: loc, calendar: cal, body: b})
	writeJSON(w, http.StatusOK, b)
}

// renderStatus is the whole response body for st, in the success envelope.
func renderStatus(st app.SchedulerStatus, loc *time.Location, cal *calendarBrief) ([]byte, error) {
	v := statusOf(st, loc)
	if cal != nil {
		v.Calendar = &cal.view
	}
	return marshal(successBody{Success: true, Data: v})
}

// statusView is the status object: the seed's running, total_jobs and jobs,
// plus pausado, rol, lider (null when unknown) and recuperacion.
type statusView struct {
	Running bool    `json:"running"`
	Paused  bool    `json:"pausado"`
	Role    string  `json:"rol"`
	Leader  *string `json:"lider"`
	// Problem says, in Spanish, why the lease cannot be written (a full or
	// read-only disk); absent when it can, so the seed's shape is unchanged.
	Problem     string       `json:"problema,omitempty"`
	ProblemCode app.Code     `json:"problema_codigo,omitempty"`
	Recovery    recoveryView `json:"recuperacion"`
	TotalJobs   int          `json:"total_jobs"`
	Jobs        []jobView    `json:"jobs"`
	// Calendar is the tax calendar in effect; absent when it cannot be read.
	Calendar *calendarBriefJSON `json:"calendario,omitempty"`
}

type recoveryView struct {
	EvaluatedAt *string `json:"evaluada_en"`
	Recovered   int     `json:"recuperadas"`
	Missed      int     `json:"perdidas"`
	Skipped     int     `json:"omitidas"`
	Uncounted   int     `json:"sin_fila"`
}

type jobView struct {
	ID      string  `json:"id"` // "trigger_<id>", as the seed named its jobs
	Name    string  `json:"name"`
	NextRun *string `json:"next_run"`
}

// statusOf is st for the API, its times RFC 3339 in loc (null when unknown).
func statusOf(st app.SchedulerStatus, loc *time.Location) statusView {
	v := statusView{
		Running: st.Running, Paused: st.Paused, Role: st.Role, TotalJobs: len(st.Jobs),
		Recovery: recoveryView{
			EvaluatedAt: stampOrNull(st.Recovery.EvaluatedAt, loc), Recovered: st.Recovery.Recovered,
			Missed: st.Recovery.Missed, Skipped: st.Recovery.Skipped, Uncounted: st.Recovery.Uncounted,
		},
		Jobs: make([]jobView, len(st.Jobs)),
	}
	if st.Leader != "" {
		v.Leader = &st.Leader
	}
	if st.Problem != nil {
		v.Problem, v.ProblemCode = messages.Text("es", *st.Problem), st.Problem.Code
	}
	for i, j := range st.Jobs {
		v.Jobs[i] = jobView{ID: "trigger_" + strconv.FormatInt(j.TriggerID, 10), Name: j.Name, NextRun: stampOrNull(j.NextRun, loc)}
	}
	return v
}

// sameStatus reports whether a and b render the same body: every field
// statusOf reads is compared.
func sameStatus(a, b app.SchedulerStatus) bool {
	if a.Running != b.Running || a.Paused != b.Paused || a.Role != b.Role || a.Leader != b.Leader ||
		!reflect.DeepEqual(a.Problem, b.Problem) ||
		!sameRecovery(a.Recovery, b.Recovery) || len(a.Jobs) != len(b.Jobs) {
		return false
	}
	for i := range a.Jobs {
		x, y := &a.Jobs[i], &b.Jobs[i]
		if x.TriggerID != y.TriggerID || x.Name != y.Name || !x.NextRun.Equal(y.NextRun) {
			return false
		}
	}
	return true
}

func sameRecovery(a, b app.Recovery) bool {
	return a.EvaluatedAt.Equal(b.EvaluatedAt) && a.Recovered == b.Recovered && a.Missed == b.Missed &&
		a.Skipped == b.Skipped && a.Uncounted == b.Uncounted
}

// schedulerSummary is what reload, pausar and reanudar answer: the seed's
// reload fields plus the pause.
type schedulerSummary struct {
	Running   bool `json:"running"`
	Paused    bool `json:"pausado"`
	TotalJobs int  `json:"total_jobs"`
}

func summaryOf(st app.SchedulerStatus) schedulerSummary {
	return schedulerSummary{Running: st.Running, Paused: st.Paused, TotalJobs: len(st.Jobs)}
}

func (h *handler) reloadScheduler(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.Reload(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, summaryOf(st), "Scheduler recargado exitosamente")
}

// pauseScheduler pauses every trigger's slots (persisted); pausing a paused
// scheduler answers the same.
func (h *handler) pauseScheduler(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Pause(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, summaryOf(h.svc.SchedulerStatus()), "Scheduler en pausa")
}

// resumeScheduler lets slots run again; resuming a running scheduler answers the same.
func (h *handler) resumeScheduler(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Resume(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, summaryOf(h.svc.SchedulerStatus()), "Scheduler reanudado")
}
