package app

import (
	"context"
	"fmt"
)

// Settings are the user's preferences (Configuración screen). SMTP fields are
// text as typed, validated on save by the same rules as the SMTP_* variables.
// A *ValidationError on save is keyed by the variable a field stands for
// (SMTP_HOST, ..., EMAIL_DESTINATARIOS, VIGIA_TZ; FieldLanguage for Language).
type Settings struct {
	SMTPHost, SMTPPort, SMTPTLS, SMTPUser, SMTPFrom string // SMTPTLS: "", "starttls", "ssl", "none"
	SMTPPassword                                    string // write-only: always "" when read; on save "" keeps the stored one
	PasswordStored                                  bool   // read: a password is stored (or set by SMTP_PASSWORD)
	ClearPassword                                   bool   // save: remove the stored password
	DefaultRecipients                               []string
	Zone                                            string // IANA name
	Language                                        string // "es" (the default), "en", or LanguageAuto (English on an English system, otherwise Spanish)
	CloseToTray                                     bool
	NotifySuccess                                   bool // desktop notification when a run succeeds (failures always notify)
	// Read-only, filled when read:
	// FromEnv maps each variable set in the environment or .env (SMTP_HOST,
	// SMTP_PORT, SMTP_TLS, SMTP_USER, SMTP_PASSWORD, SMTP_FROM,
	// EMAIL_DESTINATARIOS, VIGIA_TZ) to its value ("" for SMTP_PASSWORD): the
	// screen shows those fields read-only, and saving leaves them alone.
	FromEnv map[string]string
	// MailMode says how digests leave with the settings in effect
	// (CodeMailServer, CodeMailNoServer), for the edge to word.
	MailMode Message
}

// FieldLanguage keys a ValidationError about Settings.Language, which no
// environment variable sets.
const FieldLanguage = "idioma"

// LanguageAuto as Settings.Language follows the system: English on an
// English system, Spanish on any other (and on a C or unset locale).
const LanguageAuto = "auto"

// SettingKey names one stored preference in the SettingsStore. Preferences
// that an environment variable can also set are stored as that variable's
// text (a port as digits, recipients comma-separated), so the stored value is
// one more source of the same variable.
type SettingKey string

// The stored preferences. Every change bumps the schedule's version, so other
// processes on the database pick it up.
const (
	SettingSMTPHost          SettingKey = "smtp.servidor"
	SettingSMTPPort          SettingKey = "smtp.puerto"
	SettingSMTPTLS           SettingKey = "smtp.tls"
	SettingSMTPUser          SettingKey = "smtp.usuario"
	SettingSMTPPassword      SettingKey = "smtp.contrasena"
	SettingSMTPFrom          SettingKey = "smtp.remitente"
	SettingDefaultRecipients SettingKey = "correo.destinatarios"
	SettingZone              SettingKey = "zona_horaria"
	SettingLanguage          SettingKey = "interfaz.idioma"
	SettingCloseToTray       SettingKey = "interfaz.cerrar_a_bandeja" // "true", "false"; "": the platform's default
	SettingNotifySuccess     SettingKey = "interfaz.notificar_exito"  // "true", "false"
)

// settingSpec is one preference: its key, the variable that overrides it
// ("" when none) and its value when nothing is stored.
type settingSpec struct {
	key      SettingKey
	envVar   string
	fallback string
}

// settingSpecs is every preference, in the order SettingKeys lists them.
var settingSpecs = []settingSpec{
	{SettingSMTPHost, "SMTP_HOST", ""},
	{SettingSMTPPort, "SMTP_PORT", ""},
	{SettingSMTPTLS, "SMTP_TLS", ""},
	{SettingSMTPUser, "SMTP_USER", ""},
	{SettingSMTPPassword, "SMTP_PASSWORD", ""},
	{SettingSMTPFrom, "SMTP_FROM", ""},
	{SettingDefaultRecipients, "EMAIL_DESTINATARIOS", ""},
	{SettingZone, "VIGIA_TZ", DefaultZone},
	{SettingLanguage, "", "es"},
	{SettingCloseToTray, "", ""},
	{SettingNotifySuccess, "", "true"},
}

// DefaultZone is the zone when neither VIGIA_TZ nor a stored zone says one.
const DefaultZone = "America/Bogota"

// SettingKeys lists every preference, always in the same order.
func SettingKeys() []SettingKey {
	keys := make([]SettingKey, len(settingSpecs))
	for i, sp := range settingSpecs {
		keys[i] = sp.key
	}
	return keys
}

func (k SettingKey) spec() (settingSpec, bool) {
	for _, sp := range settingSpecs {
		if sp.key == k {
			return sp, true
		}
	}
	return settingSpec{}, false
}

// EnvVar is the environment variable that overrides k, "" when none does.
func (k SettingKey) EnvVar() string {
	sp, _ := k.spec()
	return sp.envVar
}

// Default is k's value when nothing is stored.
func (k SettingKey) Default() string {
	sp, _ := k.spec()
	return sp.fallback
}

// SettingForEnv is the preference stored for the variable name, if any.
func SettingForEnv(name string) (SettingKey, bool) {
	for _, sp := range settingSpecs {
		if sp.envVar != "" && sp.envVar == name {
			return sp.key, true
		}
	}
	return "", false
}

// Preferences reads and writes the stored preferences of a SettingsStore:
// the one place that knows their keys and defaults.
type Preferences struct {
	Store SettingsStore
}

// Get returns the stored value of k, or its Default when none is stored.
func (p Preferences) Get(ctx context.Context, k SettingKey) (string, error) {
	if _, ok := k.spec(); !ok {
		return "", fmt.Errorf("read preference: unknown key %q", k)
	}
	v, err := p.Store.Setting(ctx, string(k))
	if err != nil {
		return "", fmt.Errorf("read preference %s: %w", k, err)
	}
	if v == "" {
		v = k.Default()
	}
	return v, nil
}

// All returns every preference (Get of each key).
func (p Preferences) All(ctx context.Context) (map[SettingKey]string, error) {
	out := make(map[SettingKey]string, len(settingSpecs))
	for _, sp := range settingSpecs {
		v, err := p.Get(ctx, sp.key)
		if err != nil {
			return nil, err
		}
		out[sp.key] = v
	}
	return out, nil
}

// Set stores the given preferences ("" removes a value: its Default applies
// again) in one write: all of them, or none when it fails. Keys not in values
// are left alone.
func (p Preferences) Set(ctx context.Context, values map[SettingKey]string) error {
	raw := make(map[string]string, len(values))
	for k, v := range values {
		if _, ok := k.spec(); !ok {
			return fmt.Errorf("save preferences: unknown key %q", k)
		}
		raw[string(k)] = v
	}
	if err := p.Store.SetSettings(ctx, raw); err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	return nil
}
