package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// History paging bounds.
const (
	DefaultHistoryLimit = 50
	MaxHistoryLimit     = 500
	// finalizeTimeout bounds the write of a run's final state, which must happen
	// even when the run's own context was cancelled by a shutdown.
	finalizeTimeout = 10 * time.Second
	// FinishRetryEvery is how often a run's final state that the database
	// could not take (full disk, read-only) is written again.
	FinishRetryEvery = 15 * time.Second
)

// RunNow starts trigger id at once (inactive triggers too: the user asked) and
// returns its history row, en_curso; the digest is sent in the background.
// ErrRunInProgress while that trigger is running.
func (s *Service) RunNow(ctx context.Context, id int64) (Execution, error) {
	return s.startOnDemand(ctx, id, OriginManual, nil)
}

// startOnDemand claims a run that someone asked for (not a slot) and sends it
// in the background: origin manual, or prueba with its one recipient.
func (s *Service) startOnDemand(ctx context.Context, id int64, origin RunOrigin, recipients []string) (Execution, error) {
	t, err := s.store.Trigger(ctx, id)
	if err != nil {
		return Execution{}, fmt.Errorf("load trigger %d: %w", id, err)
	}
	if err := s.begin(id, true); err != nil {
		return Execution{}, err
	}
	now := s.clock.Now()
	e, err := s.store.ClaimExecution(ctx, Execution{
		TriggerID: id, TriggerName: t.Name, ScheduledFor: now, StartedAt: now,
		State: StateRunning, Origin: origin, Recipients: recipients, Instance: s.instance,
	})
	if err != nil {
		s.end(id)
		return Execution{}, fmt.Errorf("claim %s run of trigger %d: %w", origin, id, err)
	}
	go s.process(e)
	return s.executionInZone(e), nil
}

// RunScheduled runs the slot of trigger id that is due (called by the
// scheduler). A slot already claimed — by this or another process — is skipped.
// It returns when the run is finished.
func (s *Service) RunScheduled(id int64, name string, slot time.Time) {
	if err := s.begin(id, false); err != nil {
		s.log.Warn("ejecución programada descartada", "trigger_id", id, "programada_para", slot, "motivo", err)
		return
	}
	if s.Paused() {
		defer s.end(id)
		now := s.clock.Now()
		if _, err := s.store.RecordExecutions(s.runCtx, []Execution{{
			TriggerID: id, TriggerName: name, ScheduledFor: slot, StartedAt: now, FinishedAt: now,
			State: StateSkipped, Origin: OriginScheduled, Problem: &Message{Code: CodeRunPaused, Args: nil}, Instance: s.instance,
		}}); err != nil {
			s.log.Error("no se pudo registrar el turno omitido", "trigger_id", id, "error", err)
		}
		return
	}
	e, err := s.store.ClaimExecution(s.runCtx, Execution{
		TriggerID: id, TriggerName: name, ScheduledFor: slot, StartedAt: s.clock.Now(),
		State: StateRunning, Origin: OriginScheduled, Instance: s.instance,
	})
	if errors.Is(err, ErrSlotTaken) {
		s.end(id)
		s.log.Debug("turno ya registrado", "trigger_id", id, "programada_para", slot)
		return
	}
	if err != nil {
		s.end(id)
		s.log.Error("no se pudo registrar la ejecución programada", "trigger_id", id, "error", err)
		return
	}
	s.process(e)
}

// begin counts a run of trigger id, refusing when shutting down, and when
// exclusive and the trigger is already running.
func (s *Service) begin(id int64, exclusive bool) error {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	if s.closing {
		return ErrShuttingDown
	}
	if exclusive && s.running[id] > 0 {
		return ErrRunInProgress
	}
	s.running[id]++
	s.runs.Add(1)
	return nil
}

// end undoes begin for a run that never reached process.
func (s *Service) end(id int64) {
	s.release(id)
	s.runs.Done()
}

