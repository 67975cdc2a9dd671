//go:build nogui

package main

import "log/slog"

// announceInterface has nothing to say: a nogui build is always headless.
func announceInterface(config, *slog.Logger) {}
