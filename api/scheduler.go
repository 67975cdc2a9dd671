package api

import (
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"vigia/app"
)

// statusBody is a rendered status response and the snapshot it shows.
type statusBody struct {
	status app.SchedulerStatus
	body   []byte
}

// schedulerStatus serves the seed's shape
// {"success":true,"datos":{"running":..,"total_jobs":N,"jobs":[{"id":"trigger_<id>","name":..,"next_run":..}]}}
// plus what issue 3 added: "pausado", "rol", "lider" and "recuperacion".
// Monitors and the tray poll it, so it is written without reflection and the
// rendered body is reused while the scheduler's snapshot is unchanged.
func (h *handler) schedulerStatus(w http.ResponseWriter, r *http.Request) {
	st := h.svc.SchedulerStatus()
	if last := h.status.Load(); last != nil && sameStatus(last.status, st) {
		writeJSON(w, http.StatusOK, last.body)
		return
	}
	b := make([]byte, 0, 256+96*len(st.Jobs))
	b = append(b, `{"success":true,"datos":`...)
	b = appendStatus(b, st, h.loc)
	b = append(b, '}')
	h.status.Store(&statusBody{status: st, body: b})
	writeJSON(w, http.StatusOK, b)
}

// sameStatus reports whether a and b render the same body: every field
// appendStatus writes is compared.
func sameStatus(a, b app.SchedulerStatus) bool {
	if a.Running != b.Running || a.Paused != b.Paused || a.Role != b.Role || a.Leader != b.Leader ||
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

// appendStatus appends the status object: the seed's running, total_jobs and
// jobs, plus pausado, rol, lider (null when unknown) and recuperacion. Times
// are RFC 3339 in loc, null when unknown.
func appendStatus(b []byte, st app.SchedulerStatus, loc *time.Location) []byte {
	b = append(b, `{"running":`...)
	b = strconv.AppendBool(b, st.Running)
	b = append(b, `,"pausado":`...)
	b = strconv.AppendBool(b, st.Paused)
	b = append(b, `,"rol":`...)
	b = appendQuoted(b, st.Role)
	b = append(b, `,"lider":`...)
	if st.Leader == "" {
		b = append(b, "null"...)
	} else {
		b = appendQuoted(b, st.Leader)
	}
	rec := st.Recovery
	b = append(b, `,"recuperacion":{"evaluada_en":`...)
	b = appendStamp(b, rec.EvaluatedAt, loc)
	b = append(b, `,"recuperadas":`...)
	b = strconv.AppendInt(b, int64(rec.Recovered), 10)
	b = append(b, `,"perdidas":`...)
	b = strconv.AppendInt(b, int64(rec.Missed), 10)
	b = append(b, `,"omitidas":`...)
	b = strconv.AppendInt(b, int64(rec.Skipped), 10)
	b = append(b, `,"sin_fila":`...)
	b = strconv.AppendInt(b, int64(rec.Uncounted), 10)
	b = append(b, `},"total_jobs":`...)
	b = strconv.AppendInt(b, int64(len(st.Jobs)), 10)
	b = append(b, `,"jobs":[`...)
	for i, j := range st.Jobs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":"trigger_`...)
		b = strconv.AppendInt(b, j.TriggerID, 10)
		b = append(b, `","name":`...)
		b = appendQuoted(b, j.Name)
		b = append(b, `,"next_run":`...)
		b = appendStamp(b, j.NextRun, loc)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendStamp appends t as a quoted RFC 3339 time in loc, or null for the zero time.
func appendStamp(b []byte, t time.Time, loc *time.Location) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.In(loc).AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a JSON string, escaped as marshal does (encoding/json
// without HTML escaping: U+2028/U+2029 escaped, invalid UTF-8 as U+FFFD).
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
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
