// Package scheduler times the slots of active triggers with gocron/v2 and
// hands each due slot to a RunFunc (app.Service.RunScheduled). It owns the
// gocron jobs, one per active trigger, and a cheap status snapshot of them.
// The slots themselves are defined by app.Schedule: gocron only times them.
package scheduler
