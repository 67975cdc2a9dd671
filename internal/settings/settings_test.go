package settings

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/internal/config"
	"vigia/messages"
	"vigia/notify/smtptest"
	"vigia/scheduler"
	"vigia/storage"
)

// envOf is a getenv over a map.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// settingsProcess is one Vigía over a database, as internal/cli wires it: the
// settings manager's mailer and configuration feed a Service over a real
// SQLite file and gocron on a fake clock.
type settingsProcess struct {
	store    *storage.Store
	svc      *app.Service
	clock    *clockwork.FakeClock
	settings *Manager
	dataDir  string
	finished chan app.Event
}

// settingsNow is the processes' clock: Monday Dec 8 2025, 07:00 in Bogotá.
var settingsNow = time.Date(2025, 12, 8, 12, 0, 0, 0, time.UTC)

// startSettingsProcess opens dbPath with env as the environment (and .env).
func startSettingsProcess(t *testing.T, dbPath string, env map[string]string) *settingsProcess {
	t.Helper()
	ctx := context.Background()
	p := &settingsProcess{clock: clockwork.NewFakeClockAt(settingsNow), dataDir: filepath.Dir(dbPath), finished: make(chan app.Event, 16)}
	var err error
	if p.store, err = storage.Open(ctx, dbPath); err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = p.store.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	startup, err := config.Load([]string{"--db", dbPath}, envOf(env), nil, io.Discard)
	if err != nil {
		t.Fatalf("config.Load: %v", err)
	}
	startup.SMTPRetryWaits = nil // one attempt: a failure shows at once
	p.settings, err = New(ctx, Options{
		Store:       p.store,
		Env:         startup.Env,
		DataDir:     startup.DataDir,
		CloseToTray: func() bool { return true },
		NewMailer: func(live config.Live) Mailer {
			c := startup
			c.Live = live
			return NewMailer(c, log)
		},
		Logger: log,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	live := p.settings.Live()
	sched, err := scheduler.New(func(id int64, name string, slot time.Time) { p.svc.RunScheduled(id, name, slot) },
		scheduler.WithClock(p.clock), scheduler.WithLocation(live.Location), scheduler.WithLogger(log))
	if err != nil {
		t.Fatalf("new scheduler: %v", err)
	}
	p.svc = app.NewService(app.Config{
		Store: p.store, Mailer: p.settings.Mailer(), Scheduler: sched, Clock: p.clock,
		Location: live.Location, DefaultRecipients: live.DefaultRecipients, Logger: log,
	})
	p.settings.Bind(p.svc)
	p.svc.Subscribe(func(e app.Event) {
		if e.Kind == app.EventRunFinished {
			p.finished <- e
		}
	})
	if _, err := p.svc.Reload(ctx); err != nil {
		t.Fatalf("reload: %v", err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		p.svc.Shutdown(sctx)
	})
	return p
}

func newSettingsProcess(t *testing.T, env map[string]string) *settingsProcess {
	t.Helper()
	return startSettingsProcess(t, filepath.Join(t.TempDir(), "vigia.db"), env)
}

// trigger creates a daily 08:00 trigger for CRITICA alerts (recipients may be
// nil) and one open CRITICA alert, so a run sends a digest.
func (p *settingsProcess) trigger(t *testing.T, recipients ...string) app.Trigger {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("Empresa %d", p.clock.Now().UnixNano())
	c, err := p.svc.CreateCompany(ctx, app.CompanyDraft{Name: &name})
	if err != nil {
		t.Fatal(err)
	}
	title, prio := "Declaración de IVA", "CRITICA"
	if _, err := p.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &c.ID, Title: &title, Priority: &prio}); err != nil {
		t.Fatal(err)
	}
	tname, freq, at := "Diario", "diaria", "08:00"
	prios := []string{"CRITICA"}
	tr, err := p.svc.CreateTrigger(ctx, app.TriggerDraft{Name: &tname, Frequency: &freq, Time: &at, Recipients: &recipients, Priorities: &prios})
	if err != nil {
		t.Fatalf("create trigger: %v", err)
	}
	return tr
}

