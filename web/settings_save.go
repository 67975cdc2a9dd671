package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"vigia/app"
)

// Guardar: the whole form is checked before anything is saved. The
// thresholds and the horizon are checked by the core (CheckEscalation,
// CheckCalendarHorizon), then the backend validates and stores the mail,
// recipients, zone and language in one transaction, and only then are the
// thresholds and the horizon stored (the horizon regenerates the calendar's
// alerts). A refusal shows the form again as typed, each refusal next to its
// field, and nothing is saved.

// settingsPlan is what Guardar stores besides the backend's settings.
type settingsPlan struct {
	escalation *app.EscalationDraft // nil: the thresholds did not change
	horizon    int                  // 0: the horizon did not change
}

func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request) {
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
	plan, err := s.settingsPlan(ctx, lang, &form)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(form.Errors) > 0 {
		s.refusedSettings(w, r, lang, form, current)
		return
	}
	saved, err := s.opts.Settings.SaveSettings(ctx, settingsFromForm(r.PostForm, current))
	if refusedInto(lang, &form, err) {
		s.refusedSettings(w, r, lang, form, current)
		return
	}
	if err != nil {
		s.log.Error("interfaz web: no se pudo guardar la configuración", "error", err)
		form.Message = T(lang, "config.error_guardar", "Error", ProblemText(lang, err))
		s.renderSettings(w, r, form, current, nil, problemStatus(err))
		return
	}
	// The page after the redirect speaks the language just saved: so does its message.
	lang = pageLanguage(r, saved.Language)
	done := T(lang, "config.guardada")
	if done, err = s.applyPlan(ctx, lang, plan, done); err != nil {
		s.log.Error("interfaz web: no se pudo guardar la configuración", "error", err)
		s.flash(r, FlashError, T(lang, "config.error_guardar_parte", "Error", ProblemText(lang, err)))
	} else {
		s.flash(r, FlashOK, done)
	}
	s.redirect(w, r, "/configuracion")
}

// refusedSettings shows the form again with its refusals: nothing was saved.
func (s *Server) refusedSettings(w http.ResponseWriter, r *http.Request, lang string, form Form, current app.Settings) {
	form.Message = T(lang, "config.revise")
	if other := refusedElsewhere(form); other != "" {
		form.Message += " " + other
	}
	s.renderSettings(w, r, form, current, nil, http.StatusBadRequest)
}

// settingsPlan reads the thresholds and the horizon typed and has the core
// check those that changed; what is wrong goes to form's errors.
func (s *Server) settingsPlan(ctx context.Context, lang string, form *Form) (settingsPlan, error) {
	var plan settingsPlan
	esc, err := s.svc.Escalation(ctx)
	if err != nil {
		return plan, err
	}
	months, err := s.svc.CalendarHorizon(ctx)
	if err != nil {
		return plan, err
	}
	number := func(name, key string, was int) (int, bool) {
		if !form.Values.Has(name) {
			return was, false // a field the browser did not send keeps its value
		}
		n, err := strconv.Atoi(strings.TrimSpace(form.Value(name)))
		if err != nil {
			form.Errors[name] = T(lang, key)
			return was, false
		}
		return n, n != was
	}
	critical, c := number(settingsCritical, "config.escalamiento.numero", esc.CriticalDays)
	high, h := number(settingsHigh, "config.escalamiento.numero", esc.HighDays)
	medium, m := number(settingsMedium, "config.escalamiento.numero", esc.MediumDays)
	if c || h || m {
		plan.escalation = &app.EscalationDraft{CriticalDays: &critical, HighDays: &high, MediumDays: &medium}
		if _, err := s.svc.CheckEscalation(ctx, *plan.escalation); !refusedInto(lang, form, err) && err != nil {
			return plan, err
		}
	}
	if n, changed := number(settingsHorizon, "config.horizonte.numero", months); changed {
		plan.horizon = n
		refusedInto(lang, form, app.CheckCalendarHorizon(n))
	}
	return plan, nil
}

// applyPlan stores the thresholds and the horizon that changed; done is
// the message so far, to which the horizon adds what its alerts gained.
func (s *Server) applyPlan(ctx context.Context, lang string, plan settingsPlan, done string) (string, error) {
	if plan.escalation != nil {
		if _, err := s.svc.SetEscalation(ctx, *plan.escalation); err != nil {
			return done, err
		}
	}
	if plan.horizon > 0 {
		sync, err := s.svc.SetCalendarHorizon(ctx, plan.horizon)
		if err != nil {
			return done, err
		}
		done += " " + T(lang, "config.horizonte.guardado", "N", plan.horizon, "Efecto", TM(lang, sync.Summary(false)))
	}
	return done, nil
}

// refusedInto adds the refusals of err, a *app.ValidationError, to form's
// (Form.Refused replaces them: the form's own checks would be lost).
func refusedInto(lang string, form *Form, err error) bool {
	var invalid *app.ValidationError
	if !errors.As(err, &invalid) {
		return false
	}
	for field, text := range FieldTexts(lang, invalid) {
		form.Errors[field] = text
	}
	return true
}
