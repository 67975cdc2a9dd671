package app

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// What is wrong with a trigger draft.
const (
	CodeNameRequired       Code = "nombre.obligatorio"
	CodeNameTooLong        Code = "nombre.largo"
	CodeDescriptionTooLong Code = "descripcion.larga"
	CodeTimeRequired       Code = "hora.obligatoria"
	CodeTimeInvalid        Code = "hora.invalida"
	CodeFrequencyRequired  Code = "frecuencia.obligatoria"
	CodeFrequencyUnknown   Code = "frecuencia.desconocida"
	CodeWeekdayUnknown     Code = "dias_semana.desconocido"
	CodeWeekdaysRequired   Code = "dias_semana.obligatorios"
	CodeDayOfMonthRequired Code = "dia_mes.obligatorio"
	CodeDayOfMonthInvalid  Code = "dia_mes.invalido"
	CodeIntervalRequired   Code = "intervalo_horas.obligatorio"
	CodeIntervalInvalid    Code = "intervalo_horas.invalido"
	CodePriorityUnknown    Code = "prioridad.desconocida"
	CodePrioritiesRequired Code = "prioridades.obligatorias"
)

// Input limits.
const (
	maxNameLen        = 120
	maxDescriptionLen = 1000
)

// TriggerDraft is trigger input as a user gives it (API body or editor form).
// A nil field was not given: on create it takes its default, on update it keeps
// the trigger's current value. Keys of validation errors are the API field names.
type TriggerDraft struct {
	Name          *string
	Description   *string
	Frequency     *string
	Time          *string   // "HH:MM"
	Weekdays      *[]string // Spanish names, accents optional
	DayOfMonth    *int      // 1..31 or -1
	IntervalHours *int
	Recipients    *[]string
	Priorities    *[]string
	Active        *bool
	SendWhenEmpty *bool
	CatchUp       *bool // recuperar
}

// draftFields is the draft with every field present: defaults or the current trigger.
type draftFields struct {
	name, description, frequency, time string
	weekdays, recipients, priorities   []string
	dayOfMonth, intervalHours          int
	hasDay, hasInterval                bool
	active, sendWhenEmpty, catchUp     bool
}

func fieldsOf(t *Trigger) draftFields {
	if t == nil {
		return draftFields{active: true, catchUp: true}
	}
	f := draftFields{
		name:          t.Name,
		description:   t.Description,
		frequency:     string(t.Schedule.Frequency),
		recipients:    slices.Clone(t.Recipients),
		active:        t.Active,
		sendWhenEmpty: t.SendWhenEmpty,
		catchUp:       t.CatchUp,
	}
	for _, p := range t.Priorities {
		f.priorities = append(f.priorities, string(p))
	}
	switch t.Schedule.Frequency {
	case FrequencyDaily, FrequencyWeekly, FrequencyMonthly:
		f.time = t.Schedule.TimeOfDay()
	}
	for _, d := range t.Schedule.Weekdays {
		f.weekdays = append(f.weekdays, WeekdayName(d))
	}
	if t.Schedule.Frequency == FrequencyMonthly {
		f.dayOfMonth, f.hasDay = t.Schedule.DayOfMonth, true
	}
	if t.Schedule.Frequency == FrequencyHourly {
		f.intervalHours, f.hasInterval = t.Schedule.IntervalHours, true
	}
	return f
}

func (d TriggerDraft) over(f draftFields) draftFields {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&f.name, d.Name)
	set(&f.description, d.Description)
	set(&f.frequency, d.Frequency)
	set(&f.time, d.Time)
	if d.Weekdays != nil {
		f.weekdays = *d.Weekdays
	}
	if d.Recipients != nil {
		f.recipients = *d.Recipients
	}
	if d.Priorities != nil {
		f.priorities = *d.Priorities
	}
	if d.DayOfMonth != nil {
		f.dayOfMonth, f.hasDay = *d.DayOfMonth, true
	}
	if d.IntervalHours != nil {
		f.intervalHours, f.hasInterval = *d.IntervalHours, true
	}
	if d.Active != nil {
		f.active = *d.Active
	}
	if d.SendWhenEmpty != nil {
		f.sendWhenEmpty = *d.SendWhenEmpty
	}
	if d.CatchUp != nil {
		f.catchUp = *d.CatchUp
	}
	return f
}

