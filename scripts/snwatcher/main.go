//go:build ignore

// Command snwatcher is a minimal StatusNotifier host for measurements and
// screenshots under Xvfb: it owns org.kde.StatusNotifierWatcher on the
// session bus, so Vigía sees a system tray (its close-to-tray and hidden
// states can be measured) and Fyne's tray registers its icon. It shows
// nothing. Run it inside `dbus-run-session`:
//
//	go run scripts/snwatcher/main.go
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

const (
	name  = "org.kde.StatusNotifierWatcher"
	path  = dbus.ObjectPath("/StatusNotifierWatcher")
	iface = "org.kde.StatusNotifierWatcher"
)

type watcher struct{ items []string }

func (w *watcher) RegisterStatusNotifierItem(service string) *dbus.Error {
	w.items = append(w.items, service)
	fmt.Println("snwatcher: registered", service)
	return nil
}

func (w *watcher) RegisterStatusNotifierHost(string) *dbus.Error { return nil }

func main() {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		fmt.Fprintln(os.Stderr, "snwatcher:", err)
		os.Exit(1)
	}
	w := &watcher{}
	if err := conn.Export(w, path, iface); err != nil {
		fmt.Fprintln(os.Stderr, "snwatcher:", err)
		os.Exit(1)
	}
	if _, err := prop.Export(conn, path, prop.Map{iface: {
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitFalse},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitFalse},
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitFalse},
	}}); err != nil {
		fmt.Fprintln(os.Stderr, "snwatcher:", err)
		os.Exit(1)
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		fmt.Fprintln(os.Stderr, "snwatcher: name already taken or error:", err)
		os.Exit(1)
	}
	fmt.Println("snwatcher: ready")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}
