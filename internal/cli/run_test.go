package cli

import (
	"testing"
	"time"

	"vigia/internal/config"
)

func TestRunTimeoutLetsEveryAttemptAndWaitRunOut(t *testing.T) {
	// given: the default waits (10 s, 60 s, 5 min) and 30 s per attempt
	cfg := config.Config{SMTPRetryWaits: []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}}

	// when
	got := runTimeout(cfg)

	// then: 6 min 10 s of waits, 4 attempts of 30 s, and the minute's margin
	if want := 6*time.Minute + 10*time.Second + 4*30*time.Second + time.Minute; got != want {
		t.Errorf("runTimeout = %v, want %v", got, want)
	}
}
