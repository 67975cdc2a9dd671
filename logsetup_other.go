//go:build !windows

package main

import "io"

// attachParentConsole has nothing to do: outside Windows a program started
// from a terminal writes to it.
func attachParentConsole() {}

// detachConsole has nothing to let go of outside Windows.
func detachConsole(io.Writer) bool { return false }
