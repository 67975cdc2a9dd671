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

// schedulerStatus serves the seed's shape exactly:
// {"success":true,"datos":{"running":..,"total_jobs":N,"jobs":[{"id":"trigger_<id>","name":..,"next_run":..}]}}.
// Monitors and the tray poll it, so it is written without reflection and the
// rendered body is reused while the scheduler's snapshot is unchanged.
func (h *handler) schedulerStatus(w http.ResponseWriter, r *http.Request) {
	st := h.svc.SchedulerStatus()
	if last := h.status.Load(); last != nil && sameStatus(last.status, st) {
		writeJSON(w, http.StatusOK, last.body)
		return
	}
	b := make([]byte, 0, 64+96*len(st.Jobs))
	b = append(b, `{"success":true,"datos":`...)
	b = appendStatus(b, st, h.loc)
	b = append(b, '}')
	h.status.Store(&statusBody{status: st, body: b})
	writeJSON(w, http.StatusOK, b)
}

func sameStatus(a, b app.SchedulerStatus) bool {
	if a.Running != b.Running || len(a.Jobs) != len(b.Jobs) {
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

// appendStatus appends the status object; next_run is RFC 3339 in loc, null when unknown.
func appendStatus(b []byte, st app.SchedulerStatus, loc *time.Location) []byte {
	b = append(b, `{"running":`...)
	b = strconv.AppendBool(b, st.Running)
	b = append(b, `,"total_jobs":`...)
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
		if j.NextRun.IsZero() {
			b = append(b, "null"...)
		} else {
			b = append(b, '"')
			b = j.NextRun.In(loc).AppendFormat(b, time.RFC3339)
			b = append(b, '"')
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
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

func (h *handler) reloadScheduler(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.Reload(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, struct {
		Running   bool `json:"running"`
		TotalJobs int  `json:"total_jobs"`
	}{st.Running, len(st.Jobs)}, "Scheduler recargado exitosamente")
}
