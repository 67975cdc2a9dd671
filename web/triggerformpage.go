package web

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"vigia/app"
)

// The pages of the trigger form: new, edit, duplicate; saving; and the
// next runs, in the page («Ver próximas ejecuciones», without JavaScript)
// or as a fragment that app.js swaps in as the user types.

// triggerFormPage is the form's data.
type triggerFormPage struct {
	Form        Form
	Action      string // where the form posts
	RunsURL     string // the next runs' fragment, for app.js
	Frequencies []choice
	Weekdays    []choice
	Days        []choice
	Priorities  []choice
	// RecipientsHelp says what an empty box means; Placeholder shows the
	// default recipients it would use.
	RecipientsHelp, Placeholder string
	Runs                        runsPreview
}

// runsPreview is the next runs of the form's schedule, in words.
type runsPreview struct {
	Title string // «Próximas ejecuciones (America/Bogota)»
	Lines []runLine
	Empty string // why there are none: the schedule is incomplete
}

// runLine is one next run, with a note when it does not fall where asked.
type runLine struct{ When, Note string }

func (s *Server) triggerNew(w http.ResponseWriter, r *http.Request) {
	s.showTriggerForm(w, r, nil, NewForm(triggerValues(s.lang(r), nil, false)), http.StatusOK)
}

func (s *Server) triggerEdit(w http.ResponseWriter, r *http.Request) {
	if tr, ok := s.triggerByPath(w, r); ok {
		s.showTriggerForm(w, r, &tr, NewForm(triggerValues(s.lang(r), &tr, false)), http.StatusOK)
	}
}

// triggerDuplicate is a new trigger's form filled from trigger {id}.
func (s *Server) triggerDuplicate(w http.ResponseWriter, r *http.Request) {
	if tr, ok := s.triggerByPath(w, r); ok {
		s.showTriggerForm(w, r, nil, NewForm(triggerValues(s.lang(r), &tr, true)), http.StatusOK)
	}
}

func (s *Server) triggerCreate(w http.ResponseWriter, r *http.Request) { s.saveTrigger(w, r, nil) }

func (s *Server) triggerUpdate(w http.ResponseWriter, r *http.Request) {
	if tr, ok := s.triggerByPath(w, r); ok {
		s.saveTrigger(w, r, &tr)
	}
}

// saveTrigger saves the posted form over current (nil: a new trigger) and
// goes back to the list; refused, the form comes back as typed with every
// problem next to its field. «Ver próximas ejecuciones» (accion=proximas)
// saves nothing: the form comes back with its next runs.
func (s *Server) saveTrigger(w http.ResponseWriter, r *http.Request, current *app.Trigger) {
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	lang := s.lang(r)
	form := NewForm(r.PostForm)
	d, problems := triggerDraftOf(lang, r.PostForm)
	check := s.svc.CheckDraft(current, d, 0)
	mergeProblems(lang, problems, check.Err)
	if r.PostForm.Get("accion") == "proximas" {
		for k := range problems {
			if !slices.Contains(scheduleFields, k) {
				delete(problems, k) // only what keeps the preview empty
			}
		}
		form.Errors = problems
		s.showTriggerForm(w, r, current, form, http.StatusOK)
		return
	}
	if len(problems) == 0 {
		saved, err := s.storeTrigger(r, current, d)
		if err == nil {
			s.flash(r, FlashOK, T(lang, "triggers.guardado", "Nombre", saved.Name))
			s.redirect(w, r, triggersPath)
			return
		}
		var ve *app.ValidationError
		if !errors.As(err, &ve) {
			s.fail(w, r, err)
			return
		}
		mergeProblems(lang, problems, err)
	}
	form.Errors = problems
	form.Message = T(lang, "error.datos_invalidos")
	if others := otherProblems(problems); others != "" {
		form.Message += " " + others
	}
	s.showTriggerForm(w, r, current, form, http.StatusBadRequest)
}

// storeTrigger creates d, or lays it over current.
func (s *Server) storeTrigger(r *http.Request, current *app.Trigger, d app.TriggerDraft) (app.Trigger, error) {
	if current == nil {
		return s.svc.CreateTrigger(r.Context(), d)
	}
	return s.svc.UpdateTrigger(r.Context(), current.ID, d)
}

