package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Calendar horizon bounds, in months; DefaultCalendarHorizon applies while
// the setting is unset.
const (
	DefaultCalendarHorizon = 12
	MaxCalendarHorizon     = 24
)

// SettingCalendarHorizon holds the horizon (whole months, decimal text).
const SettingCalendarHorizon = "calendario.horizonte_meses"

// CodeCalendarHorizonRange refuses a horizon out of 1..MaxCalendarHorizon:
// Value as given, Min, Max.
const CodeCalendarHorizonRange Code = "calendario.horizonte.rango"

// CalendarHorizon is how many months ahead calendar alerts are kept: the
// setting, or the default while it is unset or unreadable (logged).
func (s *Service) CalendarHorizon(ctx context.Context) (int, error) {
	v, err := s.store.Setting(ctx, SettingCalendarHorizon)
	if err != nil {
		return 0, fmt.Errorf("read setting %s: %w", SettingCalendarHorizon, err)
	}
	if v = strings.TrimSpace(v); v == "" {
		return DefaultCalendarHorizon, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxCalendarHorizon {
		s.log.Warn("horizonte del calendario inválido: se usa el valor por defecto", "clave", SettingCalendarHorizon, "valor", v)
		return DefaultCalendarHorizon, nil
	}
	return n, nil
}

// SetCalendarHorizon stores the horizon (1..MaxCalendarHorizon; otherwise a
// *ValidationError keyed by "horizonte_meses") and regenerates.
func (s *Service) SetCalendarHorizon(ctx context.Context, months int) (CalendarSync, error) {
	if err := CheckCalendarHorizon(months); err != nil {
		return CalendarSync{}, err
	}
	if err := s.store.SetSetting(ctx, SettingCalendarHorizon, strconv.Itoa(months)); err != nil {
		return CalendarSync{}, fmt.Errorf("save setting %s: %w", SettingCalendarHorizon, err)
	}
	return s.RegenerateCalendar(ctx)
}

// CheckCalendarHorizon is SetCalendarHorizon's refusal of months, nil when
// it would take them: a form that saves other settings with the horizon
// checks them all before saving any.
func CheckCalendarHorizon(months int) error {
	if months < 1 || months > MaxCalendarHorizon {
		return Invalid("horizonte_meses", CodeCalendarHorizonRange, Args{"Value": months, "Min": 1, "Max": MaxCalendarHorizon})
	}
	return nil
}