// release lets trigger id run again.
func (s *Service) release(id int64) {
	s.runMu.Lock()
	if s.running[id]--; s.running[id] <= 0 {
		delete(s.running, id)
	}
	s.runMu.Unlock()
}

// IsRunning reports whether trigger id has a run in progress in this process.
func (s *Service) IsRunning(id int64) bool {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	return s.running[id] > 0
}

// process takes a claimed row (of a run counted by begin) to its final state;
// whatever happens, the row is finalised. The trigger is released before the
// run-finished event, so whoever reacts to it can run the trigger again.
func (s *Service) process(e Execution) {
	var t Trigger
	var delivery Delivery
	defer s.runs.Done()
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("fallo interno en la ejecución", "trigger_id", e.TriggerID, "panic", r)
			e.State, e.Problem = StateFailed, &Message{Code: CodeRunInternal, Args: nil}
		}
		e.FinishedAt = s.clock.Now()
		ctx, cancel := context.WithTimeout(context.Background(), finalizeTimeout)
		defer cancel()
		if err := s.store.FinishExecution(ctx, e); err != nil {
			s.log.Error("no se pudo registrar el resultado de la ejecución", "ejecucion_id", e.ID, "error", err)
			if IsStorageError(err) {
				go s.finishLater(e)
			}
		}
		s.release(e.TriggerID)
		s.publish(Event{Kind: EventRunFinished, Execution: s.executionInZone(e), Trigger: s.inZone(t), Delivery: delivery})
	}()
	s.publish(Event{Kind: EventRunStarted, Execution: s.executionInZone(e)})
	t, delivery = s.deliver(&e)
}

// deliver does the work of a run and records its outcome in e.
func (s *Service) deliver(e *Execution) (Trigger, Delivery) {
	ctx, cancel := context.WithTimeout(s.runCtx, s.timeout)
	defer cancel()
	t, err := s.store.Trigger(ctx, e.TriggerID)
	switch {
	case errors.Is(err, ErrNotFound):
		e.State, e.Problem = StateSkipped, &Message{Code: CodeRunTriggerGone, Args: nil}
		return Trigger{ID: e.TriggerID, Name: e.TriggerName}, Delivery{}
	case err != nil:
		s.fail(e, Msg(CodeRunTriggerUnread, Args{"Detail": err.Error()}))
		return Trigger{ID: e.TriggerID, Name: e.TriggerName}, Delivery{}
	}
	e.TriggerName = t.Name
	delivery := Delivery{Priorities: t.Priorities}
	asked := e.Origin == OriginManual || e.Origin == OriginTest
	if !t.Active && !asked {
		e.State, e.Problem = StateSkipped, &Message{Code: CodeRunTriggerInactive, Args: nil}
		return t, delivery
	}

	digest, err := s.buildDigest(ctx, *e, t)
	if err != nil {
		s.fail(e, ProblemOf(err))
		return t, delivery
	}
	e.Companies, e.Alerts, e.Recipients = len(digest.Companies), digest.TotalAlerts(), digest.Recipients
	if e.Alerts == 0 && !t.SendWhenEmpty && e.Origin != OriginTest {
		e.State = StateSucceeded
		return t, delivery
	}
	if len(digest.Recipients) == 0 {
		// Saving refuses such a trigger; it happens when the defaults it
		// relied on were removed from the environment afterwards.
		e.State, e.Problem = StateFailed, &Message{Code: CodeRunNoRecipients, Args: nil}
		return t, delivery
	}

	sendCtx, route := withRouteNote(ctx)
	attempts, err := s.mailer.SendDigest(sendCtx, digest)
	e.Attempts = attempts
	if err != nil {
		problem := ProblemOf(err)
		if ctx.Err() == context.DeadlineExceeded && s.runCtx.Err() == nil {
			problem = Msg(CodeRunTimedOut, Args{"Timeout": s.timeout.String(), "Cause": problem})
		}
		s.fail(e, problem)
		return t, delivery
	}
	e.State, e.Notified, e.MailRoute, delivery.Sent = StateSucceeded, e.Alerts, route(), true
	return t, delivery
}

