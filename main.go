// Command vigia runs Vigía: the scheduler of alert digests, its history and its
// HTTP API. main only hands the process's arguments, environment and console to
// run, so the whole program can be driven by tests.
package main

import "os"

func main() {
	attachParentConsole() // Windows GUI build: print to the terminal it was started from, if any
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}
