// Package ui owns Vigía's desktop interface: the main window and its tabs, the
// tray menu, desktop notifications and the translations, all over app.Service.
// It never imports fyne.io/fyne/v2/app: main builds the Fyne app and hands it
// in, so tests run on Fyne's test driver. Every UI change that starts on
// another goroutine goes through the bridge (bridge.go), the only fyne.Do.
package ui
