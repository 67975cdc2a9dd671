package web

import (
	"strings"
	"time"

	"vigia/app"
)

// A trigger's schedule in words, and the notes of runs that do not fall
// where the user asked: the desktop's ui/schedule_text.go, in a page's language.

// scheduleText is s as the triggers list shows it: "Semanal (lunes,
// viernes) a las 15:00", "Cada 4 horas".
func scheduleText(lang string, s app.Schedule) string {
	hour := s.TimeOfDay()
	switch s.Frequency {
	case app.FrequencyDaily:
		return T(lang, "triggers.horario.diaria", "Hora", hour)
	case app.FrequencyWeekly:
		names := make([]string, 0, len(s.Weekdays))
		for _, d := range app.SortWeekdays(s.Weekdays) {
			names = append(names, T(lang, scheduleDayKeys[d]))
		}
		return T(lang, "triggers.horario.semanal", "Dias", strings.Join(names, ", "), "Hora", hour)
	case app.FrequencyMonthly:
		if s.DayOfMonth == app.LastDayOfMonth {
			return T(lang, "triggers.horario.mensual_ultimo", "Hora", hour)
		}
		return T(lang, "triggers.horario.mensual", "Dia", s.DayOfMonth, "Hora", hour)
	case app.FrequencyHourly:
		if s.IntervalHours == 1 {
			return T(lang, "triggers.horario.cada_hora")
		}
		return T(lang, "triggers.horario.cada_n_horas", "N", s.IntervalHours)
	}
	return string(s.Frequency)
}

// scheduleDayKeys name the weekdays inside a sentence (lower case in
// Spanish), indexed by time.Weekday.
var scheduleDayKeys = [7]string{K("triggers.horario.dia.domingo"), K("triggers.horario.dia.lunes"), K("triggers.horario.dia.martes"),
	K("triggers.horario.dia.miercoles"), K("triggers.horario.dia.jueves"), K("triggers.horario.dia.viernes"), K("triggers.horario.dia.sabado")}

// slotNote explains a run of s that does not fall where the user asked: a
// monthly day the month lacks ("día 31 → 30/11, último día del mes") or a
// local time moved by a DST change; "" for a slot exactly as asked. The
// every-N-hours grid runs in absolute time, so its local times follow DST
// by design and get no note.
func slotNote(lang string, s app.Schedule, slot time.Time, loc *time.Location) string {
	switch s.Frequency {
	case app.FrequencyDaily, app.FrequencyWeekly, app.FrequencyMonthly:
	default:
		return ""
	}
	local := slot.In(loc)
	var notes []string
	if s.Frequency == app.FrequencyMonthly && s.DayOfMonth > 0 && local.Day() != s.DayOfMonth {
		// Only a short month moves the day; a DST move past midnight is the note below.
		if last := time.Date(local.Year(), local.Month()+1, 0, 12, 0, 0, 0, loc).Day(); s.DayOfMonth > last {
			notes = append(notes, T(lang, "triggers.horario.nota.fin_de_mes", "Dia", s.DayOfMonth, "Fecha", local.Format("02/01")))
		}
	}
	if local.Hour() != s.Hour || local.Minute() != s.Minute {
		notes = append(notes, T(lang, "triggers.horario.nota.cambio_hora", "Hora", s.TimeOfDay()))
	}
	return strings.Join(notes, "; ")
}