// fail records problem as the reason run e failed, or was interrupted when
// Vigía's stop cut it.
func (s *Service) fail(e *Execution, problem Message) {
	if s.runCtx.Err() != nil {
		e.State, e.Problem = StateInterrupted, &Message{Code: CodeRunInterrupted, Args: Args{"Cause": problem}}
		return
	}
	e.State, e.Problem = StateFailed, &problem
}

func (s *Service) recipientsOf(t Trigger) []string {
	if len(t.Recipients) > 0 {
		return slices.Clone(t.Recipients)
	}
	return s.DefaultRecipients()
}

// What is wrong with a history query.
const (
	CodeTriggerIDInvalid Code = "historial.trigger_id"
	CodeRunStateUnknown  Code = "historial.estado.desconocido"
)

// Executions returns a page of history, newest first; see Page for its limit and offset.
func (s *Service) Executions(ctx context.Context, f ExecutionFilter) (ExecutionPage, error) {
	errs := fieldErrors{}
	f.Limit = Page{Limit: f.Limit, Offset: f.Offset}.check(DefaultHistoryLimit, MaxHistoryLimit, errs).Limit
	if f.TriggerID < 0 {
		errs.add("trigger_id", CodeTriggerIDInvalid, nil)
	}
	if f.State != "" && !slices.Contains(RunStates, f.State) {
		errs.add("estado", CodeRunStateUnknown, Args{"Value": f.State})
	}
	if err := errs.err(); err != nil {
		return ExecutionPage{}, err
	}
	page, err := s.store.Executions(ctx, f)
	if err != nil {
		return ExecutionPage{}, fmt.Errorf("list executions: %w", err)
	}
	for i := range page.Executions {
		page.Executions[i] = s.executionInZone(page.Executions[i])
	}
	return page, nil
}

// Execution returns one history row.
func (s *Service) Execution(ctx context.Context, id int64) (Execution, error) {
	e, err := s.store.Execution(ctx, id)
	if err != nil {
		return Execution{}, fmt.Errorf("load execution %d: %w", id, err)
	}
	return s.executionInZone(e), nil
}

func (s *Service) executionInZone(e Execution) Execution {
	e.ScheduledFor = e.ScheduledFor.In(s.location())
	e.StartedAt = e.StartedAt.In(s.location())
	if !e.FinishedAt.IsZero() {
		e.FinishedAt = e.FinishedAt.In(s.location())
	}
	return e
}

// finishLater writes run e's final state once the database takes writes
// again (room on the disk, write permission back), trying every
// FinishRetryEvery until Vigía stops. Meanwhile the row stays en_curso: its
// slot stays claimed, so the run is never sent again; a restart before the
// write succeeds marks it interrumpida, also never sent again.
func (s *Service) finishLater(e Execution) {
	for {
		select {
		case <-s.runCtx.Done():
			return
		case <-s.after(FinishRetryEvery):
		}
		ctx, cancel := context.WithTimeout(s.runCtx, finalizeTimeout)
		err := s.store.FinishExecution(ctx, e)
		cancel()
		if err == nil {
			s.log.Info("resultado de la ejecución registrado al volver a poder escribir", "ejecucion_id", e.ID)
			return
		}
		if !IsStorageError(err) {
			s.log.Error("no se pudo registrar el resultado de la ejecución", "ejecucion_id", e.ID, "error", err)
			return
		}
	}
}

// after is the clock's timer when it has one (clockwork's clocks, real and
// fake, do), else the system's.
func (s *Service) after(d time.Duration) <-chan time.Time {
	if c, ok := s.clock.(interface {
		After(time.Duration) <-chan time.Time
	}); ok {
		return c.After(d)
	}
	return time.After(d)
}
