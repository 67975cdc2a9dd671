package notify_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"vigia/notify"
)

func TestParseRetryWaits(t *testing.T) {
	tests := []struct {
		in   string
		want []time.Duration
	}{
		{"", []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}},
		{"  ", []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}},
		{"10s,60s,5m", []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}},
		{" 30s , 1m30s ", []time.Duration{30 * time.Second, 90 * time.Second}},
		{"1h", []time.Duration{time.Hour}},
		{"0", []time.Duration{}},
		{"ninguno", []time.Duration{}},
		{"NONE", []time.Duration{}},
		{"1s,1s,1s,1s,1s,1s,1s,1s,1s,1s", slices.Repeat([]time.Duration{time.Second}, 10)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := notify.ParseRetryWaits(tt.in)
			if err != nil || got == nil || !slices.Equal(got, tt.want) {
				t.Errorf("ParseRetryWaits(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseRetryWaitsRefusesBadValuesNamingTheVariable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10", `"10" no es una espera`},
		{"diez", `"diez" no es una espera`},
		{"10s,,5m", `"" no es una espera`},
		{"10s,-5s", `la espera "-5s" debe ser mayor que 0 y como mucho 1h`},
		{"0s,10s", `la espera "0s" debe ser mayor que 0`},
		{"61m", `la espera "61m" debe ser mayor que 0 y como mucho 1h`},
		{"1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s", "como mucho 10 reintentos y hay 11"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := notify.ParseRetryWaits(tt.in)
			if err == nil {
				t.Fatalf("ParseRetryWaits(%q) = %v, want an error", tt.in, got)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "VIGIA_SMTP_REINTENTOS inválido: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want the variable and %q", msg, tt.want)
			}
		})
	}
}

func TestDefaultRetryWaitsCannotBeChangedByACaller(t *testing.T) {
	notify.DefaultRetryWaits()[0] = time.Hour
	if got := notify.DefaultRetryWaits()[0]; got != 10*time.Second {
		t.Errorf("first default wait %v after a caller changed its copy", got)
	}
}

func TestRunTimeoutLeavesRoomForEveryAttemptAndWait(t *testing.T) {
	tests := []struct {
		name    string
		waits   []time.Duration
		timeout time.Duration
		want    time.Duration
	}{
		// 10 s + 60 s + 5 min of waits, 4 attempts of 30 s, 1 min of margin
		{"defaults", notify.DefaultRetryWaits(), notify.DefaultTimeout, 9*time.Minute + 10*time.Second},
		{"no timeout given means the default", notify.DefaultRetryWaits(), 0, 9*time.Minute + 10*time.Second},
		{"no retries", nil, 20 * time.Second, 80 * time.Second},
		{"two short waits", []time.Duration{time.Second, 2 * time.Second}, 10 * time.Second, 3*time.Second + 30*time.Second + time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notify.RunTimeoutFor(tt.waits, tt.timeout); got != tt.want {
				t.Errorf("RunTimeoutFor = %v, want %v", got, tt.want)
			}
		})
	}
}
