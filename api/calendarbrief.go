package api

import (
	"context"
	"time"

	"vigia/app"
)

// The scheduler's status names the calendar in effect in a short object.
// Monitors poll the status many times a second and the calendar's status
// reads the database, so the object is kept here: read again when it is
// older than calendarBriefTTL, and at once after this process imports a
// calendar, changes the horizon or regenerates the calendar's alerts.

// calendarBriefTTL bounds how stale the object may be when another process
// (or the desktop, which calls the core directly) changed the calendar.
const calendarBriefTTL = time.Minute

// calendarBriefJSON is the status's "calendario": the version in effect and
// the year whose dates are computed while already inside the horizon (null when none).
type calendarBriefJSON struct {
	Version     string `json:"version"`
	MissingYear *int   `json:"anio_faltante"`
}

// calendarBrief is the object and when it was read.
type calendarBrief struct {
	view calendarBriefJSON
	at   time.Time
}

// same reports whether a and b render the same object (nil: left out).
func sameBrief(a, b *calendarBrief) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := a.view, b.view
	return x.Version == y.Version && (x.MissingYear == nil) == (y.MissingYear == nil) &&
		(x.MissingYear == nil || *x.MissingYear == *y.MissingYear)
}

// calendarBriefNow is the kept object, read again when stale; nil when the
// calendar's status cannot be read (the status then leaves it out).
func (h *handler) calendarBriefNow(ctx context.Context) *calendarBrief {
	now := h.svc.Now()
	if b := h.brief.Load(); b != nil && now.Sub(b.at) < calendarBriefTTL && !now.Before(b.at) {
		return b
	}
	st, err := h.svc.CalendarStatus(ctx)
	if err != nil {
		h.log.Debug("estado del calendario no disponible para el estado del scheduler", "error", err)
		return nil
	}
	b := &calendarBrief{view: calendarBriefJSON{Version: st.Info.Version}, at: now}
	if st.MissingYear != 0 {
		year := st.MissingYear
		b.view.MissingYear = &year
	}
	h.brief.Store(b)
	return b
}

// forgetCalendarBrief makes the next status read the calendar again.
func (h *handler) forgetCalendarBrief() { h.brief.Store(nil) }

// watchCalendar forgets the object whenever the core regenerates the calendar's alerts.
func (h *handler) watchCalendar(svc *app.Service) {
	svc.Subscribe(func(ev app.Event) {
		if ev.Kind == app.EventCalendarChanged {
			h.forgetCalendarBrief()
		}
	})
}
