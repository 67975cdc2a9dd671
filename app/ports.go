package app

import (
	"context"
	"time"
)

// Clock tells the time. clockwork.Clock satisfies it, so tests can move time.
type Clock interface {
	Now() time.Time
}

// TriggerStore keeps triggers.
type TriggerStore interface {
	CreateTrigger(ctx context.Context, t Trigger) (Trigger, error) // assigns ID
	UpdateTrigger(ctx context.Context, t Trigger) (Trigger, error) // ErrNotFound when gone
	DeleteTrigger(ctx context.Context, id int64) error             // ErrNotFound when gone; history rows stay
	Trigger(ctx context.Context, id int64) (Trigger, error)        // ErrNotFound when gone
	Triggers(ctx context.Context) ([]Trigger, error)               // every trigger, by ID
}

// ExecutionStore keeps the run history.
type ExecutionStore interface {
	// ClaimExecution inserts e (state en_curso) and returns it with its ID. For
	// scheduled and recovery runs a (trigger, scheduled_for) pair is claimed once:
	// a second claim returns ErrSlotTaken. Claims may be batched into one commit.
	ClaimExecution(ctx context.Context, e Execution) (Execution, error)
	// FinishExecution writes the final state and metrics of a claimed row.
	FinishExecution(ctx context.Context, e Execution) error
	// InterruptRunning marks every row left en_curso (by a crash) interrumpida.
	InterruptRunning(ctx context.Context, at time.Time, reason string) (int, error)
	Execution(ctx context.Context, id int64) (Execution, error) // ErrNotFound
	Executions(ctx context.Context, f ExecutionFilter) (ExecutionPage, error)
}

// AlertStore keeps companies and their alerts.
type AlertStore interface {
	CreateCompany(ctx context.Context, c Company) (Company, error) // ErrConflict on a duplicate name
	Company(ctx context.Context, id int64) (Company, error)        // ErrNotFound
	Companies(ctx context.Context) ([]Company, error)              // by name
	CreateAlert(ctx context.Context, a Alert) (Alert, error)
	UpdateAlert(ctx context.Context, a Alert) (Alert, error) // ErrNotFound
	DeleteAlert(ctx context.Context, id int64) error         // ErrNotFound
	Alert(ctx context.Context, id int64) (Alert, error)      // ErrNotFound
	Alerts(ctx context.Context, f AlertFilter) ([]Alert, error)
	// OpenAlerts returns the open alerts whose priority is in priorities, grouped
	// by company: companies by their most urgent alert then name, alerts by
	// priority, due date (none last) and ID.
	OpenAlerts(ctx context.Context, priorities []Priority) ([]CompanyAlerts, error)
}

// Store is everything Service keeps.
type Store interface {
	TriggerStore
	ExecutionStore
	AlertStore
}

// Mailer delivers a digest. It returns how many delivery attempts it made.
type Mailer interface {
	SendDigest(ctx context.Context, d Digest) (attempts int, err error)
}

// Scheduler times the slots of active triggers and calls Service.RunScheduled
// for each. Service keeps it in step with the store.
type Scheduler interface {
	// Sync replaces every job with one per active trigger in triggers.
	Sync(ctx context.Context, triggers []Trigger) error
	// Upsert adds or replaces the job of t (removes it when t is inactive).
	Upsert(t Trigger) error
	// Remove drops the job of a trigger, if any.
	Remove(triggerID int64) error
	// Status is a snapshot: cheap, it never walks the timer's internals per job.
	Status() SchedulerStatus
}

// SchedulerStatus is what GET /api/triggers/scheduler/status shows.
type SchedulerStatus struct {
	Running bool
	Jobs    []ScheduledJob // by next run, then trigger ID
}

// ScheduledJob is one armed trigger.
type ScheduledJob struct {
	TriggerID int64
	Name      string
	NextRun   time.Time
}