// runNow runs tr at once and returns its finished row.
func (p *settingsProcess) runNow(t *testing.T, tr app.Trigger) app.Execution {
	t.Helper()
	if _, err := p.svc.RunNow(context.Background(), tr.ID); err != nil {
		t.Fatalf("RunNow: %v", err)
	}
	select {
	case e := <-p.finished:
		return e.Execution
	case <-time.After(10 * time.Second):
		t.Fatal("the run did not finish")
		return app.Execution{}
	}
}

func (p *settingsProcess) save(t *testing.T, s app.Settings) app.Settings {
	t.Helper()
	got, err := p.settings.SaveSettings(context.Background(), s)
	if err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	return got
}

func (p *settingsProcess) read(t *testing.T) app.Settings {
	t.Helper()
	s, err := p.settings.Settings(context.Background())
	if err != nil {
		t.Fatalf("Settings: %v", err)
	}
	return s
}

// smtpSettings points the form at srv, a local server without TLS.
func smtpSettings(s app.Settings, srv *smtptest.Server) app.Settings {
	s.SMTPHost, s.SMTPPort, s.SMTPTLS, s.SMTPFrom = srv.Host(), strconv.Itoa(srv.Port()), "none", "vigia@ejemplo.com"
	return s
}

func TestSettingsSavedSendTheNextRunThroughTheNewServer(t *testing.T) {
	// given a Vigía sending through server A
	first, second := smtptest.Start(t, smtptest.Options{}), smtptest.Start(t, smtptest.Options{})
	p := newSettingsProcess(t, nil)
	tr := p.trigger(t, "contadora@ejemplo.com")
	p.save(t, smtpSettings(p.read(t), first))
	if e := p.runNow(t, tr); e.State != app.StateSucceeded {
		t.Fatalf("first run %s: %s", e.State, e.Error)
	}

	// when the form changes the port to server B's and is saved
	saved := p.save(t, smtpSettings(p.read(t), second))

	// then the next run goes to B, without a restart
	if e := p.runNow(t, tr); e.State != app.StateSucceeded {
		t.Fatalf("second run %s: %s", e.State, e.Error)
	}
	if a, b := len(first.Messages()), len(second.Messages()); a != 1 || b != 1 {
		t.Errorf("server A got %d messages, B %d; want 1 and 1", a, b)
	}
	if want, got := second.Addr()+" (sin TLS)", messages.Text("es", saved.MailMode); !strings.HasPrefix(got, want) || p.settings.Mailer().Outbox() {
		t.Errorf("MailMode %q, want it to start with %q", got, want)
	}
}

func TestSettingsWithoutServerSendToTheOutboxAndSayWhere(t *testing.T) {
	// given a Vigía sending through a server
	srv := smtptest.Start(t, smtptest.Options{})
	p := newSettingsProcess(t, nil)
	tr := p.trigger(t, "contadora@ejemplo.com")
	p.save(t, smtpSettings(p.read(t), srv))

	// when the server is removed from the form
	s := p.read(t)
	s.SMTPHost, s.SMTPPort, s.SMTPTLS = "", "", ""
	saved := p.save(t, s)

	// then digests go to the outbox, and the screen says so
	outbox := filepath.Join(p.dataDir, "outbox")
	if want := app.Msg(app.CodeMailNoServer, app.Args{"Dir": outbox}); !reflect.DeepEqual(saved.MailMode, want) {
		t.Errorf("MailMode %v, want %v", saved.MailMode, want)
	}
	if e := p.runNow(t, tr); e.State != app.StateSucceeded {
		t.Fatalf("run %s: %s", e.State, e.Error)
	}
	files, err := os.ReadDir(outbox)
	if err != nil || len(files) != 1 || len(srv.Messages()) != 0 {
		t.Errorf("outbox %v (%v), server %d messages; want one file and no message", files, err, len(srv.Messages()))
	}
}

