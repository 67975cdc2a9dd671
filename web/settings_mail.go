package web

import (
	"net/http"
	"strings"

	"vigia/app"
)

// «Probar correo»: a test message sent with the form's values, saved or
// not (the test button posts the whole form here), and the server's answer
// or the exact error, on the form as the user left it. Nothing is saved.

func (s *Server) testMail(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	ctx, lang := r.Context(), s.lang(r)
	current, err := s.settings(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := NewForm(r.PostForm)
	to := strings.TrimSpace(form.Value(settingsTestRecipient))
	answer, err := s.opts.Settings.TestMail(ctx, settingsFromForm(r.PostForm, current), to)
	test := &settingsTest{Heading: T(lang, "config.prueba.fallo", "Direccion", to)}
	status := http.StatusOK
	switch {
	case refusedInto(lang, &form, err):
		// the form's values cannot make a session: said next to each field
		form.Message = T(lang, "config.prueba.revise")
		if other := refusedElsewhere(form); other != "" {
			form.Message += " " + other
		}
		test, status = nil, http.StatusBadRequest
	case err != nil:
		// the server's refusal or the connection's failure, in its exact words
		s.log.Warn("interfaz web: correo de prueba fallido", "error", err)
		test.Detail = TM(lang, app.ProblemOf(err))
	default:
		test.OK, test.Heading, test.Detail = true, T(lang, "config.prueba.enviado", "Direccion", to), TM(lang, answer)
	}
	s.renderSettings(w, r, form, current, test, status)
}
