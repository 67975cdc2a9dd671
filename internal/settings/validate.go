package settings

import (
	"errors"
	"maps"
	"strconv"
	"strings"

	"vigia/app"
	"vigia/internal/config"
)

// usable is the configuration of the environment over stored. Stored values
// that do not fit this process's environment (say SMTP_TLS=none in .env and
// a remote server saved by another process) are set aside with a warning,
// all of SMTP_* together as they depend on each other: Vigía goes on with the
// rest rather than stopping.
func (m *Manager) usable(stored map[app.SettingKey]string) (config.Live, error) {
	live, err := m.effective(stored)
	var bad config.VarErrors
	if !errors.As(err, &bad) {
		return live, err
	}
	kept := maps.Clone(stored)
	for _, v := range bad {
		smtp := strings.HasPrefix(v.Var, "SMTP_")
		for _, k := range app.SettingKeys() {
			if k.EnvVar() == v.Var || smtp && strings.HasPrefix(k.EnvVar(), "SMTP_") {
				delete(kept, k)
			}
		}
	}
	if live, err = m.effective(kept); err != nil {
		return config.Live{}, err
	}
	m.log.Warn("parte de la configuración guardada no es válida junto con las variables de entorno: no se aplica", "error", bad.Error())
	return live, nil
}

// effective is the configuration of the environment over stored.
func (m *Manager) effective(stored map[app.SettingKey]string) (config.Live, error) {
	return config.LoadLive(func(name string) string {
		if v := m.env(name); v != "" {
			return v
		}
		if k, ok := app.SettingForEnv(name); ok {
			return stored[k]
		}
		return ""
	})
}

// fixed reports whether the environment or .env sets the variable of k.
func (m *Manager) fixed(k app.SettingKey) bool {
	name := k.EnvVar()
	return name != "" && m.env(name) != ""
}

// validate turns the form s into the values to store (fields fixed by the
// environment left out) and the configuration they give over stored. Every
// problem, with those the caller found (problems, by field name), is
// reported at once as a *app.ValidationError.
func (m *Manager) validate(s app.Settings, stored map[app.SettingKey]string, problems map[string]app.Message) (map[app.SettingKey]string, config.Live, error) {
	values := m.formValues(s, problems)
	for k := range values {
		if m.fixed(k) {
			delete(values, k)
		}
	}
	candidate := maps.Clone(stored)
	for k, v := range values {
		candidate[k] = v
		if v == "" {
			candidate[k] = k.Default()
		}
	}
	live, err := m.effective(candidate)
	var bad config.VarErrors
	if err != nil && !errors.As(err, &bad) {
		return nil, config.Live{}, err
	}
	for _, v := range bad {
		if _, named := problems[v.Var]; !named {
			problems[v.Var] = v.Problem
		}
	}
	if len(problems) > 0 {
		return nil, config.Live{}, &app.ValidationError{Problems: problems}
	}
	return values, live, nil
}

// formValues are the values of the form s as stored, each as the text of
// its variable; the recipients' and the language's problems go to problems
// (the others show when the values are read as variables).
func (m *Manager) formValues(s app.Settings, problems map[string]app.Message) map[app.SettingKey]string {
	values := map[app.SettingKey]string{
		app.SettingSMTPHost:      strings.TrimSpace(s.SMTPHost),
		app.SettingSMTPPort:      strings.TrimSpace(s.SMTPPort),
		app.SettingSMTPTLS:       strings.ToLower(strings.TrimSpace(s.SMTPTLS)),
		app.SettingSMTPUser:      strings.TrimSpace(s.SMTPUser),
		app.SettingSMTPFrom:      strings.TrimSpace(s.SMTPFrom),
		app.SettingZone:          strings.TrimSpace(s.Zone),
		app.SettingLanguage:      strings.ToLower(strings.TrimSpace(s.Language)),
		app.SettingCloseToTray:   strconv.FormatBool(s.CloseToTray),
		app.SettingNotifySuccess: strconv.FormatBool(s.NotifySuccess),
	}
	if !m.fixed(app.SettingDefaultRecipients) {
		addrs, problem := app.ParseRecipients(strings.Join(s.DefaultRecipients, "\n"))
		if problem != nil {
			problems[app.SettingDefaultRecipients.EnvVar()] = app.Msg(app.CodeDefaultRecipientsInvalid, app.Args{"Problem": *problem})
		}
		values[app.SettingDefaultRecipients] = strings.Join(addrs, ",")
	}
	switch {
	case s.ClearPassword:
		values[app.SettingSMTPPassword] = ""
	case s.SMTPPassword != "":
		values[app.SettingSMTPPassword] = s.SMTPPassword // verbatim: blanks may belong to it
	case values[app.SettingSMTPUser] == "" && !m.fixed(app.SettingSMTPUser) && !m.fixed(app.SettingSMTPPassword):
		// No user, no login: a password kept from before would only make
		// the settings invalid.
		values[app.SettingSMTPPassword] = ""
	}
	switch values[app.SettingLanguage] {
	case "", "es", "en", app.LanguageAuto:
	default:
		problems[app.FieldLanguage] = app.Msg(app.CodeLanguageUnknown, app.Args{"Value": s.Language})
	}
	return values
}