func TestSettingsZoneChangeMovesNextRunsAtOnce(t *testing.T) {
	// given a daily 08:00 trigger in Bogotá
	p := newSettingsProcess(t, nil)
	p.trigger(t, "contadora@ejemplo.com")

	// when the zone becomes Madrid
	s := p.read(t)
	s.Zone = "Europe/Madrid"
	saved := p.save(t, s)

	// then the next run is 08:00 Madrid tomorrow (it is 13:00 there)
	madrid, _ := time.LoadLocation("Europe/Madrid")
	want := time.Date(2025, 12, 9, 8, 0, 0, 0, madrid)
	jobs := p.svc.SchedulerStatus().Jobs
	if len(jobs) != 1 || !jobs[0].NextRun.Equal(want) {
		t.Errorf("jobs %+v, want next run %s", jobs, want)
	}
	if saved.Zone != "Europe/Madrid" || p.svc.Location().String() != "Europe/Madrid" {
		t.Errorf("zone read back %q, service %s", saved.Zone, p.svc.Location())
	}
}

func TestSettingsDefaultRecipientsReachATriggerWithoutRecipients(t *testing.T) {
	// given mail through a server
	srv := smtptest.Start(t, smtptest.Options{})
	p := newSettingsProcess(t, nil)

	// when default recipients are saved (one entry with two, as typed), and
	// then a trigger without recipients (refused while there are none)
	s := smtpSettings(p.read(t), srv)
	s.DefaultRecipients = []string{" socia@ejemplo.com, contadora@ejemplo.com", ""}
	saved := p.save(t, s)
	tr := p.trigger(t)

	// then its run sends to them
	if e := p.runNow(t, tr); e.State != app.StateSucceeded {
		t.Fatalf("run %s: %s", e.State, e.Error)
	}
	want := []string{"socia@ejemplo.com", "contadora@ejemplo.com"}
	if msgs := srv.Messages(); len(msgs) != 1 || !slices.Equal(msgs[0].To, want) {
		t.Errorf("messages %+v, want one to %v", msgs, want)
	}
	if !slices.Equal(saved.DefaultRecipients, want) {
		t.Errorf("recipients read back %v, want %v", saved.DefaultRecipients, want)
	}
}

// A trigger without recipients of its own sends to the defaults: clearing
// them in Configuración is refused, naming it, and changes nothing.
func TestClearingDefaultRecipientsATriggerReliesOnIsRefused(t *testing.T) {
	// given default recipients and a trigger that relies on them
	p := newSettingsProcess(t, nil)
	s := p.read(t)
	s.DefaultRecipients = []string{"socia@ejemplo.com"}
	p.save(t, s)
	p.trigger(t)

	// when the user clears the defaults
	s = p.read(t)
	s.DefaultRecipients = nil
	_, err := p.settings.SaveSettings(context.Background(), s)

	// then it is refused with the trigger's name, and the defaults stay
	var v *app.ValidationError
	if !errors.As(err, &v) || !strings.Contains(messages.Text("es", v.Problems["EMAIL_DESTINATARIOS"]), "«Diario»") {
		t.Fatalf("SaveSettings = %v, want a validation error naming «Diario»", err)
	}
	if got := p.read(t).DefaultRecipients; !slices.Equal(got, []string{"socia@ejemplo.com"}) {
		t.Errorf("defaults after the refusal %v, want them unchanged", got)
	}
}

