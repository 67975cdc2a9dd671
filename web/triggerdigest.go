package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"vigia/app"
)

// A trigger's e-mail: what it would send now (the desktop's «Vista previa
// del correo»), and a test send to one address, whose outcome has a page
// of its own that follows the run until it ends.

// digestPolicy is the Content-Security-Policy of the e-mail's HTML: an
// e-mail styles itself inline (mail programs drop style sheets), so inline
// styles are let in, and nothing else: no script at all (sandbox), nothing
// fetched, framed only by this site's preview page.
const digestPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"

// The preview page stays small however many alerts the e-mail carries: its
// frame and its text version show the digest's head (app.Digest.Head), at
// most previewAlerts alerts in at most previewHTMLBytes of HTML, so that the
// page, its assets and the framed e-mail weigh under 150 KB; the page counts
// the whole digest and says how much of it the preview shows.
const (
	previewAlerts    = 100
	previewHTMLBytes = 100_000
)

// triggerDigestPage is the e-mail preview's data.
type triggerDigestPage struct {
	Preview    app.DigestPreview
	Heading    string
	Recipients string
	Companies  string // the whole digest's counts, written out
	Alerts     string
	Cut        string // says the preview shows the first alerts only; "" when it shows them all
	HTMLURL    string // the e-mail's HTML, framed by the page
	TextURL    string // its text version
}

var _ = area((*Server).triggerDigestRoutes)

// triggerDigestRoutes adds the text version to the preview's routes (the
// page and its HTML are in triggerRoutes).
func (s *Server) triggerDigestRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /triggers/{id}/vista-previa/texto", s.triggerDigestText)
}

// preview builds, once, the preview of the trigger the path names, its
// bodies cut to the head; false when it answered already (unknown trigger,
// no renderer…).
func (s *Server) preview(w http.ResponseWriter, r *http.Request) (app.DigestPreview, bool) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return app.DigestPreview{}, false
	}
	p, err := s.svc.PreviewDigestHead(r.Context(), tr.ID, previewAlerts, previewHTMLBytes)
	if err != nil {
		s.fail(w, r, err)
		return app.DigestPreview{}, false
	}
	return p, true
}

// triggerDigest shows what trigger {id} would e-mail now, sending nothing:
// the subject, recipients and counts, the e-mail framed and its text
// version behind a link.
func (s *Server) triggerDigest(w http.ResponseWriter, r *http.Request) {
	p, ok := s.preview(w, r)
	if !ok {
		return
	}
	lang := s.lang(r)
	recipients := strings.Join(p.Recipients, ", ")
	if recipients == "" {
		recipients = T(lang, "triggers.vista.sin_destinatarios")
	}
	page := triggerDigestPage{Preview: p, Heading: T(lang, "triggers.vista.titulo", "Nombre", p.TriggerName),
		Recipients: recipients, Companies: formatCount(lang, p.Companies), Alerts: formatCount(lang, p.TotalAlerts),
		HTMLURL: triggerPath(p.TriggerID, "vista-previa/correo"), TextURL: triggerPath(p.TriggerID, "vista-previa/texto")}
	if p.ShownAlerts < p.TotalAlerts {
		page.Cut = T(lang, "triggers.vista.recorte", "Mostradas", formatCount(lang, p.ShownAlerts), "Total", page.Alerts)
	}
	s.render(w, r, Page{Template: "triggers_vista", Title: K("triggers.vista_previa"), Area: AreaTriggers, Data: page})
}

// triggerDigestHTML is the e-mail's HTML alone, as its recipients will see
// it, under digestPolicy: the preview page frames it, or it opens in a tab.
func (s *Server) triggerDigestHTML(w http.ResponseWriter, r *http.Request) {
	p, ok := s.preview(w, r)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", digestPolicy)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, p.HTML)
}

// triggerDigestText is the e-mail's text version, as plain text.
func (s *Server) triggerDigestText(w http.ResponseWriter, r *http.Request) {
	p, ok := s.preview(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, p.Text)
}

