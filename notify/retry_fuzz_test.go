package notify

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseRetryWaits reads any VIGIA_SMTP_REINTENTOS: a refusal is a Spanish
// sentence naming the variable; an accepted value is one wait per
// comma-separated item (or the defaults, or none), each within bounds;
// the waits written as the log writes them (formatWait) read back the same;
// and the run's deadline that follows from them is positive and covers
// every wait and attempt.
func FuzzParseRetryWaits(f *testing.F) {
	for _, s := range []string{
		"", "  ", "10s,60s,5m", " 30s , 1m30s ", "0", "ninguno", "NONE", "0s", "-5s", "1h", "1h0m1s", "61m",
		"10s,,5m", "10s,", "10", "5 m", "1,5s", "1.5s", ".5s", "+5s", "1e3s", "5µs", "5us", "1h0.5m",
		"1s,1s,1s,1s,1s,1s,1s,1s,1s,1s", "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s", "9223372036854775807ns", "1s\n2s",
		"\xff", "10s;60s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		waits, err := ParseRetryWaits(s)
		if err != nil {
			msg := err.Error()
			if waits != nil || !strings.HasPrefix(msg, EnvRetryWaits+" inválido: ") || !utf8.ValidString(msg) {
				t.Fatalf("ParseRetryWaits(%q) = %v, %q", s, waits, msg)
			}
			return
		}
		switch trimmed := strings.ToLower(strings.TrimSpace(s)); {
		case trimmed == "":
			if !slices.Equal(waits, DefaultRetryWaits()) {
				t.Fatalf("ParseRetryWaits(%q) = %v, want the defaults", s, waits)
			}
		case trimmed == "0" || trimmed == "ninguno" || trimmed == "none":
			if len(waits) != 0 {
				t.Fatalf("ParseRetryWaits(%q) = %v, want no retry", s, waits)
			}
			return
		case len(waits) != strings.Count(s, ",")+1:
			t.Fatalf("ParseRetryWaits(%q) = %v: %d items", s, waits, strings.Count(s, ",")+1)
		}
		checkWaits(t, s, waits)
	})
}

// checkWaits checks accepted waits: bounds, formatWait reads back, deadline.
func checkWaits(t *testing.T, s string, waits []time.Duration) {
	t.Helper()
	if len(waits) == 0 || len(waits) > MaxRetries {
		t.Fatalf("ParseRetryWaits(%q) = %d waits", s, len(waits))
	}
	written := make([]string, len(waits))
	var sum time.Duration
	for i, w := range waits {
		if w <= 0 || w > MaxRetryWait {
			t.Fatalf("ParseRetryWaits(%q) = %v: wait %v out of bounds", s, waits, w)
		}
		written[i] = formatWait(w)
		sum += w
	}
	again, err := ParseRetryWaits(strings.Join(written, ","))
	if err != nil || !slices.Equal(again, waits) {
		t.Fatalf("ParseRetryWaits(%q) = %v, written %q reads %v, %v", s, waits, written, again, err)
	}
	attempt := 30 * time.Second
	if d := RunTimeoutFor(waits, attempt); d < sum+time.Duration(len(waits)+1)*attempt {
		t.Fatalf("RunTimeoutFor(%v, %v) = %v: shorter than every wait and attempt", waits, attempt, d)
	}
}