func TestEnvironmentOverridesStoredSettingsAndSaveLeavesThemAlone(t *testing.T) {
	// given a stored zone and host, and VIGIA_TZ and SMTP_HOST in the environment
	dbPath := filepath.Join(t.TempDir(), "vigia.db")
	srv := smtptest.Start(t, smtptest.Options{})
	env := map[string]string{"VIGIA_TZ": "America/Lima", "SMTP_HOST": srv.Host(), "SMTP_PASSWORD": "de-entorno", "SMTP_USER": "u@ejemplo.com",
		"EMAIL_DESTINATARIOS": "jefa@ejemplo.com"}
	p := startSettingsProcess(t, dbPath, env)
	prefs := app.Preferences{Store: p.store}
	if err := prefs.Set(context.Background(), map[app.SettingKey]string{app.SettingZone: "Europe/Madrid", app.SettingSMTPHost: "smtp.guardado.com"}); err != nil {
		t.Fatal(err)
	}
	if err := p.settings.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}

	// when the form is saved with other values in those fields
	s := p.read(t)
	s.Zone, s.SMTPHost, s.SMTPPort, s.SMTPTLS = "Asia/Tokyo", "otro.servidor.com", strconv.Itoa(srv.Port()), "none"
	s.DefaultRecipients = []string{"no es correo"}
	saved := p.save(t, s)

	// then the environment's values are in effect and shown, and the stored ones stay
	if saved.Zone != "America/Lima" || saved.SMTPHost != srv.Host() || p.svc.Location().String() != "America/Lima" {
		t.Errorf("zone %q, host %q, service zone %s; want the environment's", saved.Zone, saved.SMTPHost, p.svc.Location())
	}
	wantEnv := map[string]string{"VIGIA_TZ": "America/Lima", "SMTP_HOST": srv.Host(), "SMTP_PASSWORD": "", "SMTP_USER": "u@ejemplo.com",
		"EMAIL_DESTINATARIOS": "jefa@ejemplo.com"}
	if !slices.Equal(saved.DefaultRecipients, []string{"jefa@ejemplo.com"}) || !slices.Equal(p.svc.DefaultRecipients(), []string{"jefa@ejemplo.com"}) {
		t.Errorf("recipients shown %v, in effect %v; want the environment's", saved.DefaultRecipients, p.svc.DefaultRecipients())
	}
	if !maps.Equal(saved.FromEnv, wantEnv) {
		t.Errorf("FromEnv %v, want %v", saved.FromEnv, wantEnv)
	}
	if !saved.PasswordStored || saved.SMTPPassword != "" {
		t.Errorf("password stored %v, returned %q; want true and empty", saved.PasswordStored, saved.SMTPPassword)
	}
	for k, want := range map[app.SettingKey]string{app.SettingZone: "Europe/Madrid", app.SettingSMTPHost: "smtp.guardado.com", app.SettingSMTPPort: strconv.Itoa(srv.Port())} {
		if got, _ := prefs.Get(context.Background(), k); got != want {
			t.Errorf("stored %s = %q, want %q", k, got, want)
		}
	}
	if want, got := srv.Addr()+" (sin TLS) como u@ejemplo.com", messages.Text("es", saved.MailMode); got != want {
		t.Errorf("MailMode %q, want %q", got, want)
	}
}

func TestInvalidSettingsAreRefusedInSpanishAndChangeNothing(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*app.Settings)
		field string
		says  string
	}{
		{"port out of range", func(s *app.Settings) { s.SMTPPort = "70000" }, "SMTP_PORT", "no es un número de puerto"},
		{"unknown zone", func(s *app.Settings) { s.Zone = "America/Medellin" }, "VIGIA_TZ", "zona horaria desconocida"},
		{"bad recipient", func(s *app.Settings) { s.DefaultRecipients = []string{"ok@ejemplo.com", "Ana <ana@x.co>"} }, "EMAIL_DESTINATARIOS", "Dirección de correo inválida"},
		{"bad sender", func(s *app.Settings) { s.SMTPFrom = "vigia" }, "SMTP_FROM", "no es una dirección de correo válida"},
		{"no TLS with a remote server", func(s *app.Settings) { s.SMTPHost = "smtp.gmail.com" }, "SMTP_TLS", "solo se permite con un servidor local"},
		{"password without user", func(s *app.Settings) { s.SMTPPassword = "clave" }, "SMTP_USER", "indique el usuario SMTP"},
		{"unknown language", func(s *app.Settings) { s.Language = "fr" }, app.FieldLanguage, "Idioma desconocido"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// given saved settings
			srv := smtptest.Start(t, smtptest.Options{})
			p := newSettingsProcess(t, nil)
			s := smtpSettings(p.read(t), srv)
			s.Zone, s.NotifySuccess = "America/Lima", false
			before := p.save(t, s)
			version, err := p.store.ScheduleVersion(context.Background())
			if err != nil {
				t.Fatal(err)
			}

			// when a form with one bad field and other changes is saved
			bad := before
			bad.NotifySuccess, bad.Zone = true, "Europe/Madrid"
			tc.edit(&bad)
			_, err = p.settings.SaveSettings(context.Background(), bad)

			// then a Spanish ValidationError names the field, and nothing changed
			var ve *app.ValidationError
			if !errors.As(err, &ve) || !strings.Contains(fieldText(ve, tc.field), tc.says) {
				t.Fatalf("SaveSettings error %v, want %s: …%s…", err, tc.field, tc.says)
			}
			if after := p.read(t); !sameSettings(after, before) {
				t.Errorf("settings changed:\n got  %+v\n want %+v", after, before)
			}
			if v, _ := p.store.ScheduleVersion(context.Background()); v != version {
				t.Errorf("schedule version %d -> %d: something was written", version, v)
			}
			if p.svc.Location().String() != "America/Lima" {
				t.Errorf("service zone %s", p.svc.Location())
			}
		})
	}
}

