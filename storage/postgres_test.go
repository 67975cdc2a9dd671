package storage

import (
	"errors"
	neturl "net/url"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage/storagetest"
)

// openPostgres opens a store on a fresh PostgreSQL database, closed when the
// test ends, and returns it with the database's URL.
func openPostgres(t *testing.T, opts ...Option) (*Store, string) {
	t.Helper()
	url := storagetest.Postgres(t)
	return storagetest.OpenAt(t, url, OpenPostgres, opts...), url
}

func TestOpenPostgresMigratesAFreshDatabaseAndServesTheRepositories(t *testing.T) {
	// given a fresh, empty PostgreSQL database, named with a password (a
	// server that trusts local connections, as CI's, ignores it)
	raw := storagetest.Postgres(t)
	u, err := neturl.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	password, ok := u.User.Password()
	if !ok {
		password = "clave-de-prueba"
		u.User = neturl.UserPassword(u.User.Username(), password)
	}
	url := u.String()
	s := storagetest.OpenAt(t, url, OpenPostgres)
	ctx := t.Context()

	// then the store says what it runs on, and names the database without its password
	if s.Dialect() != DialectPostgres {
		t.Errorf("Dialect() = %q", s.Dialect())
	}
	if strings.Contains(s.Path(), ":"+password+"@") || !strings.Contains(s.Path(), "xxxxx") {
		t.Errorf("Path() = %q, want the URL with its password redacted (from %s)", s.Path(), RedactURL(url))
	}

	// when triggers, companies, alerts, runs and settings are written and read back
	tr, err := s.CreateTrigger(ctx, app.Trigger{Name: "diario", Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: 8},
		Recipients: []string{"a@b.co"}, Priorities: []app.Priority{app.PriorityCritical}, Active: true, CatchUp: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Trigger(ctx, tr.ID); err != nil || got.Name != "diario" || !got.Active || !got.CatchUp {
		t.Fatalf("trigger read back %+v, %v", got, err)
	}
	c, err := s.CreateCompany(ctx, app.Company{Name: "Panadería", Active: true, Responsibilities: []string{"iva"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCompany(ctx, app.Company{Name: "PANADERÍA"}); !errors.Is(err, app.ErrConflict) {
		t.Errorf("same name again: %v, want ErrConflict", err)
	}
	a, err := s.CreateAlert(ctx, app.Alert{CompanyID: c.ID, Title: "IVA", Priority: app.PriorityHigh, Open: true,
		DueOn: time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC)})
	if err != nil || a.ID == 0 {
		t.Fatalf("create alert: %+v, %v", a, err)
	}
	if got, err := s.Alert(ctx, a.ID); err != nil || got.Title != "IVA" || !got.Open || !got.DueOn.Equal(a.DueOn) {
		t.Fatalf("alert read back %+v, %v", got, err)
	}
	slot := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	run := app.Execution{TriggerID: tr.ID, ScheduledFor: slot, StartedAt: slot, Origin: app.OriginScheduled}
	if e, err := s.ClaimExecution(ctx, run); err != nil || e.ID == 0 {
		t.Fatalf("claim: %+v, %v", e, err)
	}
	if _, err := s.ClaimExecution(ctx, run); !errors.Is(err, app.ErrSlotTaken) {
		t.Errorf("second claim of the slot: %v, want ErrSlotTaken", err)
	}
	before, err := s.ScheduleVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "zona_horaria", "America/Bogota"); err != nil {
		t.Fatal(err)
	}
	after, err := s.ScheduleVersion(ctx)
	if v, err2 := s.Setting(ctx, "zona_horaria"); err != nil || err2 != nil || v != "America/Bogota" || after <= before {
		t.Errorf("setting %q, version %d -> %d (%v, %v)", v, before, after, err, err2)
	}
	page, err := s.Executions(ctx, app.ExecutionFilter{TriggerID: tr.ID})
	if err != nil || page.Total != 1 || len(page.Executions) != 1 {
		t.Errorf("history: %+v, %v", page, err)
	}

	// and a second store opened on the same database finds everything, its schema as migrated
	other := storagetest.OpenAt(t, url, OpenPostgres)
	if got, err := other.Companies(ctx); err != nil || len(got) != 1 || got[0].Name != "Panadería" {
		t.Errorf("companies from another store: %+v, %v", got, err)
	}
	var version int
	if err := other.read.QueryRowContext(ctx, `SELECT n FROM user_version`).Scan(&version); err != nil || version != len(pgMigrations) {
		t.Errorf("schema version %d (%v), want %d", version, err, len(pgMigrations))
	}
}
