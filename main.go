// Command vigia runs Vigía: the scheduler of alert digests, its history and its
// HTTP API, with a desktop window where there is one. main only hands the
// process's arguments, environment and console to internal/cli, so the whole
// program can be driven by tests.
package main

import (
	"os"

	"vigia/internal/cli"
	"vigia/internal/console"
	"vigia/internal/desktop"
)

// version is the release; `-ldflags "-X main.version=..."` overrides it.
var version = "0.1.0"

func main() {
	console.AttachParentConsole() // Windows GUI build: print to the terminal it was started from, if any
	os.Exit(cli.Program{
		Args:    os.Args[1:],
		Getenv:  os.Getenv,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Version: version,
		Desktop: desktop.Desktop{},
	}.Run())
}
