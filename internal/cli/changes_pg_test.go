package cli

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/scheduler"
	"vigia/storage"
	"vigia/storage/storagetest"
)

// noticeWait bounds every wait for a change to travel; it only guards
// against a hang.
const noticeWait = 10 * time.Second

// countingMailer counts the digests it is asked to send.
type countingMailer struct{ sent atomic.Int32 }

func (m *countingMailer) SendDigest(context.Context, app.Digest) (int, error) {
	m.sent.Add(1)
	return 1, nil
}

// office is one PC of an office sharing a PostgreSQL database: its own
// store, Service and Scheduler on its own fake clock. A PC built with a
// Coordinator (leads) takes the lease and listens to the database's
// notices as Serve does; the others only write.
type office struct {
	t      *testing.T
	store  *storage.Store
	svc    *app.Service
	sched  *scheduler.Scheduler
	coord  *scheduler.Coordinator
	clock  *clockwork.FakeClock
	mail   *countingMailer
	events chan app.Event
	ran    chan int64 // RunScheduled returned, with the trigger's ID
}

// officeStart is Monday 2026-03-02, ten seconds before 08:00 in Bogotá.
func officeStart(t *testing.T) time.Time {
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 3, 2, 7, 59, 50, 0, loc)
}

// newOfficePC opens url as a PC; with leads it also coordinates and watches
// changes (its poll never ticks unless the test advances its clock).
func newOfficePC(t *testing.T, url string, leads bool) *office {
	t.Helper()
	ctx := context.Background()
	store, err := storage.OpenPostgres(ctx, url)
	if err != nil {
		t.Fatalf("open %s: %v", storage.RedactURL(url), err)
	}
	start := officeStart(t)
	p := &office{t: t, store: store, clock: clockwork.NewFakeClockAt(start), mail: &countingMailer{},
		events: make(chan app.Event, 256), ran: make(chan int64, 16)}
	log := slog.New(slog.DiscardHandler)
	opts := []scheduler.Option{scheduler.WithClock(p.clock), scheduler.WithLocation(start.Location()), scheduler.WithLogger(log)}
	if leads {
		p.coord, err = scheduler.NewCoordinator(scheduler.CoordinatorConfig{
			Store: store, Clock: p.clock, Logger: log,
			OnLeader: func(ctx context.Context) error { return p.svc.Start(ctx) },
			OnChange: func(ctx context.Context) error { _, err := p.svc.Reload(ctx); return err },
		})
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, scheduler.WithCoordinator(p.coord))
	}
	p.sched, err = scheduler.New(func(id int64, name string, slot time.Time) {
		p.svc.RunScheduled(id, name, slot)
		p.ran <- id
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	p.svc = app.NewService(app.Config{Store: store, Mailer: p.mail, Scheduler: p.sched, Clock: p.clock,
		Location: start.Location(), Logger: log, DefaultRecipients: []string{"oficina@example.com"}})
	p.svc.Subscribe(func(e app.Event) { p.events <- e })
	p.sched.Start()
	wctx, stopWatching := context.WithCancel(ctx)
	t.Cleanup(func() {
		stopWatching()
		_ = p.sched.Shutdown()
		sctx, cancel := context.WithTimeout(context.Background(), noticeWait)
		defer cancel()
		p.svc.Shutdown(sctx)
		if p.coord != nil {
			_ = p.coord.Stop(sctx)
		}
		if err := store.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if leads {
		if err := p.coord.Start(ctx); err != nil {
			t.Fatalf("start coordinator: %v", err)
		}
		// The relay's quiet times on a clock of their own: the poll's never moves.
		relayClock := clockwork.NewFakeClock()
		if !watchChanges(wctx, store, p.coord, p.svc, relayClock, log) {
			t.Fatal("PostgreSQL tells of no change")
		}
		// Once it listens, the listener tells every area (notices sent
		// before were missed): the settings' event says it listens. Its
		// quiet time then ends, so the next notice goes through at once.
		p.waitEvent(app.EventSettingsChanged, time.Now())
		relayClock.Advance(changeQuiet)
	}
	return p
}

// waitEvent waits for an event of kind and says how long it took from since.
func (p *office) waitEvent(kind app.EventKind, since time.Time) time.Duration {
	p.t.Helper()
	timeout := time.After(noticeWait)
	for {
		select {
		case e := <-p.events:
			if e.Kind == kind {
				return time.Since(since)
			}
		case <-timeout:
			p.t.Fatalf("no event %d within %s", kind, noticeWait)
			return 0
		}
	}
}

// drain forgets the events published so far.
func (p *office) drain() {
	for {
		select {
		case <-p.events:
		default:
			return
		}
	}
}

func dailyAt8(name string) app.TriggerDraft {
	freq, at, prio := string(app.FrequencyDaily), "08:00", []string{"critica"}
	return app.TriggerDraft{Name: &name, Frequency: &freq, Time: &at, Priorities: &prio}
}

func TestATriggerCreatedOnOnePCIsArmedOnAnotherByTheNoticeNotThePoll(t *testing.T) {
	// given two PCs on one database, the second leading and watching
	url := storagetest.Postgres(t)
	pc1 := newOfficePC(t, url, false)
	pc2 := newOfficePC(t, url, true)
	pc2.drain()

	// when the first creates a trigger
	began := time.Now()
	tr, err := pc1.svc.CreateTrigger(context.Background(), dailyAt8("Vencimientos"))
	if err != nil {
		t.Fatalf("create trigger: %v", err)
	}

	// then the second reloads and arms it, its poll's clock standing still
	took := pc2.waitEvent(app.EventTriggersChanged, began)
	jobs := pc2.svc.SchedulerStatus().Jobs
	if len(jobs) != 1 || jobs[0].TriggerID != tr.ID {
		t.Fatalf("PC-2's jobs %+v, want trigger %d armed", jobs, tr.ID)
	}
	if now := pc2.clock.Now(); !now.Equal(officeStart(t)) {
		t.Fatalf("PC-2's clock moved to %s: the poll could have done it", now)
	}
	if took > time.Second {
		t.Errorf("the trigger took %s to reach PC-2, want within a second", took)
	}
	t.Logf("PC-1 CreateTrigger → PC-2 armed and told its views: %s", took)
}

func TestAnAlertCreatedOnOnePCTellsTheAlertViewsOfAnother(t *testing.T) {
	// given two PCs on one database, a company already there
	url := storagetest.Postgres(t)
	pc1 := newOfficePC(t, url, false)
	name := "Ferretería El Tornillo"
	c, err := pc1.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: &name})
	if err != nil {
		t.Fatal(err)
	}
	pc2 := newOfficePC(t, url, true)
	pc2.drain()

	// when the first creates an alert
	began := time.Now()
	title, prio, due := "Declaración de renta", "critica", "2026-04-10"
	if _, err := pc1.svc.CreateAlert(context.Background(), app.AlertDraft{CompanyID: &c.ID, Title: &title, Priority: &prio, DueOn: &due}); err != nil {
		t.Fatalf("create alert: %v", err)
	}

	// then the second tells its alert views, and they read it
	took := pc2.waitEvent(app.EventCalendarChanged, began)
	counts, err := pc2.svc.OpenAlertCounts(context.Background())
	if err != nil || counts[c.ID][app.PriorityCritical] != 1 {
		t.Fatalf("PC-2's counts %v (%v), want one critical alert of %s", counts, err, name)
	}
	t.Logf("PC-1 CreateAlert → PC-2 EventCalendarChanged: %s", took)
}

func TestAPauseSetOnOnePCStopsTheLeaderOnAnother(t *testing.T) {
	// given two PCs on one database, the second leading with a trigger due at 08:00
	url := storagetest.Postgres(t)
	pc1 := newOfficePC(t, url, false)
	tr, err := pc1.svc.CreateTrigger(context.Background(), dailyAt8("Vencimientos"))
	if err != nil {
		t.Fatal(err)
	}
	pc2 := newOfficePC(t, url, true)
	if !pc2.coord.Leading() || pc2.svc.Paused() {
		t.Fatalf("PC-2 leads %v, paused %v; want leading and running", pc2.coord.Leading(), pc2.svc.Paused())
	}
	pc2.drain()

	// when the first PC pauses the scheduler
	began := time.Now()
	if err := pc1.svc.Pause(context.Background()); err != nil {
		t.Fatal(err)
	}

	// then the leader knows at once, its clock standing still
	took := pc2.waitEvent(app.EventSchedulerChanged, began)
	if !pc2.svc.Paused() {
		t.Fatal("PC-2 was told but is not paused")
	}
	t.Logf("PC-1 Pause → PC-2 paused: %s", took)

	// and when 08:00 comes, the leader records the slot omitida and sends nothing
	pc2.clock.Advance(10 * time.Second)
	select {
	case id := <-pc2.ran:
		if id != tr.ID {
			t.Fatalf("ran trigger %d, want %d", id, tr.ID)
		}
	case <-time.After(noticeWait):
		t.Fatal("the 08:00 slot did not come on PC-2")
	}
	page, err := pc1.svc.Executions(context.Background(), app.ExecutionFilter{TriggerID: tr.ID, Limit: 10})
	if err != nil || page.Total != 1 || page.Executions[0].State != app.StateSkipped {
		t.Fatalf("history %+v (%v), want the one slot omitida", page, err)
	}
	if n := pc2.mail.sent.Load(); n != 0 {
		t.Fatalf("PC-2 sent %d digests while paused", n)
	}
}
