//go:build !nogui && !linux

package main

// trayHostAvailable: Windows and macOS always have a notification area / menu bar.
func trayHostAvailable() bool { return true }
