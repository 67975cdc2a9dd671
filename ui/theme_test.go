package ui

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// wcagAA is the least contrast WCAG 2.x level AA asks of normal text.
const wcagAA = 4.5

// themeVariants are the two variants a user's system may ask for.
var themeVariants = map[string]fyne.ThemeVariant{"claro": theme.VariantLight, "oscuro": theme.VariantDark}

// surface is something text is drawn on: a theme colour, or one laid over
// another (a translucent selection or hover over the window, a banner's tint).
type surface struct {
	name  string
	color func(th fyne.Theme, v fyne.ThemeVariant) color.Color
}

func plain(n fyne.ThemeColorName) surface {
	return surface{string(n), func(th fyne.Theme, v fyne.ThemeVariant) color.Color { return th.Color(n, v) }}
}

// over is top, translucent, laid over the window's background.
func over(top fyne.ThemeColorName) surface {
	return surface{string(top) + " sobre el fondo", func(th fyne.Theme, v fyne.ThemeVariant) color.Color {
		return blend(th.Color(top, v), th.Color(theme.ColorNameBackground, v))
	}}
}

// onBanner is the tinted background of Inicio's banners (homebanners.go).
func onBanner(n fyne.ThemeColorName) surface {
	return surface{"aviso " + string(n), func(th fyne.Theme, v fyne.ThemeVariant) color.Color {
		return blend(tint(th.Color(n, v)), th.Color(theme.ColorNameBackground, v))
	}}
}

var (
	onWindow   = plain(theme.ColorNameBackground)
	onDialog   = plain(theme.ColorNameOverlayBackground)
	onField    = plain(theme.ColorNameInputBackground)
	onSelected = over(theme.ColorNameSelection)
	onHovered  = over(theme.ColorNameHover)
)

// themeTexts is every text colour the interface draws, with the surfaces it
// is drawn on.
var themeTexts = []struct {
	text fyne.ThemeColorName
	what string
	on   []surface
}{
	{theme.ColorNameForeground, "texto y valores", []surface{onWindow, onDialog, onField, onSelected, onHovered,
		plain(theme.ColorNameHeaderBackground), plain(theme.ColorNameMenuBackground), plain(theme.ColorNameButton),
		plain(theme.ColorNameDisabledButton), onBanner(theme.ColorNameWarning), onBanner(theme.ColorNameError)}},
	{theme.ColorNameDisabled, "texto secundario (LowImportance), campos y botones deshabilitados", []surface{onWindow, onDialog,
		onField, onSelected, onHovered, plain(theme.ColorNameDisabledButton)}},
	{theme.ColorNamePlaceHolder, "ejemplos de los campos", []surface{onField}},
	{theme.ColorNamePrimary, "HighImportance (MEDIA, En curso)", []surface{onWindow, onDialog, onSelected, onHovered}},
	{theme.ColorNameWarning, "WarningImportance (ALTA, Abierta)", []surface{onWindow, onDialog, onSelected, onHovered,
		onBanner(theme.ColorNameWarning)}},
	{theme.ColorNameError, "DangerImportance (CRÍTICA, errores)", []surface{onWindow, onDialog, onSelected, onHovered,
		onBanner(theme.ColorNameError)}},
	{theme.ColorNameSuccess, "SuccessImportance (Exitoso)", []surface{onWindow, onDialog, onSelected, onHovered}},
	{theme.ColorNameForegroundOnPrimary, "botones principales, insignias MEDIA", []surface{plain(theme.ColorNamePrimary)}},
	{theme.ColorNameForegroundOnError, "botones de borrar, insignias CRÍTICA", []surface{plain(theme.ColorNameError)}},
	{theme.ColorNameForegroundOnWarning, "insignias ALTA", []surface{plain(theme.ColorNameWarning)}},
	{theme.ColorNameForegroundOnSuccess, "botones de éxito", []surface{plain(theme.ColorNameSuccess)}},
}

func TestEveryTextMeetsWCAGAAContrastInBothThemes(t *testing.T) {
	// given Vigía's theme (and Fyne's, for the record)
	test.NewTempApp(t)
	ours, fyneTheme := newTheme(), theme.DefaultTheme()

	for variant, v := range themeVariants {
		for _, tx := range themeTexts {
			for _, s := range tx.on {
				// when the text's colour is measured against the surface
				got := contrast(ours.Color(tx.text, v), s.color(ours, v))
				before := contrast(fyneTheme.Color(tx.text, v), s.color(fyneTheme, v))
				t.Logf("%-6s %-20s sobre %-28s %5.2f (Fyne %5.2f)", variant, tx.text, s.name, got, before)

				// then it reaches AA
				if got < wcagAA {
					t.Errorf("tema %s: %s (%s) sobre %s: %.2f:1, menos de %.1f:1", variant, tx.text, tx.what, s.name, got, wcagAA)
				}
			}
		}
	}
}

func TestPlaceholdersAndDisabledValuesDoNotLookLikeValues(t *testing.T) {
	// given Vigía's theme, in a field
	test.NewTempApp(t)
	th := newTheme()
	// distinct is how much lighter (or darker) than a value an example or a
	// value that cannot be changed must be, to be told apart at a glance
	const distinct = 1.8

	for variant, v := range themeVariants {
		value := th.Color(theme.ColorNameForeground, v)
		for _, n := range []fyne.ThemeColorName{theme.ColorNamePlaceHolder, theme.ColorNameDisabled} {
			// when its colour is compared with a value's
			got := contrast(th.Color(n, v), value)

			// then the two differ clearly
			if got < distinct {
				t.Errorf("tema %s: %s differs from a value by %.2f:1, want at least %.1f:1", variant, n, got, distinct)
			}
		}
	}
}

func TestContrastMatchesWCAGReferenceValues(t *testing.T) {
	// the formula itself, against the values WCAG's own examples give
	for _, c := range []struct {
		a, b color.Color
		want float64
	}{
		{color.Black, color.White, 21},
		{color.White, color.White, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 0xff}, color.White, 4.54},
		{color.NRGBA{0x77, 0x77, 0x77, 0xff}, color.White, 4.48},
	} {
		if got := contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// contrast is WCAG 2.x's contrast ratio of two opaque colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG's relative luminance of an sRGB colour.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	if n.A != 0xff {
		panic(fmt.Sprintf("luminance of a translucent colour %v: blend it first", n))
	}
	linear := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*linear(n.R) + 0.7152*linear(n.G) + 0.0722*linear(n.B)
}

// blend lays top, maybe translucent, over an opaque base.
func blend(top, base color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(base).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}
