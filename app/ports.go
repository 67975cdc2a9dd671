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
	// InterruptRunning marks every row left en_curso (by a crash) interrumpida
	// with reason as its Problem, except those claimed by the instance named
	// keep (this process).
	InterruptRunning(ctx context.Context, at time.Time, reason Message, keep string) (int, error)
	// RecordExecutions inserts finished slot rows (perdida, omitida) in one
	// commit, skipping slots that already have a row; it returns how many it inserted.
	RecordExecutions(ctx context.Context, rows []Execution) (int, error)
	// LastSlots returns, per trigger, the newest scheduled_for of its slot rows
	// (scheduled and recovery runs, missed and skipped slots included).
	LastSlots(ctx context.Context) (map[int64]time.Time, error)
	Execution(ctx context.Context, id int64) (Execution, error) // ErrNotFound
	Executions(ctx context.Context, f ExecutionFilter) (ExecutionPage, error)
}

// AlertStore keeps companies and their alerts.
type AlertStore interface {
	CreateCompany(ctx context.Context, c Company) (Company, error) // ErrConflict on a duplicate name
	Company(ctx context.Context, id int64) (Company, error)        // ErrNotFound
	Companies(ctx context.Context) ([]Company, error)              // by name
	// CompanyNames is Companies with only ID, Name, NIT and Active filled
	// (lists, searches and pickers of thousands of companies).
	CompanyNames(ctx context.Context) ([]Company, error)
	// CompanyNamesOf is CompanyNames of the given companies (those that exist).
	CompanyNamesOf(ctx context.Context, ids []int64) ([]Company, error)
	// CompanyNamesPage is CompanyNames' window p (p.Limit set).
	CompanyNamesPage(ctx context.Context, p Page) ([]Company, error)
	CompanyCount(ctx context.Context) (int, error)                 // how many companies there are
	UpdateCompany(ctx context.Context, c Company) (Company, error) // ErrNotFound; ErrConflict on a duplicate name
	DeleteCompany(ctx context.Context, id int64) error             // ErrNotFound; deletes the company's alerts too
	// ImportAlerts saves an import in one transaction: new companies (ID 0,
	// rows of one new company share its name), the NIT of known ones, new
	// alerts (ID 0) and updated ones. It returns items with their IDs set.
	ImportAlerts(ctx context.Context, items []ImportItem) ([]ImportItem, error)
	CreateAlert(ctx context.Context, a Alert) (Alert, error)
	UpdateAlert(ctx context.Context, a Alert) (Alert, error) // ErrNotFound
	DeleteAlert(ctx context.Context, id int64) error         // ErrNotFound
	Alert(ctx context.Context, id int64) (Alert, error)      // ErrNotFound
	Alerts(ctx context.Context, f AlertFilter) ([]Alert, error)
	// AlertPage returns the page of alerts q selects (q.Limit set), by ID, and
	// how many match; q.Priority and each alert's EffectivePriority are the
	// effective priority on day, computed where the rows are filtered.
	AlertPage(ctx context.Context, q AlertQuery, day EscalationDay) (AlertPage, error)
	// OpenAlertCounts counts each company's open alerts by effective priority
	// on day; companies without open alerts are absent.
	OpenAlertCounts(ctx context.Context, day EscalationDay) (map[int64]map[Priority]int, error)
	// OpenAlerts returns the open alerts of active companies whose effective
	// priority on day is in priorities, EffectivePriority filled, grouped by
	// company: companies by their most urgent alert then name, alerts by
	// effective priority, due date (none last) and ID.
	OpenAlerts(ctx context.Context, priorities []Priority, day EscalationDay) ([]CompanyAlerts, error)
	// OpenAlertsOf is OpenAlerts for the given companies only (a digest's
	// first companies), in the same order.
	OpenAlertsOf(ctx context.Context, companies []int64, priorities []Priority, day EscalationDay) ([]CompanyAlerts, error)
}

// SettingsStore keeps small named values: the scheduler's pause and the
// user's preferences (see SettingKey).
type SettingsStore interface {
	Setting(ctx context.Context, key string) (string, error) // "" when unset
	SetSetting(ctx context.Context, key, value string) error
	// SetSettings stores several values at once: all of them, or none when
	// it fails.
	SetSettings(ctx context.Context, values map[string]string) error
	// ScheduleVersion changes whenever a trigger or a setting changes, in this
	// process or another one writing the same database.
	ScheduleVersion(ctx context.Context) (int64, error)
}

// Store is everything Service keeps.
type Store interface {
	TriggerStore
	ExecutionStore
	AlertStore
	SettingsStore
	CalendarStore
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
	// Rearm re-creates every job from scratch, after the wall clock jumped.
	Rearm(ctx context.Context, triggers []Trigger) error
	// SetLocation changes the zone schedules are read in. Jobs already armed
	// keep their zone until the next Sync, which re-arms them in the new one.
	SetLocation(loc *time.Location)
	// Status is a snapshot: cheap, it never walks the timer's internals per job.
	// Service fills in Paused and Recovery.
	Status() SchedulerStatus
}

// Scheduler roles: only the instance holding the database's lease runs slots.
const (
	RoleLeader  = "lider"
	RoleStandby = "espera"
)

// SchedulerStatus is what GET /api/triggers/scheduler/status shows.
type SchedulerStatus struct {
	Running  bool
	Paused   bool
	Role     string         // RoleLeader, RoleStandby or RoleNone
	Leader   string         // who holds the lease (host and process), when known
	Problem  *Message       // why the lease cannot be written (CodeLease*), nil when it can
	Jobs     []ScheduledJob // by next run, then trigger ID
	Recovery Recovery       // the latest evaluation of missed slots
}

// ScheduledJob is one armed trigger.
type ScheduledJob struct {
	TriggerID int64
	Name      string
	NextRun   time.Time
}
