package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"vigia/app"
)

// The trigger form's fields are named as the core's (the API's) fields, so
// each refusal of the core lands next to its field. This file reads a posted
// form into a TriggerDraft and fills the form from a trigger.

// triggerPreviewRuns is how many next runs the form previews, as the desktop's editor.
const triggerPreviewRuns = 5

// triggerFormFields are the fields the form shows an error next to; the
// core's refusal of any other key goes above the form.
var triggerFormFields = []string{"nombre", "descripcion", "frecuencia", "hora", "dias_semana", "dia_mes",
	"intervalo_horas", "destinatarios", "prioridades"}

// scheduleFields are the fields of the schedule: the next runs follow only
// these (the live preview sends only these).
var scheduleFields = []string{"frecuencia", "hora", "dias_semana", "dia_mes", "intervalo_horas"}

// Frequencies in the order the form offers them, with their labels.
var (
	formFrequencies   = []app.Frequency{app.FrequencyDaily, app.FrequencyWeekly, app.FrequencyMonthly, app.FrequencyHourly}
	formFrequencyKeys = []string{K("triggers.form.frecuencia.diaria"), K("triggers.form.frecuencia.semanal"),
		K("triggers.form.frecuencia.mensual"), K("triggers.form.frecuencia.cada_n_horas")}
	formWeekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	// formWeekdayKeys label the weekday boxes, indexed by time.Weekday.
	formWeekdayKeys = [7]string{K("triggers.form.dia.domingo"), K("triggers.form.dia.lunes"), K("triggers.form.dia.martes"),
		K("triggers.form.dia.miercoles"), K("triggers.form.dia.jueves"), K("triggers.form.dia.viernes"), K("triggers.form.dia.sabado")}
	formPriorityKeys = map[app.Priority]string{
		app.PriorityCritical: K("triggers.form.prioridad.critica"), app.PriorityHigh: K("triggers.form.prioridad.alta"),
		app.PriorityMedium: K("triggers.form.prioridad.media"), app.PriorityLow: K("triggers.form.prioridad.baja"),
	}
)

// triggerDraftOf reads a posted form: every field, as the desktop's editor
// gives them, so an edit is the whole form. The map holds what the core
// cannot see: an interval or a day that is not a number.
func triggerDraftOf(lang string, v url.Values) (app.TriggerDraft, map[string]string) {
	d, problems := scheduleDraftOf(lang, v)
	name, description := v.Get("nombre"), v.Get("descripcion")
	recipients := app.SplitRecipients(v.Get("destinatarios"))
	priorities := append([]string{}, v["prioridades"]...)
	active, catchUp, sendEmpty := v.Get("activo") == "1", v.Get("recuperar") == "1", v.Get("enviar_sin_alertas") == "1"
	d.Name, d.Description = &name, &description
	d.Recipients, d.Priorities = &recipients, &priorities
	d.Active, d.CatchUp, d.SendWhenEmpty = &active, &catchUp, &sendEmpty
	return d, problems
}

// scheduleDraftOf reads the schedule's fields: those the frequency uses
// (the others are on the page without JavaScript, and ignored).
func scheduleDraftOf(lang string, v url.Values) (app.TriggerDraft, map[string]string) {
	problems := map[string]string{}
	freq := v.Get("frecuencia")
	hour := v.Get("hora")
	d := app.TriggerDraft{Frequency: &freq}
	switch app.Frequency(freq) {
	case app.FrequencyDaily:
		d.Time = &hour
	case app.FrequencyWeekly:
		days := append([]string{}, v["dias_semana"]...)
		d.Time, d.Weekdays = &hour, &days
	case app.FrequencyMonthly:
		d.Time = &hour
		if raw := strings.TrimSpace(v.Get("dia_mes")); raw != "" {
			if n, err := strconv.Atoi(raw); err == nil {
				d.DayOfMonth = &n
			} else {
				problems["dia_mes"] = TM(lang, app.Msg(app.CodeDayOfMonthInvalid, app.Args{"Value": raw}))
			}
		}
	case app.FrequencyHourly:
		if n, err := strconv.Atoi(strings.TrimSpace(v.Get("intervalo_horas"))); err == nil {
			d.IntervalHours = &n
		} else {
			problems["intervalo_horas"] = T(lang, "triggers.form.error.intervalo", "Max", app.MaxIntervalHours)
		}
	}
	return d, problems
}

