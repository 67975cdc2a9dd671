package app

import (
	"strconv"
	"time"
)

// Lease names the one process that schedules a database. It is renewed while
// its holder lives and taken over when it expires; the scheduler adapter keeps it.
type Lease struct {
	Name      string // what is leased, e.g. "scheduler"
	HolderID  string // the holder's instance (Service.Instance)
	Host      string // the holder's machine
	PID       int    // the holder's process on Host
	ExpiresAt time.Time
}

// Holder describes the lease holder for people: "equipo (pid 1234)".
func (l Lease) Holder() string {
	if l.HolderID == "" {
		return ""
	}
	return l.Host + " (pid " + strconv.Itoa(l.PID) + ")"
}

// RoleNone is the role of a process that cannot write the lease (a full or
// read-only disk): it runs no slot, and knows of no other process that does.
// SchedulerStatus.Problem says why.
const RoleNone = "sin_turno"

// LeaseChanged tells subscribers (the desktop's Inicio, the tray) that the
// scheduler's status changed: this process's role, or why the lease cannot
// be written. The scheduler adapter calls it.
func (s *Service) LeaseChanged() { s.publish(Event{Kind: EventSchedulerChanged}) }
