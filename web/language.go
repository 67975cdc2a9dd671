package web

import (
	"net/http"
)

// switchLanguage is the layout's language switch: it stores the chosen
// language as the Configuración language (the desktop follows it too) and
// goes back to the page it was posted from.
func (s *Server) switchLanguage(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	back := localPath(r.PostForm.Get("volver"))
	if back == "" {
		back = "/"
	}
	code := r.PostForm.Get("idioma")
	if code != langSpanish && code != langEnglish {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	set, err := s.opts.Settings.Settings(r.Context())
	if err == nil {
		set.Language = code
		_, err = s.opts.Settings.SaveSettings(r.Context(), set)
	}
	if err != nil {
		s.log.Warn("interfaz web: no se pudo guardar el idioma", "error", err)
		s.flash(r, FlashError, T(s.lang(r), "idioma.no_guardado", "Motivo", ProblemText(s.lang(r), err)))
		s.redirect(w, r, back)
		return
	}
	s.redirect(w, r, back)
}
