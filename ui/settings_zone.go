package ui

import (
	"slices"

	"fyne.io/fyne/v2/widget"
)

// The time zone section of Configuración: a filtered list of IANA zones.

// onZoneFilter narrows the zone list to the zones matching the typed text.
func (t *settingsTab) onZoneFilter(query string) {
	t.zones = filterZones(ianaZones, query)
	t.zoneList.UnselectAll()
	t.zoneList.Refresh()
	if i := slices.Index(t.zones, t.zone); i >= 0 {
		t.zoneList.Select(i)
	} else {
		t.zoneList.ScrollToTop()
	}
}

func (t *settingsTab) onZoneSelected(i widget.ListItemID) {
	if i < 0 || i >= len(t.zones) || t.zones[i] == t.zone {
		return
	}
	t.zone = t.zones[i]
	t.showZone()
	t.onEdited()
}

// showZone names the chosen zone with its present offset.
func (t *settingsTab) showZone() {
	if t.zone == "" {
		t.zoneLabel.SetText(T("config.zona.ninguna"))
		return
	}
	t.zoneLabel.SetText(T("config.zona.seleccionada", map[string]any{"Zona": zoneWithOffset(t.zone, t.u.svc.Now())}))
}
