package ui

import "log/slog"

func (u *UI) logger() *slog.Logger {
	if u.deps.Logger != nil {
		return u.deps.Logger
	}
	return slog.Default()
}

// logError records a failure the user may not have seen. While Vigía is
// stopping, the database closes under the window's last refreshes: their
// failures are expected, and recorded only at debug level.
func (u *UI) logError(what string, err error) {
	if u.svc.ShuttingDown() {
		u.logger().Debug(what+" (Vigía se está cerrando)", "error", err)
		return
	}
	u.logger().Error(what, "error", err)
}