// triggerValues fills the form: with tr, or the defaults of a new trigger
// (tr nil) as the desktop's editor has them. A duplicate is named «Copia de …».
func triggerValues(lang string, tr *app.Trigger, duplicate bool) url.Values {
	v := url.Values{"frecuencia": {string(app.FrequencyDaily)}, "hora": {"08:00"}, "dia_mes": {"1"}, "intervalo_horas": {"4"}}
	if tr == nil {
		v["prioridades"] = []string{string(app.PriorityCritical), string(app.PriorityHigh)}
		v.Set("activo", "1")
		v.Set("recuperar", "1")
		return v
	}
	name := tr.Name
	if duplicate {
		name = T(lang, "triggers.form.copia_de", "Nombre", tr.Name)
	}
	v.Set("nombre", name)
	v.Set("descripcion", tr.Description)
	sched := tr.Schedule
	v.Set("frecuencia", string(sched.Frequency))
	switch sched.Frequency {
	case app.FrequencyDaily, app.FrequencyWeekly, app.FrequencyMonthly:
		v.Set("hora", sched.TimeOfDay())
	case app.FrequencyHourly:
		v.Set("intervalo_horas", strconv.Itoa(sched.IntervalHours))
	}
	for _, d := range sched.Weekdays {
		v.Add("dias_semana", app.WeekdayName(d))
	}
	if sched.Frequency == app.FrequencyMonthly {
		v.Set("dia_mes", strconv.Itoa(sched.DayOfMonth))
	}
	v.Set("destinatarios", strings.Join(tr.Recipients, "\n"))
	for _, p := range tr.Priorities {
		v.Add("prioridades", string(p))
	}
	setFlag(v, "activo", tr.Active)
	setFlag(v, "recuperar", tr.CatchUp)
	setFlag(v, "enviar_sin_alertas", tr.SendWhenEmpty)
	return v
}

func setFlag(v url.Values, name string, on bool) {
	if on {
		v.Set(name, "1")
	}
}

// choice is one option of a select or one box of a group.
type choice struct {
	Value, Label string
	Selected     bool
}

// frequencyChoices are the frequency's options, the form's one selected.
func frequencyChoices(lang string, f Form) []choice {
	out := make([]choice, len(formFrequencies))
	for i, freq := range formFrequencies {
		out[i] = choice{Value: string(freq), Label: T(lang, formFrequencyKeys[i]), Selected: f.Value("frecuencia") == string(freq)}
	}
	return out
}

// weekdayChoices are the weekday boxes, Monday first. A box is ticked when
// the form holds its name, accents or not (the API takes both).
func weekdayChoices(lang string, f Form) []choice {
	ticked := map[time.Weekday]bool{}
	for _, name := range f.Values["dias_semana"] {
		if d, ok := app.ParseWeekday(name); ok {
			ticked[d] = true
		}
	}
	out := make([]choice, len(formWeekdays))
	for i, d := range formWeekdays {
		out[i] = choice{Value: app.WeekdayName(d), Label: T(lang, formWeekdayKeys[d]), Selected: ticked[d]}
	}
	return out
}

// dayChoices are the days of the month, then «Último día».
func dayChoices(lang string, f Form) []choice {
	out := make([]choice, 0, 32)
	for d := 1; d <= 31; d++ {
		n := strconv.Itoa(d)
		out = append(out, choice{Value: n, Label: n, Selected: f.Value("dia_mes") == n})
	}
	last := strconv.Itoa(app.LastDayOfMonth)
	return append(out, choice{Value: last, Label: T(lang, "triggers.form.dia.ultimo"), Selected: f.Value("dia_mes") == last})
}

// priorityChoices are the priority boxes, most urgent first.
func priorityChoices(lang string, f Form) []choice {
	out := make([]choice, len(app.Priorities))
	for i, p := range app.Priorities {
		out[i] = choice{Value: string(p), Label: T(lang, formPriorityKeys[p]), Selected: slices.Contains(f.Values["prioridades"], string(p))}
	}
	return out
}
