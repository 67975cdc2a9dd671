package web

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"vigia/app"
)

// «Cargar calendario actualizado», as the desktop's (ui/calendarimport.go)
// and the alerts' import: the upload is checked by a dry run that says
// which calendar the file holds and what it would do to the alerts (or why
// the file is refused), and only «Cargar» replaces the calendar and
// regenerates the alerts. The file waits in the session between the two
// (alertsupload.go).

// calendarLoadData is the upload page.
type calendarLoadData struct {
	Form Form
}

// calendarReviewData is the dry run's page.
type calendarReviewData struct {
	Token   string // "" when there is nothing to confirm
	File    string
	Summary string
	Refusal string
}

func (s *Server) calendarLoadPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, Page{Template: "calendar_load", Title: K("calendario.cargar.titulo"), Area: AreaCalendario,
		Data: calendarLoadData{Form: NewForm(nil)}})
}

// calendarUpload keeps the uploaded file and sends the browser to its review.
func (s *Server) calendarUpload(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	data, name, err := readUpload(w, r, "archivo", maxCalendarUpload)
	if err != nil {
		msg := uploadProblem(lang, err, K("calendario.cargar.falta_archivo"), K("calendario.cargar.muy_grande"), maxCalendarUpload)
		if msg == "" {
			s.refuse(w, r, http.StatusBadRequest, "error.formulario")
			return
		}
		f := NewForm(nil)
		f.Errors["archivo"] = msg
		s.render(w, r, Page{Template: "calendar_load", Title: K("calendario.cargar.titulo"), Area: AreaCalendario,
			Status: http.StatusBadRequest, Data: calendarLoadData{Form: f}})
		return
	}
	token, err := s.keepUpload(r, uploadCalendar, name, data)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/calendario/cargar/revisar?"+url.Values{"archivo": {token}}.Encode())
}

// calendarReview checks the pending file and says what loading it would do.
func (s *Server) calendarReview(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	p, ok := s.pendingFile(r, uploadCalendar, r.URL.Query().Get("archivo"), false)
	if !ok {
		s.flash(r, FlashError, T(lang, "calendario.cargar.vencido", "Min", int(uploadTTL.Minutes())))
		s.redirect(w, r, "/calendario/cargar")
		return
	}
	st, sync, err := s.svc.ImportCalendar(r.Context(), p.data, true)
	d := calendarReviewData{Token: p.token, File: p.name}
	if refusal, ok := calendarRefusal(lang, err); ok {
		d.Token, d.Refusal = "", refusal
		s.render(w, r, Page{Template: "calendar_review", Title: K("calendario.cargar.titulo"), Area: AreaCalendario,
			Status: http.StatusBadRequest, Data: d})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Summary = T(lang, "calendario.cargar.resumen", "Version", st.Info.Version, "Fecha", formatDate(st.Info.RetrievedOn),
		"Anios", officialYears(st), "Efecto", TM(lang, sync.Summary(true)))
	s.render(w, r, Page{Template: "calendar_review", Title: K("calendario.cargar.titulo"), Area: AreaCalendario, Data: d})
}

// calendarConfirm loads the pending file for real and regenerates the alerts.
func (s *Server) calendarConfirm(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	p, ok := s.pendingFile(r, uploadCalendar, r.PostForm.Get("archivo"), true)
	if !ok {
		s.flash(r, FlashError, T(lang, "calendario.cargar.vencido", "Min", int(uploadTTL.Minutes())))
		s.redirect(w, r, "/calendario/cargar")
		return
	}
	st, sync, err := s.svc.ImportCalendar(r.Context(), p.data, false)
	if refusal, ok := calendarRefusal(lang, err); ok {
		s.render(w, r, Page{Template: "calendar_review", Title: K("calendario.cargar.titulo"), Area: AreaCalendario,
			Status: http.StatusBadRequest, Data: calendarReviewData{File: p.name, Refusal: refusal}})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, FlashOK, T(lang, "calendario.cargar.hecho", "Calendario", calendarLoadedText(lang, st),
		"Efecto", TM(lang, sync.Summary(false))))
	s.redirect(w, r, "/calendario")
}

// calendarRefusal says why a calendar file is refused, in lang; false when
// err is no refusal.
func calendarRefusal(lang string, err error) (string, bool) {
	var v *app.ValidationError
	if !errors.As(err, &v) {
		return "", false
	}
	var reasons []string
	for _, msg := range FieldTexts(lang, v) {
		reasons = append(reasons, msg)
	}
	sort.Strings(reasons)
	return T(lang, "calendario.cargar.invalido", "Motivo", strings.Join(reasons, " ")), true
}
