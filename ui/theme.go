package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// vigiaTheme is Fyne's default theme, light or dark as the system asks,
// with the text colours that fell short of WCAG AA contrast (4.5:1) against
// the backgrounds they are drawn on made darker (light) or lighter (dark).
// theme_test.go measures every pair. Sizes, fonts and icons are Fyne's.
type vigiaTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return vigiaTheme{theme.DefaultTheme()} }

// themeColors are the replaced colours, per variant.
var themeColors = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		// Fyne's #565656 text is too close to any readable grey: placeholders
		// and disabled values looked like values.
		theme.ColorNameForeground:  color.NRGBA{R: 0x21, G: 0x21, B: 0x21, A: 0xff},
		theme.ColorNameDisabled:    color.NRGBA{R: 0x5c, G: 0x5c, B: 0x5c, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		theme.ColorNamePrimary:     color.NRGBA{R: 0x1a, G: 0x52, B: 0xc0, A: 0xff},
		theme.ColorNameHyperlink:   color.NRGBA{R: 0x1a, G: 0x52, B: 0xc0, A: 0xff},
		theme.ColorNameError:       color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff},
		theme.ColorNameWarning:     color.NRGBA{R: 0x8f, G: 0x45, B: 0x00, A: 0xff},
		theme.ColorNameSuccess:     color.NRGBA{R: 0x1b, G: 0x5e, B: 0x20, A: 0xff},
		// on the darker fills, white text
		theme.ColorNameForegroundOnPrimary: color.White,
		theme.ColorNameForegroundOnWarning: color.White,
		theme.ColorNameForegroundOnSuccess: color.White,
	},
	theme.VariantDark: {
		theme.ColorNameDisabled:  color.NRGBA{R: 0x94, G: 0x94, B: 0x94, A: 0xff},
		theme.ColorNamePrimary:   color.NRGBA{R: 0x6f, G: 0xa0, B: 0xff, A: 0xff},
		theme.ColorNameHyperlink: color.NRGBA{R: 0x6f, G: 0xa0, B: 0xff, A: 0xff},
		theme.ColorNameError:     color.NRGBA{R: 0xff, G: 0x6e, B: 0x61, A: 0xff},
		// on the lighter blue fill, dark text
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	},
}

func (t vigiaTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := themeColors[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}
