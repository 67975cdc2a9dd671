//go:build nogui

package main

import (
	"context"
	"log/slog"

	"vigia/logfile"
)

// The nogui build has no desktop interface: it always runs headless.

func desktopWanted(config, func(string) string) bool { return false }

func announceHeadless(config, func(string) string, *slog.Logger) {}

func trayHostPresent() bool { return false }

// runDesktop is never called: desktopWanted is always false.
func runDesktop(context.Context, config, *console, *slog.Logger, *logfile.Writer, []string) int {
	panic("runDesktop in a nogui build")
}
