// Package assets owns Vigía's embedded images: the application icon and the
// tray icon shown after a failed run. It hands out bytes only, so packages
// that must not import Fyne can use it too.
package assets
