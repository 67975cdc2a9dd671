//go:build windows

package scheduler

import "syscall"

const (
	processQueryLimitedInformation = 0x1000
	errorInvalidParameter          = syscall.Errno(87) // OpenProcess of a pid no process has
	stillActive                    = 259               // GetExitCodeProcess of a running process
)

// processAlive asks Windows whether process pid exists and has not exited
// (a process that exited lives on as long as someone holds a handle to it).
func processAlive(pid int) bool {
	if pid <= 0 {
		return true
	}
	h, err := syscall.OpenProcess(processQueryLimitedInformation, false, uint32(pid))
	if err != nil {
		// Access denied and the like: the process exists.
		return err != errorInvalidParameter
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	return code == stillActive
}
