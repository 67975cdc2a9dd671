package ui

import (
	"strings"
	"time"

	"vigia/app"
)

// scheduleText is a schedule in the interface's language, as the triggers list
// shows it: "Semanal (lunes, viernes) a las 15:00", "Cada 4 horas".
func scheduleText(s app.Schedule) string {
	hour := s.TimeOfDay()
	switch s.Frequency {
	case app.FrequencyDaily:
		return T("horario.diaria", map[string]any{"Hora": hour})
	case app.FrequencyWeekly:
		names := make([]string, 0, len(s.Weekdays))
		for _, d := range app.SortWeekdays(s.Weekdays) {
			names = append(names, T(scheduleDayKeys[d]))
		}
		return T("horario.semanal", map[string]any{"Dias": strings.Join(names, ", "), "Hora": hour})
	case app.FrequencyMonthly:
		if s.DayOfMonth == app.LastDayOfMonth {
			return T("horario.mensual_ultimo", map[string]any{"Hora": hour})
		}
		return T("horario.mensual", map[string]any{"Dia": s.DayOfMonth, "Hora": hour})
	case app.FrequencyHourly:
		if s.IntervalHours == 1 {
			return T("horario.cada_hora")
		}
		return T("horario.cada_n_horas", map[string]any{"N": s.IntervalHours})
	}
	return string(s.Frequency)
}

// scheduleDayKeys name the weekdays inside a sentence (lower case in Spanish),
// indexed by time.Weekday.
var scheduleDayKeys = [7]string{K("horario.dia.domingo"), K("horario.dia.lunes"), K("horario.dia.martes"),
	K("horario.dia.miercoles"), K("horario.dia.jueves"), K("horario.dia.viernes"), K("horario.dia.sabado")}

// slotNote explains a run of s that does not fall where the user asked: a
// monthly day the month lacks ("día 31 → 30/11, último día del mes") or a
// local time moved by a DST change. "" for a slot exactly as asked. slot is
// read in loc, the configured zone. The every-N-hours grid runs in absolute
// time, so its local times follow DST by design and get no note.
func slotNote(s app.Schedule, slot time.Time, loc *time.Location) string {
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
			notes = append(notes, T("horario.nota.fin_de_mes", map[string]any{
				"Dia": s.DayOfMonth, "Fecha": local.Format("02/01"),
			}))
		}
	}
	if local.Hour() != s.Hour || local.Minute() != s.Minute {
		notes = append(notes, T("horario.nota.cambio_hora", map[string]any{"Hora": s.TimeOfDay()}))
	}
	return strings.Join(notes, "; ")
}