// formatCount writes a count (n >= 0) with its thousands grouped: «2 500»
// (a no-break space) in Spanish, «2,500» in English.
func formatCount(lang string, n int) string {
	sep := "\u00a0"
	if langOf(lang) == langEnglish {
		sep = ","
	}
	digits := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// triggerTestPage is the test send's form.
type triggerTestPage struct {
	ID      int64
	Name    string
	Intro   string
	Form    Form
	Started *app.Execution // the test send this page follows (the result page)
	Running bool           // it has not ended: the page reloads itself (app.js)
	Result  string
	Class   string // the result's badge
}

// triggerTestForm asks for the address of a test send of trigger {id},
// suggesting its first recipient (or the first default one).
func (s *Server) triggerTestForm(w http.ResponseWriter, r *http.Request) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return
	}
	form := NewForm(nil)
	if suggested := append(append([]string{}, tr.Recipients...), s.svc.DefaultRecipients()...); len(suggested) > 0 {
		form.Values.Set("destinatario", suggested[0])
	}
	s.showTestForm(w, r, tr, form, http.StatusOK)
}

func (s *Server) showTestForm(w http.ResponseWriter, r *http.Request, tr app.Trigger, form Form, status int) {
	lang := s.lang(r)
	s.render(w, r, Page{Template: "triggers_prueba", Title: K("triggers.prueba.titulo"), Area: AreaTriggers, Status: status,
		Data: triggerTestPage{ID: tr.ID, Name: tr.Name, Form: form, Intro: T(lang, "triggers.prueba.explicacion", "Nombre", tr.Name)}})
}

// triggerTest sends trigger {id}'s digest to the posted address now and
// goes to the page that follows it; a refused address comes back to the
// form, as typed, with why.
func (s *Server) triggerTest(w http.ResponseWriter, r *http.Request) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	lang := s.lang(r)
	form := NewForm(r.PostForm)
	x, err := s.svc.SendTest(r.Context(), tr.ID, form.Value("destinatario"))
	switch {
	case err == nil:
		s.log.Info("prueba iniciada desde la interfaz web", "trigger_id", tr.ID, "ejecucion_id", x.ID)
		s.redirect(w, r, triggerPath(tr.ID, "prueba/"+strconv.FormatInt(x.ID, 10)))
	case form.Refused(lang, err):
		s.showTestForm(w, r, tr, form, http.StatusBadRequest)
	case problemStatus(err) != http.StatusInternalServerError:
		form.Message = ProblemText(lang, err) // running already, the database cannot be written
		s.showTestForm(w, r, tr, form, problemStatus(err))
	default:
		s.fail(w, r, err)
	}
}

// triggerTestResult follows test send {run} of trigger {id}: «En curso…»
// (the page reloads itself with app.js) until it says how it ended.
func (s *Server) triggerTestResult(w http.ResponseWriter, r *http.Request) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return
	}
	runID, err := strconv.ParseInt(r.PathValue("run"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	x, err := s.svc.Execution(r.Context(), runID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if x.TriggerID != tr.ID || x.Origin != app.OriginTest {
		s.notFound(w, r)
		return
	}
	lang := s.lang(r)
	p := triggerTestPage{ID: tr.ID, Name: tr.Name, Started: &x, Running: x.State == app.StateRunning, Class: stateClass(x.State)}
	addr := strings.Join(x.Recipients, ", ")
	switch {
	case x.State == app.StateRunning:
		p.Result = T(lang, "triggers.prueba.en_curso", "Direccion", addr, "Nombre", x.TriggerName)
	case x.State == app.StateSucceeded && x.MailRoute == app.MailRouteOutbox: // not sent: say where it is
		p.Result = T(lang, "triggers.prueba.bandeja", "Direccion", addr, "Alertas", x.Alerts, "Nombre", x.TriggerName)
	case x.State == app.StateSucceeded:
		p.Result = T(lang, "triggers.prueba.enviada", "Direccion", addr, "Alertas", x.Alerts, "Nombre", x.TriggerName)
	default:
		reason := runReason(lang, x)
		if reason == "" {
			reason = stateLabel(lang, x.State)
		}
		p.Result = T(lang, "triggers.prueba.fallida", "Direccion", addr, "Motivo", reason)
	}
	s.render(w, r, Page{Template: "triggers_prueba", Title: K("triggers.prueba.titulo"), Area: AreaTriggers, Data: p})
}
