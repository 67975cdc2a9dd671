package web

import (
	"net/http"

	"vigia/app"
)

// The list's actions on one trigger: run it now, switch it on or off,
// delete it (after a page that asks). Each posts, says what happened in a
// flash and goes back to the list (Post/Redirect/Get).

// triggerRun starts trigger {id} now, as «Ejecutar ahora» does on the
// desktop; the list shows it «En curso…» until it ends.
func (s *Server) triggerRun(w http.ResponseWriter, r *http.Request) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return
	}
	x, err := s.svc.RunNow(r.Context(), tr.ID)
	if err == nil {
		s.log.Info("ejecución manual iniciada desde la interfaz web", "trigger_id", tr.ID, "ejecucion_id", x.ID)
	}
	s.actionDone(w, r, err, T(s.lang(r), "triggers.ejecucion_iniciada", "Nombre", tr.Name))
}

// triggerSetActive is the list's Activar/Desactivar: only Activo changes.
func (s *Server) triggerSetActive(w http.ResponseWriter, r *http.Request) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	on := r.PostForm.Get("activo") == "1"
	_, err := s.svc.UpdateTrigger(r.Context(), tr.ID, app.TriggerDraft{Active: &on})
	key := K("triggers.desactivado")
	if on {
		key = K("triggers.activado")
	}
	s.actionDone(w, r, err, T(s.lang(r), key, "Nombre", tr.Name))
}

// triggerDeletePage is the page that asks before deleting.
type triggerDeletePage struct {
	ID       int64
	Question string
}

// triggerDeleteAsk asks whether to delete trigger {id}; the answer posts.
func (s *Server) triggerDeleteAsk(w http.ResponseWriter, r *http.Request) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return
	}
	q := T(s.lang(r), "triggers.eliminar.pregunta", "Nombre", tr.Name)
	s.render(w, r, Page{Template: "triggers_eliminar", Title: K("triggers.eliminar.titulo"), Area: AreaTriggers,
		Data: triggerDeletePage{ID: tr.ID, Question: q}})
}

// triggerDelete deletes trigger {id}; its history stays.
func (s *Server) triggerDelete(w http.ResponseWriter, r *http.Request) {
	tr, ok := s.triggerByPath(w, r)
	if !ok {
		return
	}
	err := s.svc.DeleteTrigger(r.Context(), tr.ID)
	s.actionDone(w, r, err, T(s.lang(r), "triggers.eliminado", "Nombre", tr.Name))
}

// actionDone ends an action of the list: done in a flash when it worked,
// the refusal's words when the core refused (the trigger is running, the
// database cannot be written), back to the list either way. An internal
// error gets the error page.
func (s *Server) actionDone(w http.ResponseWriter, r *http.Request, err error, done string) {
	switch {
	case err == nil:
		s.flash(r, FlashOK, done)
	case problemStatus(err) == http.StatusInternalServerError:
		s.fail(w, r, err)
		return
	default:
		s.flash(r, FlashError, ProblemText(s.lang(r), err))
	}
	s.redirect(w, r, triggersPath)
}
