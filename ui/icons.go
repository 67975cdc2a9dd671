package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"vigia/assets"
)

// Icons of the window, the tabs and the tray.
var (
	iconApp       fyne.Resource = fyne.NewStaticResource("vigia.png", assets.IconPNG)
	iconAppFailed fyne.Resource = fyne.NewStaticResource("vigia-fallo.png", assets.IconFailedPNG)

	iconHome     = theme.HomeIcon()
	iconTriggers = theme.MediaRecordIcon()
	iconAlerts   = theme.WarningIcon()
	iconHistory  = theme.HistoryIcon()
	iconSettings = theme.SettingsIcon()
)
