package ui

import (
	"context"
	"log/slog"

	"vigia/app"
)

// SettingsBackend reads and saves the Configuración screen (main implements it
// over the database and the environment).
type SettingsBackend interface {
	Settings(ctx context.Context) (app.Settings, error)
	// SaveSettings validates everything first (a *app.ValidationError keyed by
	// variable name changes nothing), stores, and puts the values into effect.
	SaveSettings(ctx context.Context, s app.Settings) (app.Settings, error)
	// TestMail sends a test message with the form's values (unsaved) and
	// returns the server's answer (app.CodeTestMailAccepted or
	// app.CodeTestMailSaved), or the exact error.
	TestMail(ctx context.Context, s app.Settings, to string) (app.Message, error)
}

// Autostart turns "Iniciar con el sistema" on and off.
type Autostart interface {
	Enabled() (bool, error)
	Enable() error
	Disable() error
}

// AutostartUnavailable is why "Iniciar con el sistema" cannot be offered.
type AutostartUnavailable int

const (
	// AutostartUnsupported: this platform has no start at logon; the option is not shown.
	AutostartUnsupported AutostartUnavailable = iota
	// AutostartTemporaryBuild: the program was started with `go run`, from a
	// temporary folder that is gone by the next logon.
	AutostartTemporaryBuild
)

// Deps is what the interface works with. Service and Settings are required.
type Deps struct {
	Service   *app.Service
	Settings  SettingsBackend
	Autostart Autostart // nil: the option is not offered
	// AutostartWhyNot says why Autostart is nil, so the option is shown
	// disabled with the reason instead of silently missing.
	AutostartWhyNot AutostartUnavailable
	APIAddr         string // host:port of the local API
	Token           string // the API's bearer token ("Copiar token")
	LogFile         string // the log file, "" when logs go to a console
	DataDir         string
	Version         string
	Logger          *slog.Logger // default slog.Default()
	// TrayHost: a system tray can show our icon (on Linux, a StatusNotifier
	// host on the session bus). Without it closing the window quits.
	TrayHost bool
	// NoNotifications: the session has no notification service (a Linux
	// desktop without one), so none is sent; the window shows everything.
	NoNotifications bool
	// Quit stops Vigía for good: running digests finish first. It returns at
	// once; the app ends when the stop is done.
	Quit func()
}
