package app

import (
	"strings"
	"time"
)

// Priority is an alert's urgency. Its string form is the product's (Spanish) name.
type Priority string

const (
	PriorityCritical Priority = "CRITICA"
	PriorityHigh     Priority = "ALTA"
	PriorityMedium   Priority = "MEDIA"
	PriorityLow      Priority = "BAJA"
)

// Priorities lists every priority, most urgent first.
var Priorities = []Priority{PriorityCritical, PriorityHigh, PriorityMedium, PriorityLow}

// Rank orders priorities: 0 is the most urgent; unknown priorities sort last.
func (p Priority) Rank() int {
	for i, q := range Priorities {
		if p == q {
			return i
		}
	}
	return len(Priorities)
}

// ParsePriority accepts a priority name in any case, surrounding blanks ignored.
func ParsePriority(s string) (Priority, bool) {
	p := Priority(strings.ToUpper(strings.TrimSpace(s)))
	if p == "CRÍTICA" {
		p = PriorityCritical
	}
	return p, p.Rank() < len(Priorities)
}

// Trigger is a scheduled job that e-mails the digest of open alerts whose
// priority is in Priorities to Recipients (or the default recipients when empty).
type Trigger struct {
	ID            int64
	Name          string
	Description   string
	Schedule      Schedule
	Recipients    []string
	Priorities    []Priority
	Active        bool
	SendWhenEmpty bool
	// CatchUp (recuperar): after downtime, run the newest missed slot once.
	CatchUp   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// RunState is the state of one execution (history row).
type RunState string

const (
	StateRunning     RunState = "en_curso"
	StateSucceeded   RunState = "exitoso"
	StateFailed      RunState = "fallido"
	StateMissed      RunState = "perdida"
	StateInterrupted RunState = "interrumpida"
	StateSkipped     RunState = "omitida"
)

// RunStates lists every state, for validation of filters.
var RunStates = []RunState{StateRunning, StateSucceeded, StateFailed, StateMissed, StateInterrupted, StateSkipped}

// RunOrigin says who asked for an execution.
type RunOrigin string

const (
	OriginScheduled RunOrigin = "programada"
	OriginManual    RunOrigin = "manual"
	OriginRecovery  RunOrigin = "recuperacion"
	// OriginTest is a digest sent to one address on request: not a slot.
	OriginTest RunOrigin = "prueba"
)

// Execution is one row of the run history.
type Execution struct {
	ID           int64
	TriggerID    int64
	TriggerName  string // snapshot: the history outlives renames and deletions
	ScheduledFor time.Time
	StartedAt    time.Time
	FinishedAt   time.Time // zero while running
	State        RunState
	Origin       RunOrigin
	Companies    int       // empresas_con_alertas
	Alerts       int       // total_alertas
	Recipients   []string  // who the digest was addressed to
	Notified     int       // notificaciones: alerts delivered in the e-mail (0 when nothing was sent)
	MailRoute    MailRoute // envio: how the digest left (SMTP or the outbox); MailRouteNone when it did not
	Attempts     int       // SMTP attempts
	// Problem is what went wrong (nil when nothing did), as a code the edges
	// word in their language (package messages: RunReason).
	Problem *Message
	// Error is the reason in Spanish as the history stores it: the words of
	// Problem, or the only reason of rows written before codes (Problem nil).
	// The core leaves it empty and sets Problem.
	Error    string
	Instance string // the process that claimed the row
}

// Duration is how long a finished run took.
func (e Execution) Duration() time.Duration {
	if e.FinishedAt.IsZero() {
		return 0
	}
	return e.FinishedAt.Sub(e.StartedAt)
}

// ExecutionFilter selects a page of history, newest first: by ID, or by
// ScheduledFor when a date bound is set (ties by trigger, state, then ID).
type ExecutionFilter struct {
	TriggerID int64    // 0: every trigger
	State     RunState // "": every state
	// From and To bound ScheduledFor to [From, To); a zero time leaves that side open.
	From, To time.Time
	Limit    int
	Offset   int
}

// HasRange reports whether f bounds ScheduledFor.
func (f ExecutionFilter) HasRange() bool { return !f.From.IsZero() || !f.To.IsZero() }

// ExecutionPage is one page of history and the number of rows matching the filter.
type ExecutionPage struct {
	Total      int
	Executions []Execution
}

// Company is a client of the accountant.
type Company struct {
	ID      int64
	Name    string
	NIT     string // normalised ("900123456-8"); "" when unknown
	Contact string // optional e-mail address
	Active  bool
	// Responsibilities are the tax-calendar obligations the company owes
	// (taxcal codes, in taxcal.Obligations order); its calendar alerts follow them.
	Responsibilities []string
	CreatedAt        time.Time
}

// Alert is something about a company that needs the accountant's attention.
type Alert struct {
	ID        int64
	CompanyID int64
	Title     string
	Detail    string
	Priority  Priority
	// EffectivePriority is Priority raised as DueOn approaches (due-date
	// escalation); Service computes it on the way out, for today in its zone.
	EffectivePriority Priority
	DueOn             time.Time // a calendar date at 00:00 UTC; zero when the alert has none
	Open              bool
	ResolvedAt        time.Time // zero while open
	ResolutionNote    string
	CreatedAt         time.Time
	UpdatedAt         time.Time
	// Calendar is set on an alert the tax calendar wrote (origen
	// "calendario"); nil on one the user wrote.
	Calendar *CalendarRef
}

// Alert origins (origen).
const (
	AlertOriginManual   = "manual"
	AlertOriginCalendar = "calendario"
)

// Origin is where a came from: AlertOriginCalendar or AlertOriginManual.
func (a Alert) Origin() string {
	if a.Calendar != nil {
		return AlertOriginCalendar
	}
	return AlertOriginManual
}

// CalendarRef ties an alert to one due date of the tax calendar.
type CalendarRef struct {
	Obligation  string // taxcal code
	Period      string // taxcal period key: "2026-11", "2026-B6", "2026-C3", "2025"
	Installment int    // 1..3 for renta's cuotas, 0 otherwise
	State       string // taxcal.StateOfficial, StateComputed or StateEdited
	Source      string // the citation, in Spanish
	// Edited: the user changed the alert; regeneration leaves it as it is
	// (it still closes it when the obligation is removed).
	Edited bool
	// PreviousDueOn is the date a calendar update moved the alert from, and
	// MovedAt when (zero when the date never moved). Detail and digests say so.
	PreviousDueOn time.Time
	MovedAt       time.Time
}

// AlertFilter selects alerts; zero values select everything.
type AlertFilter struct {
	CompanyID int64
	Priority  Priority
	OpenOnly  bool
}

// CompanyAlerts is one company's section of a digest.
type CompanyAlerts struct {
	Company Company
	Alerts  []Alert
}

// DateLayout is how calendar dates (vence_el) are written.
const DateLayout = "2006-01-02"
