package ui

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"vigia/app"
)

func TestRefusedInputIsLoggedAtDebugAndAFailureAtError(t *testing.T) {
	// given the window logging to a buffer
	env := newTestEnv(t)
	var buf bytes.Buffer
	env.u.deps.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))

	// when a refused test address and a real failure are logged
	env.u.logError("correo de prueba", app.Invalid("destinatario", app.CodeAddressBadDomain, app.Args{"Value": "ana@"}))
	env.u.logError("correo de prueba", errors.New("dial tcp: connection refused"))

	// then the refusal is a debug line and only the failure is an error
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "level=DEBUG") || !strings.Contains(lines[1], "level=ERROR") {
		t.Errorf("log =\n%s\nwant a DEBUG line for the refusal, then an ERROR line for the failure", buf.String())
	}
}
