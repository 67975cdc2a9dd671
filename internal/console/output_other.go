//go:build !windows

package console

import "io"

// AttachParentConsole has nothing to do: outside Windows a program started
// from a terminal writes to it.
func AttachParentConsole() {}

// detachConsole has nothing to let go of outside Windows.
func detachConsole(io.Writer) bool { return false }