func sameSettings(a, b app.Settings) bool {
	a.FromEnv, b.FromEnv = nil, nil
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

func TestSettingsNeverReturnThePassword(t *testing.T) {
	// given a server that wants a login
	srv := smtptest.Start(t, smtptest.Options{User: "u@ejemplo.com", Password: "secreta"})
	p := newSettingsProcess(t, nil)
	tr := p.trigger(t, "contadora@ejemplo.com")

	// when the password is saved, then the form is saved again with it empty
	s := smtpSettings(p.read(t), srv)
	s.SMTPUser, s.SMTPPassword = "u@ejemplo.com", "secreta"
	first := p.save(t, s)
	first.SMTPFrom = "otro@ejemplo.com"
	second := p.save(t, first)

	// then it is never returned, yet kept and used
	for _, got := range []app.Settings{first, second, p.read(t)} {
		if got.SMTPPassword != "" || !got.PasswordStored || strings.Contains(fmt.Sprintf("%+v", got), "secreta") {
			t.Errorf("settings %+v show the password or lost it", got)
		}
	}
	if e := p.runNow(t, tr); e.State != app.StateSucceeded {
		t.Fatalf("run %s: %s", e.State, e.Error)
	}
	if logins := srv.Logins(); len(logins) != 1 || !logins[0].OK {
		t.Errorf("logins %+v", logins)
	}

	// and clearing it removes it
	second.ClearPassword = true
	second.SMTPUser = ""
	if cleared := p.save(t, second); cleared.PasswordStored {
		t.Error("password still stored after ClearPassword")
	}
}

func TestSettingsSurviveARestart(t *testing.T) {
	// given settings saved by one process
	dbPath := filepath.Join(t.TempDir(), "vigia.db")
	srv := smtptest.Start(t, smtptest.Options{})
	p := startSettingsProcess(t, dbPath, nil)
	s := smtpSettings(p.read(t), srv)
	s.Zone, s.Language, s.CloseToTray, s.NotifySuccess = "Europe/Madrid", "en", false, true
	s.DefaultRecipients = []string{"contadora@ejemplo.com"}
	saved := p.save(t, s)
	p.svc.Shutdown(context.Background())
	if err := p.store.Close(); err != nil {
		t.Fatal(err)
	}

	// when a new process opens the database, with nothing in the environment
	again := startSettingsProcess(t, dbPath, nil)

	// then it reads and uses the same settings
	if got := again.read(t); !sameSettings(got, saved) {
		t.Errorf("after restart:\n got  %+v\n want %+v", got, saved)
	}
	live := again.settings.Live()
	if live.Location.String() != "Europe/Madrid" || live.Outbox || live.SMTP.Port != srv.Port() ||
		!slices.Equal(again.svc.DefaultRecipients(), []string{"contadora@ejemplo.com"}) {
		t.Errorf("in effect after restart: %+v, recipients %v", live, again.svc.DefaultRecipients())
	}
	tr := again.trigger(t)
	if e := again.runNow(t, tr); e.State != app.StateSucceeded || len(srv.Messages()) != 1 {
		t.Errorf("run %s (%s), %d messages; want one sent through the saved server", e.State, e.Error, len(srv.Messages()))
	}
}

func TestRefreshAppliesSettingsSavedByAnotherProcess(t *testing.T) {
	// given two processes on one database
	dbPath := filepath.Join(t.TempDir(), "vigia.db")
	srv := smtptest.Start(t, smtptest.Options{})
	gui := startSettingsProcess(t, dbPath, nil)
	headless := startSettingsProcess(t, dbPath, nil)

	// when one saves a server, a zone and recipients, and the other refreshes
	// (and then saves a trigger without recipients: the defaults)
	s := smtpSettings(gui.read(t), srv)
	s.Zone, s.DefaultRecipients = "Europe/Madrid", []string{"socia@ejemplo.com"}
	gui.save(t, s)
	if err := headless.settings.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	tr := headless.trigger(t)

	// then the other uses them at once
	if headless.svc.Location().String() != "Europe/Madrid" {
		t.Errorf("zone %s", headless.svc.Location())
	}
	if e := headless.runNow(t, tr); e.State != app.StateSucceeded {
		t.Fatalf("run %s: %s", e.State, e.Error)
	}
	if msgs := srv.Messages(); len(msgs) != 1 || !slices.Equal(msgs[0].To, []string{"socia@ejemplo.com"}) {
		t.Errorf("messages %+v", msgs)
	}
}

func TestTestMailUsesTheFormUnsavedAndTheStoredPassword(t *testing.T) {
	// given a stored login for server A, and server B with the same account
	a := smtptest.Start(t, smtptest.Options{User: "u@ejemplo.com", Password: "secreta"})
	b := smtptest.Start(t, smtptest.Options{User: "u@ejemplo.com", Password: "secreta"})
	p := newSettingsProcess(t, nil)
	s := smtpSettings(p.read(t), a)
	s.SMTPUser, s.SMTPPassword = "u@ejemplo.com", "secreta"
	saved := p.save(t, s)

	// when a test message is sent with the form pointing at B, password left empty
	form := smtpSettings(saved, b)
	answer, err := p.settings.TestMail(context.Background(), form, "contadora@ejemplo.com")

	// then B answered, and nothing was saved
	if err != nil {
		t.Fatalf("TestMail: %v", err)
	}
	if want := "El servidor " + b.Addr() + " aceptó el mensaje: 250 "; !strings.HasPrefix(messages.Text("es", answer), want) {
		t.Errorf("answer %v, want %q…", answer, want)
	}
	if msgs := b.Messages(); len(msgs) != 1 || msgs[0].To[0] != "contadora@ejemplo.com" || len(a.Messages()) != 0 {
		t.Errorf("B got %+v, A %d", msgs, len(a.Messages()))
	}
	if got := p.read(t); got.SMTPPort != strconv.Itoa(a.Port()) {
		t.Errorf("stored port %q, want A's: TestMail saved the form", got.SMTPPort)
	}
}

func TestTestMailReturnsTheExactErrorOrAValidationError(t *testing.T) {
	// given a server that refuses the password
	srv := smtptest.Start(t, smtptest.Options{User: "u@ejemplo.com", Password: "secreta"})
	p := newSettingsProcess(t, nil)
	form := smtpSettings(p.read(t), srv)
	form.SMTPUser, form.SMTPPassword = "u@ejemplo.com", "equivocada"

	// when a test message is sent
	_, err := p.settings.TestMail(context.Background(), form, "contadora@ejemplo.com")

	// then the error is the server's 535, explained, without the password
	if err == nil || !strings.Contains(err.Error(), "535") || !strings.Contains(err.Error(), "el servidor rechazó el usuario o la contraseña") ||
		strings.Contains(err.Error(), "equivocada") {
		t.Errorf("error %v", err)
	}

	// and a bad recipient or port is a ValidationError, nothing sent
	form.SMTPPort = "x"
	_, err = p.settings.TestMail(context.Background(), form, "no es correo")
	var ve *app.ValidationError
	if !errors.As(err, &ve) || fieldText(ve, "destinatario") == "" || fieldText(ve, "SMTP_PORT") == "" {
		t.Errorf("error %v, want destinatario and SMTP_PORT", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages", n)
	}
}

func TestTestMailWithoutServerWritesToTheOutbox(t *testing.T) {
	// given no server
	p := newSettingsProcess(t, nil)

	// when a test message is sent
	answer, err := p.settings.TestMail(context.Background(), p.read(t), "contadora@ejemplo.com")

	// then it is a file in the outbox
	if err != nil {
		t.Fatalf("TestMail: %v", err)
	}
	path, ok := strings.CutPrefix(messages.Text("es", answer), "guardado en ")
	if !ok || filepath.Dir(path) != filepath.Join(p.dataDir, "outbox") {
		t.Fatalf("answer %v", answer)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}

func TestSettingsDefaultsOnANewDatabase(t *testing.T) {
	// given a new database and no environment
	p := newSettingsProcess(t, nil)

	// when the settings are read
	s := p.read(t)

	// then they are the defaults: outbox, Bogotá, Spanish, success notifications on, the platform's tray choice
	if s.Zone != "America/Bogota" || s.Language != "es" || !s.CloseToTray || !s.NotifySuccess || s.PasswordStored ||
		len(s.FromEnv) != 0 || len(s.DefaultRecipients) != 0 || s.MailMode.Code != app.CodeMailNoServer {
		t.Errorf("defaults %+v", s)
	}
}

func TestStoredSettingsThatDoNotFitTheEnvironmentAreSetAsideAtStart(t *testing.T) {
	// given a remote server stored by the GUI, and SMTP_TLS=none in the environment
	dbPath := filepath.Join(t.TempDir(), "vigia.db")
	first := startSettingsProcess(t, dbPath, nil)
	prefs := app.Preferences{Store: first.store}
	if err := prefs.Set(context.Background(), map[app.SettingKey]string{
		app.SettingSMTPHost: "smtp.gmail.com", app.SettingSMTPUser: "u@gmail.com", app.SettingZone: "Europe/Madrid",
	}); err != nil {
		t.Fatal(err)
	}

	// when Vigía starts on that database
	p := startSettingsProcess(t, dbPath, map[string]string{"SMTP_TLS": "none"})

	// then it sets the stored server aside instead of refusing to start, and keeps the zone
	live := p.settings.Live()
	if !live.Outbox || live.Location.String() != "Europe/Madrid" {
		t.Errorf("in effect: outbox %v, zone %s; want the outbox and Madrid", live.Outbox, live.Location)
	}

	// and a refresh does the same
	if err := p.settings.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if live := p.settings.Live(); !live.Outbox || live.Location.String() != "Europe/Madrid" {
		t.Errorf("after refresh: outbox %v, zone %s", live.Outbox, live.Location)
	}
}

// fieldText is the Spanish the API would show for field of ve.
func fieldText(ve *app.ValidationError, field string) string {
	return messages.Text("es", ve.Problems[field])
}

// A bad SMTP variable in the form is a code with its arguments, so the
// desktop words it in its language; the API's Spanish is unchanged.
func TestSaveSettingsRefusesABadPortWithItsCode(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	p := newSettingsProcess(t, nil)
	s := smtpSettings(p.read(t), srv)
	s.SMTPPort = "99999"

	_, err := p.settings.SaveSettings(context.Background(), s)

	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("SaveSettings error %v, want a ValidationError", err)
	}
	if want := app.Msg(app.CodeSMTPPortInvalid, app.Args{"Value": "99999"}); !reflect.DeepEqual(ve.Problems["SMTP_PORT"], want) {
		t.Errorf("SMTP_PORT problem %v, want %v", ve.Problems["SMTP_PORT"], want)
	}
	if got := messages.Text("en", ve.Problems["SMTP_PORT"]); got != `Invalid SMTP_PORT: "99999" is not a port number (1-65535)` {
		t.Errorf("in English: %q", got)
	}
}
