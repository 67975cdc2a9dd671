package settings

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"vigia/app"
	"vigia/internal/config"
	"vigia/internal/console"
	"vigia/messages"
	"vigia/notify"
)

// Manager owns the configuration in effect for what the
// Configuración screen changes: the mail server, the zone, the default
// recipients and the desktop preferences. A variable is looked up in the real
// environment, then .env, then the stored settings, then the default: the
// stored settings are one more source of the same variables, read by the same
// code as the environment (config.LoadLive). Saving applies at once, and
// Refresh applies what another process saved.
type Manager struct {
	prefs       app.Preferences
	env         func(string) string // the environment, then .env
	outboxDir   string
	closeToTray func() bool
	newMailer   func(config.Live) Mailer
	testOpts    []notify.Option
	log         *slog.Logger
	mail        *MailSwitch

	// mu serialises saving and applying; it guards live and svc.
	mu   sync.Mutex
	live config.Live  // in effect
	svc  *app.Service // nil until bind
}

// Options build a Manager.
type Options struct {
	Store   app.SettingsStore
	Env     func(string) string // the environment, then .env (config.Config.Env)
	DataDir string              // the outbox is DataDir/outbox
	// CloseToTray is CloseToTray while the user never chose (the GUI knows
	// whether the platform has a tray).
	CloseToTray func() bool
	// NewMailer builds the mailer of a configuration (NewMailer).
	NewMailer func(config.Live) Mailer
	// TestMailOptions tune the SMTP session of TestMail (timeouts, TLS trust in tests).
	TestMailOptions []notify.Option
	Logger          *slog.Logger
}

// New reads the stored settings and works out the
// configuration in effect (see usable).
func New(ctx context.Context, o Options) (*Manager, error) {
	m := &Manager{
		prefs:       app.Preferences{Store: o.Store},
		env:         o.Env,
		outboxDir:   filepath.Join(o.DataDir, "outbox"),
		closeToTray: o.CloseToTray,
		newMailer:   o.NewMailer,
		testOpts:    o.TestMailOptions,
		log:         o.Logger,
	}
	if m.closeToTray == nil {
		m.closeToTray = func() bool { return false }
	}
	if m.log == nil {
		m.log = slog.Default()
	}
	stored, err := m.prefs.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("no se pudo leer la configuración guardada: %w", err)
	}
	if m.live, err = m.usable(stored); err != nil {
		return nil, err
	}
	m.mail = NewMailSwitch(m.newMailer(m.live))
	return m, nil
}

// Live is the configuration in effect.
func (m *Manager) Live() config.Live {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.live
}

// Mailer is the mailer for the Service: it always sends with the mail
// settings in effect.
func (m *Manager) Mailer() *MailSwitch { return m.mail }

// Bind gives the manager the Service whose zone and default recipients it
// changes; until then only the mailer follows the settings.
func (m *Manager) Bind(svc *app.Service) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.svc = svc
}

// Settings are the stored preferences with the environment's values over
// them (listed in FromEnv), and how digests leave now.
func (m *Manager) Settings(ctx context.Context) (app.Settings, error) {
	stored, err := m.prefs.All(ctx)
	if err != nil {
		return app.Settings{}, fmt.Errorf("no se pudo leer la configuración guardada: %w", err)
	}
	return m.read(stored), nil
}

// SaveSettings validates s whole, then stores it and puts it into effect:
// the mailer, the zone (next runs move) and the default recipients. Fields
// fixed by the environment are ignored. Invalid input is a *app.ValidationError
// keyed by variable name (app.FieldLanguage for the language) and changes
// nothing. It returns the settings as read back.
func (m *Manager) SaveSettings(ctx context.Context, s app.Settings) (app.Settings, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	stored, err := m.prefs.All(ctx)
	if err != nil {
		return app.Settings{}, fmt.Errorf("no se pudo leer la configuración guardada: %w", err)
	}
	values, live, err := m.validate(s, stored, map[string]app.Message{})
	if err != nil {
		return app.Settings{}, err
	}
	// Triggers without recipients of their own rely on the defaults.
	if m.svc != nil {
		if err := m.svc.CheckDefaultRecipients(ctx, live.DefaultRecipients); err != nil {
			return app.Settings{}, err
		}
	}
	if err := m.prefs.Set(ctx, values); err != nil {
		return app.Settings{}, fmt.Errorf("no se pudo guardar la configuración: %w", err)
	}
	if err := m.apply(ctx, live); err != nil {
		return app.Settings{}, err
	}
	if stored, err = m.prefs.All(ctx); err != nil {
		return app.Settings{}, fmt.Errorf("no se pudo leer la configuración guardada: %w", err)
	}
	return m.readLocked(stored), nil
}

// TestMail sends a short Spanish message to to with the mail settings of the
// form s, unsaved (an empty password means the stored one, or SMTP_PASSWORD),
// in one attempt. It returns the server's answer (app.CodeTestMailAccepted,
// or app.CodeTestMailSaved without a server) or the exact error; invalid
// input is a *app.ValidationError as in SaveSettings, with "destinatario"
// for to.
func (m *Manager) TestMail(ctx context.Context, s app.Settings, to string) (app.Message, error) {
	stored, err := m.prefs.All(ctx)
	if err != nil {
		return app.Message{}, fmt.Errorf("no se pudo leer la configuración guardada: %w", err)
	}
	to = strings.TrimSpace(to)
	problems := map[string]app.Message{}
	if to == "" {
		problems["destinatario"] = app.Msg(app.CodeTestAddressRequired, nil)
	} else if problem := app.AddressProblem(to); problem != nil {
		problems["destinatario"] = *problem
	}
	_, live, err := m.validate(s, stored, problems)
	if err != nil {
		return app.Message{}, err
	}
	if live.Outbox {
		return notify.NewOutbox(m.outboxDir, live.SMTP.From).SendTestMessage(ctx, to)
	}
	return notify.SendTestMessage(ctx, live.SMTP, to, m.testOpts...)
}

// Refresh re-reads the stored settings and applies them: another process on
// the database saved them. Stored settings that do not fit this process's
// environment are set aside (see usable); only a failing store or Service is
// an error (the caller tries again).
func (m *Manager) Refresh(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	stored, err := m.prefs.All(ctx)
	if err != nil {
		return fmt.Errorf("no se pudo leer la configuración guardada: %w", err)
	}
	live, err := m.usable(stored)
	if err != nil {
		return err
	}
	return m.apply(ctx, live)
}

// apply puts live into effect where it differs from what is. m.mu is held.
func (m *Manager) apply(ctx context.Context, live config.Live) error {
	old := m.live
	m.live = live
	if live.SMTP != old.SMTP || live.Outbox != old.Outbox {
		m.mail.Swap(m.newMailer(live))
		m.log.Info("Correo: " + messages.Text("es", mailMode(live, m.outboxDir)))
	}
	if m.svc == nil {
		return nil
	}
	if !slices.Equal(live.DefaultRecipients, old.DefaultRecipients) {
		m.svc.SetDefaultRecipients(live.DefaultRecipients)
		m.log.Info("Destinatarios por defecto: " + console.ListOrNone(live.DefaultRecipients))
	}
	if live.Location.String() != old.Location.String() {
		if err := m.svc.SetLocation(ctx, live.Location); err != nil {
			return fmt.Errorf("no se pudo aplicar la zona horaria %s: %w", live.Location, err)
		}
		m.log.Info("Zona horaria: " + live.Location.String())
	}
	return nil
}
