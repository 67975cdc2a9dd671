package assets

import _ "embed"

// IconPNG is the application icon (512 px): a watchman's eye whose iris is a clock.
//
//go:embed icon.png
var IconPNG []byte

// IconFailedPNG is the icon with a red warning badge, for the tray after a failed run.
//
//go:embed icon-failed.png
var IconFailedPNG []byte
