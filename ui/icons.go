package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"vigia/assets"
)

// Icons of the window and the tray.
var (
	iconApp       fyne.Resource = fyne.NewStaticResource("vigia.png", assets.IconPNG)
	iconAppFailed fyne.Resource = fyne.NewStaticResource("vigia-fallo.png", assets.IconFailedPNG)
)

// tabIcons are the icons of the tabs, in order. Theme icons are looked up
// when the tabs are built, not at package initialisation: before the Fyne
// app exists, a lookup logs «Attempt to access current Fyne app when none
// is started» (and a headless run never builds the tabs at all).
func tabIcons() []fyne.Resource {
	return []fyne.Resource{theme.HomeIcon(), theme.MediaRecordIcon(), theme.WarningIcon(), theme.CalendarIcon(), theme.HistoryIcon(),
		theme.SettingsIcon()}
}
