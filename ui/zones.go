package ui

import (
	"fmt"
	"strings"
	"time"
)

//go:generate go run ./internal/zonegen -zip $GOROOT/lib/time/zoneinfo.zip -o zones_gen.go

// zoneFold makes a search text comparable to zone names: lower case, no
// accents ("Bogotá" finds America/Bogota), and '_' or '/' as spaces.
var zoneFold = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ñ", "n", "ç", "c",
	"à", "a", "è", "e", "ì", "i", "ò", "o", "ù", "u", "â", "a", "ê", "e", "ô", "o", "ã", "a", "õ", "o",
	"_", " ", "/", " ",
)

func foldZone(s string) string { return zoneFold.Replace(strings.ToLower(s)) }

// filterZones is the zones whose name contains every word of query, in
// order of the list; all of them for a blank query.
func filterZones(zones []string, query string) []string {
	words := strings.Fields(foldZone(query))
	if len(words) == 0 {
		return zones
	}
	var out []string
	for _, z := range zones {
		name := foldZone(z)
		match := true
		for _, w := range words {
			if !strings.Contains(name, w) {
				match = false
				break
			}
		}
		if match {
			out = append(out, z)
		}
	}
	return out
}

// zoneWithOffset is the zone and its present UTC offset: "America/Bogota (UTC-05:00)".
func zoneWithOffset(zone string, now time.Time) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return zone
	}
	_, secs := now.In(loc).Zone()
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	return fmt.Sprintf("%s (UTC%s%02d:%02d)", zone, sign, secs/3600, secs%3600/60)
}
