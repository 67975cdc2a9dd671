package app

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Input limits.
const (
	MaxRecipients     = 50
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
		errs.add("nombre", "El nombre es obligatorio.")
	case utf8.RuneCountInString(t.Name) > maxNameLen:
		errs.add("nombre", fmt.Sprintf("El nombre admite como máximo %d caracteres.", maxNameLen))
	}
	t.Description = strings.TrimSpace(f.description)
	if utf8.RuneCountInString(t.Description) > maxDescriptionLen {
		errs.add("descripcion", fmt.Sprintf("La descripción admite como máximo %d caracteres.", maxDescriptionLen))
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
				errs.add("hora", "La hora es obligatoria para esta frecuencia (formato HH:MM).")
			} else {
				errs.add("hora", fmt.Sprintf("Hora inválida %q: use el formato HH:MM entre 00:00 y 23:59.", f.time))
			}
		}
		s.Hour, s.Minute = h, m
	case FrequencyHourly:
	case "":
		errs.add("frecuencia", "La frecuencia es obligatoria: diaria, semanal, mensual o personalizada.")
		return s, false
	default:
		errs.add("frecuencia", fmt.Sprintf("Frecuencia desconocida %q: use diaria, semanal, mensual o personalizada.", f.frequency))
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
				errs.add("dias_semana", fmt.Sprintf("Día de la semana desconocido %q: use lunes, martes, miércoles, jueves, viernes, sábado o domingo.", name))
				continue
			}
			s.Weekdays = append(s.Weekdays, day)
		}
		s.Weekdays = SortWeekdays(s.Weekdays)
		if len(s.Weekdays) == 0 {
			errs.add("dias_semana", "Indique al menos un día de la semana, por ejemplo lunes y viernes.")
		}
	case FrequencyMonthly:
		switch {
		case !f.hasDay:
			errs.add("dia_mes", "El día del mes es obligatorio para la frecuencia mensual (1 a 31, o -1 para el último día).")
		case f.dayOfMonth != LastDayOfMonth && (f.dayOfMonth < 1 || f.dayOfMonth > 31):
			errs.add("dia_mes", fmt.Sprintf("Día del mes inválido %d: use 1 a 31, o -1 para el último día.", f.dayOfMonth))
		}
		s.DayOfMonth = f.dayOfMonth
	case FrequencyHourly:
		switch {
		case !f.hasInterval:
			errs.add("intervalo_horas", fmt.Sprintf("El intervalo en horas es obligatorio para la frecuencia personalizada (1 a %d).", MaxIntervalHours))
		case f.intervalHours < 1 || f.intervalHours > MaxIntervalHours:
			errs.add("intervalo_horas", fmt.Sprintf("Intervalo inválido %d: use de 1 a %d horas.", f.intervalHours, MaxIntervalHours))
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
	out, err := ParseAddresses(in)
	switch {
	case err != "":
		errs.add("destinatarios", err)
	case len(out) == 0 && len(defaults) == 0:
		errs.add("destinatarios", "Indique al menos un destinatario: no hay destinatarios por defecto. "+howToSetDefaultRecipients)
	}
	return out
}

// howToSetDefaultRecipients tells where the default recipients are set: the
// Configuración screen's section, or the variable of SettingDefaultRecipients.
const howToSetDefaultRecipients = "Puede configurarlos en Configuración → Destinatarios por defecto " +
	"o con la variable de entorno EMAIL_DESTINATARIOS."

// ParseAddresses validates bare e-mail addresses (no display names), drops
// blanks and case-insensitive duplicates, and keeps the given order. It returns
// a Spanish message for the first problem.
func ParseAddresses(in []string) ([]string, string) {
	out := []string{}
	seen := map[string]bool{}
	for _, raw := range in {
		a := strings.TrimSpace(raw)
		if a == "" {
			continue
		}
		if !ValidAddress(a) {
			return nil, fmt.Sprintf("Dirección de correo inválida %q: escriba solo la dirección, por ejemplo admin@ejemplo.com.", a)
		}
		if key := strings.ToLower(a); !seen[key] {
			seen[key] = true
			out = append(out, a)
		}
	}
	if len(out) > MaxRecipients {
		return nil, fmt.Sprintf("Demasiados destinatarios (%d): el máximo es %d.", len(out), MaxRecipients)
	}
	return out, ""
}

// ValidAddress reports whether s is one bare address with a dotted domain.
func ValidAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

func buildPriorities(in []string, errs fieldErrors) []Priority {
	var out []Priority
	for _, raw := range in {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		p, ok := ParsePriority(raw)
		if !ok {
			errs.add("prioridades", fmt.Sprintf("Prioridad desconocida %q: use CRITICA, ALTA, MEDIA o BAJA.", raw))
			return nil
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		errs.add("prioridades", "Indique al menos una prioridad: CRITICA, ALTA, MEDIA o BAJA.")
	}
	slices.SortFunc(out, func(a, b Priority) int { return a.Rank() - b.Rank() })
	return out
}
