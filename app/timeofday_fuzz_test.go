package app

import (
	"regexp"
	"strings"
	"testing"
)

// timeOfDayForm is what parseTimeOfDay promises to accept, around blanks:
// "HH:MM" or "H:MM", ASCII digits, from 00:00 to 23:59.
var timeOfDayForm = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):[0-5][0-9]$`)

// FuzzParseTimeOfDay checks that parseTimeOfDay accepts exactly the
// documented form (no sign, no other digits, no seconds) and that what it
// accepts reads back: the schedule's HH:MM of the result is the input, padded.
func FuzzParseTimeOfDay(f *testing.F) {
	for _, s := range []string{
		"08:00", "8:00", "23:59", "00:00", "0:00", " 07:30\t", "24:00", "23:60", "7:5", "007:00",
		"+8:00", "-0:00", "08:+5", "08:-5", "8", ":00", "08:", "08:00:00", "08.00", "٠٨:٠٠", "０８:００",
		"08 :00", "1_0:00", "0x8:00", "\u00a008:00\u2003", "08:00\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, m, ok := parseTimeOfDay(s)
		trimmed := strings.TrimSpace(s)
		if want := timeOfDayForm.MatchString(trimmed); ok != want {
			t.Fatalf("parseTimeOfDay(%q) ok = %v, want %v", s, ok, want)
		}
		if !ok {
			if h != 0 || m != 0 {
				t.Errorf("parseTimeOfDay(%q) refused but gave %d:%d", s, h, m)
			}
			return
		}
		hm := Schedule{Hour: h, Minute: m}.TimeOfDay()
		if hm != trimmed && hm != "0"+trimmed {
			t.Fatalf("parseTimeOfDay(%q) = %d:%d, which reads %q", s, h, m, hm)
		}
		if h2, m2, ok2 := parseTimeOfDay(hm); !ok2 || h2 != h || m2 != m {
			t.Fatalf("parseTimeOfDay(%q) = %d, %d, %v; want %d, %d", hm, h2, m2, ok2, h, m)
		}
	})
}
