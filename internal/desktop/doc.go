// Package desktop starts the desktop interface: the Fyne app, the window and
// the tray (package ui) beside the lifecycle's Serve (internal/cli), and ends
// them together. It detects what the session offers (a tray host and a
// notification server on Linux, trayhost_*.go), wires the autostart entry
// (autostart.go) and stops cleanly when a Windows session ends. It is the only
// package, with main, that builds the Fyne app (fyne.io/fyne/v2/app). Without
// cgo or with -tags nogui it is empty of Fyne (nogui.go) and Vigía runs
// headless.
package desktop
