package ui

import (
	"errors"
	"log/slog"

	"vigia/app"
)

func (u *UI) logger() *slog.Logger {
	if u.deps.Logger != nil {
		return u.deps.Logger
	}
	return slog.Default()
}

// logError records a failure the user may not have seen. While Vigía is
// stopping, the database closes under the window's last refreshes: their
// failures are expected, and recorded only at debug level. So is input
// the core refused: the user reads why under the field.
func (u *UI) logError(what string, err error) {
	if u.svc.ShuttingDown() {
		u.logger().Debug(what+" (Vigía se está cerrando)", "error", err)
		return
	}
	var refused *app.ValidationError
	if errors.As(err, &refused) { // the user's input, shown under its field: not a failure of Vigía
		u.logger().Debug(what+" (datos rechazados)", "error", err)
		return
	}
	u.logger().Error(what, "error", err)
}
