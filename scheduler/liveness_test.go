//go:build unix || windows

package scheduler

import (
	"os"
	"os/exec"
	"testing"
)

func TestProcessAliveTellsARunningProcessFromAFinishedOne(t *testing.T) {
	// given this process, and a child process that ran and was reaped
	child := exec.Command(os.Args[0], "-test.run=^$")
	if err := child.Run(); err != nil {
		t.Fatalf("run child process: %v", err)
	}

	// then this one is alive and the finished one is not
	if !processAlive(os.Getpid()) {
		t.Fatal("this process is not alive")
	}
	if processAlive(child.Process.Pid) {
		t.Fatalf("finished process %d is alive", child.Process.Pid)
	}
}
