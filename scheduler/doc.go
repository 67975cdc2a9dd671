// Package scheduler times the slots of active triggers with gocron/v2 and
// hands each due slot to a RunFunc (app.Service.RunScheduled). It owns the
// gocron jobs, one per active trigger, and a cheap status snapshot of them.
// The slots themselves are defined by app.Schedule: gocron only times them.
//
// With several processes on one database, a Coordinator makes exactly one
// of them run slots: the holder of the database's lease (lease.go), plugged
// into gocron as its distributed elector. The Coordinator also watches the
// wall clock against the monotonic one (watchdog.go), so that a suspend or a
// changed clock re-evaluates missed slots and re-arms the timers, and polls
// the schedule's version (changes.go), so that a trigger changed by another
// process is reloaded within seconds; at once when the database tells of the
// change (CheckChanges, from PostgreSQL's notices).
package scheduler
