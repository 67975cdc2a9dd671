package app

import (
	"context"
	"log/slog"
)

// ChangeArea names what a change committed to the database touched, as the
// office database (PostgreSQL) notifies it to every process using it.
type ChangeArea string

// The areas a change notice names.
const (
	ChangeTriggers ChangeArea = "triggers" // the triggers table
	ChangeSettings ChangeArea = "ajustes"  // the settings, the pause among them
	ChangeAlerts   ChangeArea = "alertas"  // companies, alerts, the imported calendar
)

// ChangeAreas is every area, in a fixed order.
func ChangeAreas() []ChangeArea { return []ChangeArea{ChangeTriggers, ChangeSettings, ChangeAlerts} }

// ParseChangeArea is the area a notice's payload names, false for none.
func ParseChangeArea(s string) (ChangeArea, bool) {
	for _, a := range ChangeAreas() {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}

// ChangeFeed tells of the changes committed to the database, by any process
// (this one too), as they happen. storage.Store implements it.
type ChangeFeed interface {
	// WatchChanges calls fn, on its own goroutine, with the area of every
	// change until ctx ends or the store closes; whenever it begins to
	// listen (at first, and after a lost connection) it calls fn with every
	// area, since notices sent before were missed. It returns
	// false, and never calls fn, when the database tells of no change (SQLite:
	// the scheduler's poll of ScheduleVersion is then how changes arrive).
	WatchChanges(ctx context.Context, log *slog.Logger, fn func(ChangeArea)) bool
}

// ChangedElsewhere tells the views that the database changed in area,
// perhaps by another process: it publishes the event that makes them read
// it again. Triggers and the settings the Service applies (zone, mail,
// pause) are reloaded by the scheduler's coordinator (Reload), which tells
// the views itself.
func (s *Service) ChangedElsewhere(area ChangeArea) {
	switch area {
	case ChangeAlerts:
		s.publish(Event{Kind: EventCalendarChanged})
	case ChangeSettings:
		s.publish(Event{Kind: EventSettingsChanged})
	}
}