// mergeProblems adds the core's refusals (a *app.ValidationError) in words
// to problems, keeping the form's own (they say more).
func mergeProblems(lang string, problems map[string]string, err error) {
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		return
	}
	for k, msg := range FieldTexts(lang, ve) {
		if _, ours := problems[k]; !ours {
			problems[k] = msg
		}
	}
}

// otherProblems are the refusals of fields the form does not show, in one line.
func otherProblems(problems map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(problems)) {
		if !slices.Contains(triggerFormFields, k) {
			out = append(out, problems[k])
		}
	}
	return strings.Join(out, " ")
}

// showTriggerForm renders the form over current (nil: a new trigger) with
// its next runs.
func (s *Server) showTriggerForm(w http.ResponseWriter, r *http.Request, current *app.Trigger, form Form, status int) {
	lang := s.lang(r)
	p := triggerFormPage{Form: form, Action: triggersPath + "/nuevo", RunsURL: triggersPath + "/proximas",
		Frequencies: frequencyChoices(lang, form), Weekdays: weekdayChoices(lang, form), Days: dayChoices(lang, form),
		Priorities: priorityChoices(lang, form), Runs: s.runsOf(lang, current, form.Values)}
	title := K("triggers.form.titulo.nuevo")
	if current != nil {
		p.Action, p.RunsURL, title = triggerPath(current.ID, ""), triggerPath(current.ID, "proximas"), K("triggers.form.titulo.editar")
	}
	p.RecipientsHelp = T(lang, "triggers.form.destinatarios.ayuda")
	p.Placeholder = strings.Join(s.svc.DefaultRecipients(), "\n")
	if p.Placeholder == "" {
		p.RecipientsHelp = T(lang, "triggers.form.destinatarios.ayuda_sin_defecto") // «empty means the defaults» would not hold
		p.Placeholder = T(lang, "triggers.form.destinatarios.sin_defecto")
	}
	s.render(w, r, Page{Template: "triggers_form", Title: title, Area: AreaTriggers, Status: status, Data: p})
}

// runsOf previews the next runs of the schedule in values, laid over
// current as saving would (an edited every-N-hours trigger keeps its grid).
func (s *Server) runsOf(lang string, current *app.Trigger, values map[string][]string) runsPreview {
	d, _ := scheduleDraftOf(lang, values)
	check := s.svc.CheckDraft(current, d, triggerPreviewRuns)
	loc := s.svc.Location()
	p := runsPreview{Title: T(lang, "triggers.form.proximas", "Zona", loc.String())}
	if len(check.NextRuns) == 0 {
		p.Empty = T(lang, "triggers.form.proximas.sin_programacion")
		return p
	}
	for _, slot := range check.NextRuns {
		p.Lines = append(p.Lines, runLine{When: formatDateTime(lang, loc, slot), Note: slotNote(lang, check.Schedule, slot, loc)})
	}
	return p
}

// triggerRunsFragment answers app.js with the next runs of the schedule in
// the query (the form's fields): the HTML of the form's preview, alone.
// /triggers/{id}/proximas lays it over trigger {id}, as saving would.
func (s *Server) triggerRunsFragment(w http.ResponseWriter, r *http.Request) {
	var current *app.Trigger
	if r.PathValue("id") != "" {
		tr, ok := s.triggerByPath(w, r)
		if !ok {
			return
		}
		current = &tr
	}
	s.renderPartial(w, r, "triggers-proximas", s.runsOf(s.lang(r), current, r.URL.Query()))
}

// renderPartial writes one template of templates/_*.html alone, for
// app.js to swap into the page; data must carry its own words.
func (s *Server) renderPartial(w http.ResponseWriter, r *http.Request, name string, data any) {
	t, ok := s.pages.byName["triggers_form"]
	var b bytes.Buffer
	if !ok {
		s.fail(w, r, fmt.Errorf("no template for partial %q", name))
		return
	}
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		s.fail(w, r, fmt.Errorf("partial %q: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}
