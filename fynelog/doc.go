// Package fynelog owns what Fyne writes through the standard log package:
// it turns Fyne's three-line errors into one record of Vigía's structured
// log, and marks Fyne's known harmless ones as debug. It imports no Fyne.
package fynelog
