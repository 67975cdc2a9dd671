package app

// EventKind says what happened.
type EventKind int

const (
	// EventRunStarted: a claimed run began (Execution is en_curso).
	EventRunStarted EventKind = iota + 1
	// EventRunFinished: a run reached its final state.
	EventRunFinished
	// EventTriggersChanged: a trigger was created, updated or deleted, or the scheduler reloaded.
	EventTriggersChanged
	// EventRecovered: missed slots were evaluated (Recovery says what was done).
	EventRecovered
	// EventSchedulerChanged: the scheduler was paused or resumed, or this
	// process's role or its lease's problem changed (Service.LeaseChanged).
	EventSchedulerChanged
	// EventCalendarChanged: a regeneration of the tax calendar created,
	// moved or closed alerts (the alert lists and the Calendario view are stale).
	// Also published when another process changed alerts, companies or the
	// imported calendar (ChangedElsewhere).
	EventCalendarChanged
	// EventSettingsChanged: another process (another PC on the office's
	// database) saved settings: the language, the desktop's preferences or
	// the escalation thresholds a view shows may have changed. (The zone,
	// the mail and the pause reach the Service as a changed trigger does,
	// through the scheduler's reload.)
	EventSettingsChanged
)

// Event is published by Service to its subscribers.
type Event struct {
	Kind      EventKind
	Execution Execution // run events
	Trigger   Trigger   // run events: the trigger as the run saw it
	Delivery  Delivery  // EventRunFinished
	Recovery  Recovery  // EventRecovered
}

// Delivery says what a finished run did with its digest.
type Delivery struct {
	Priorities []Priority
	Sent       bool // an e-mail (or outbox file) was produced
}

// Subscriber receives events synchronously, on the goroutine of the run: it must
// return quickly (the UI hands them to fyne.Do).
type Subscriber func(Event)