// Build validates the draft laid over current (nil for a new trigger) and
// returns the resulting trigger, or a *ValidationError listing every bad field.
// For a new hourly trigger anchor is the grid origin (creation time).
// defaultRecipients are the addresses a trigger without recipients would
// e-mail: with none, a trigger must name its own, or it could never be sent.
func (d TriggerDraft) Build(current *Trigger, anchor time.Time, defaultRecipients []string) (Trigger, error) {
	f := d.over(fieldsOf(current))
	errs := fieldErrors{}
	var t Trigger
	if current != nil {
		t = *current
	}

	t.Name = strings.TrimSpace(f.name)
	switch {
	case t.Name == "":
		errs.add("nombre", CodeNameRequired, nil)
	case utf8.RuneCountInString(t.Name) > maxNameLen:
		errs.add("nombre", CodeNameTooLong, Args{"Max": maxNameLen})
	default:
		checkLine(errs, "nombre", t.Name)
	}
	// A description may have several lines: the editor gives it a box of
	// lines, and neither the console nor a mail header prints it.
	t.Description = checkText(errs, "descripcion", strings.TrimSpace(f.description))
	if utf8.RuneCountInString(t.Description) > maxDescriptionLen {
		errs.add("descripcion", CodeDescriptionTooLong, Args{"Max": maxDescriptionLen})
	}

	sched, ok := buildSchedule(f, errs)
	if ok {
		if sched.Frequency == FrequencyHourly {
			sched.Anchor = anchor
			if current != nil && current.Schedule.Frequency == FrequencyHourly && !current.Schedule.Anchor.IsZero() {
				sched.Anchor = current.Schedule.Anchor
			}
		}
		t.Schedule = sched
	}

	t.Recipients = buildRecipients(f.recipients, defaultRecipients, errs)
	t.Priorities = buildPriorities(f.priorities, errs)
	t.Active = f.active
	t.SendWhenEmpty = f.sendWhenEmpty
	t.CatchUp = f.catchUp
	if err := errs.err(); err != nil {
		return Trigger{}, err
	}
	return t, nil
}

func buildSchedule(f draftFields, errs fieldErrors) (Schedule, bool) {
	freq := Frequency(strings.ToLower(strings.TrimSpace(f.frequency)))
	s := Schedule{Frequency: freq}
	before := len(errs)
	switch freq {
	case FrequencyDaily, FrequencyWeekly, FrequencyMonthly:
		h, m, ok := parseTimeOfDay(f.time)
		if !ok {
			if strings.TrimSpace(f.time) == "" {
				errs.add("hora", CodeTimeRequired, nil)
			} else {
				errs.add("hora", CodeTimeInvalid, Args{"Value": f.time})
			}
		}
		s.Hour, s.Minute = h, m
	case FrequencyHourly:
	case "":
		errs.add("frecuencia", CodeFrequencyRequired, nil)
		return s, false
	default:
		errs.add("frecuencia", CodeFrequencyUnknown, Args{"Value": f.frequency})
		return s, false
	}
	switch freq {
	case FrequencyWeekly:
		for _, name := range f.weekdays {
			if strings.TrimSpace(name) == "" {
				continue
			}
			day, ok := ParseWeekday(name)
			if !ok {
				errs.add("dias_semana", CodeWeekdayUnknown, Args{"Value": name})
				continue
			}
			s.Weekdays = append(s.Weekdays, day)
		}
		s.Weekdays = SortWeekdays(s.Weekdays)
		if len(s.Weekdays) == 0 {
			errs.add("dias_semana", CodeWeekdaysRequired, nil)
		}
	case FrequencyMonthly:
		switch {
		case !f.hasDay:
			errs.add("dia_mes", CodeDayOfMonthRequired, nil)
		case f.dayOfMonth != LastDayOfMonth && (f.dayOfMonth < 1 || f.dayOfMonth > 31):
			errs.add("dia_mes", CodeDayOfMonthInvalid, Args{"Value": f.dayOfMonth})
		}
		s.DayOfMonth = f.dayOfMonth
	case FrequencyHourly:
		switch {
		case !f.hasInterval:
			errs.add("intervalo_horas", CodeIntervalRequired, Args{"Max": MaxIntervalHours})
		case f.intervalHours < 1 || f.intervalHours > MaxIntervalHours:
			errs.add("intervalo_horas", CodeIntervalInvalid, Args{"Value": f.intervalHours, "Max": MaxIntervalHours})
		}
		s.IntervalHours = f.intervalHours
	}
	return s, len(errs) == before
}

// parseTimeOfDay accepts "HH:MM" (and "H:MM") from 00:00 to 23:59.
func parseTimeOfDay(s string) (hour, minute int, ok bool) {
	hs, ms, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found || len(ms) != 2 || len(hs) < 1 || len(hs) > 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || hs[0] == '+' || hs[0] == '-' || ms[0] == '+' || ms[0] == '-' {
		return 0, 0, false
	}
	return h, m, true
}

func buildRecipients(in, defaults []string, errs fieldErrors) []string {
	out, problem := parseAddresses(in)
	switch {
	case problem != nil:
		errs.add("destinatarios", problem.Code, problem.Args)
	case len(out) == 0 && len(defaults) == 0:
		errs.add("destinatarios", CodeRecipientsRequired, nil)
	}
	return out
}

func buildPriorities(in []string, errs fieldErrors) []Priority {
	var out []Priority
	for _, raw := range in {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		p, ok := ParsePriority(raw)
		if !ok {
			errs.add("prioridades", CodePriorityUnknown, Args{"Value": raw})
			return nil
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		errs.add("prioridades", CodePrioritiesRequired, nil)
	}
	slices.SortFunc(out, func(a, b Priority) int { return a.Rank() - b.Rank() })
	return out
}
