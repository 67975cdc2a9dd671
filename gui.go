//go:build !nogui

package main

import "log/slog"

// announceInterface tells the user that this build has no desktop interface
// yet (it arrives with the ui package) and so runs headless.
func announceInterface(cfg config, log *slog.Logger) {
	if !cfg.Headless {
		log.Info("La interfaz de escritorio no está incluida en esta versión: Vigía se ejecuta sin interfaz (headless)")
	}
}
