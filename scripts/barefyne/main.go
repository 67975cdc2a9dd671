//go:build ignore

// Command barefyne is the yardstick of scripts/idle-cpu.sh: a hello-world
// Fyne window, built and measured exactly like Vigía.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("co.vigia.barefyne")
	w := a.NewWindow("Hola")
	w.SetContent(widget.NewLabel("Hola, Fyne"))
	w.Resize(fyne.NewSize(1100, 720))
	w.ShowAndRun()
}
