//go:build unix

package scheduler

import (
	"errors"
	"syscall"
)

// processAlive asks the kernel whether process pid exists: signal 0 checks
// without sending anything. A process of another user answers EPERM: alive.
func processAlive(pid int) bool {
	if pid <= 0 {
		return true // kill(0 or -n) would address process groups: cannot tell
	}
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
