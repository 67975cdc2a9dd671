package ui

import "log/slog"

func (u *UI) logger() *slog.Logger {
	if u.deps.Logger != nil {
		return u.deps.Logger
	}
	return slog.Default()
}

// logError records a failure the user may not have seen.
func (u *UI) logError(what string, err error) {
	u.logger().Error(what, "error", err)
}
