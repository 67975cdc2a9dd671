//go:build !nogui && cgo

package desktop

import (
	"os"
	"path/filepath"
	"testing"
)

// Where the session has no bus, nothing may start one: the D-Bus library
// would autolaunch a daemon that outlives Vigía.
func TestSessionBusExists(t *testing.T) {
	withSocket := t.TempDir()
	if err := os.WriteFile(filepath.Join(withSocket, "bus"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}, true},
		{map[string]string{"XDG_RUNTIME_DIR": withSocket}, true},
		{map[string]string{"XDG_RUNTIME_DIR": t.TempDir()}, false},
		{map[string]string{}, false},
		{map[string]string{"DBUS_SESSION_BUS_ADDRESS": "autolaunch:"}, false},
		{map[string]string{"DBUS_SESSION_BUS_ADDRESS": noSessionBus, "XDG_RUNTIME_DIR": withSocket}, false},
	}
	for _, c := range cases {
		if got := sessionBusExists(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("sessionBusExists(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}
