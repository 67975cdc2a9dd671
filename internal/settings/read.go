package settings

import (
	"strconv"
	"strings"

	"vigia/app"
	"vigia/internal/config"
)

// read fills Settings from stored and the environment.
func (m *Manager) read(stored map[app.SettingKey]string) app.Settings {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.readLocked(stored)
}

// readLocked is read with m.mu held.
func (m *Manager) readLocked(stored map[app.SettingKey]string) app.Settings {
	value := func(k app.SettingKey) string {
		if m.fixed(k) {
			return strings.TrimSpace(m.env(k.EnvVar()))
		}
		return stored[k]
	}
	s := app.Settings{
		SMTPHost:          value(app.SettingSMTPHost),
		SMTPPort:          value(app.SettingSMTPPort),
		SMTPTLS:           value(app.SettingSMTPTLS),
		SMTPUser:          value(app.SettingSMTPUser),
		SMTPFrom:          value(app.SettingSMTPFrom),
		PasswordStored:    value(app.SettingSMTPPassword) != "",
		DefaultRecipients: recipients(value(app.SettingDefaultRecipients)),
		Zone:              value(app.SettingZone),
		Language:          stored[app.SettingLanguage],
		CloseToTray:       m.closeToTray(),
		FromEnv:           map[string]string{},
		MailMode:          mailMode(m.live, m.outboxDir),
	}
	if v, err := strconv.ParseBool(stored[app.SettingCloseToTray]); err == nil {
		s.CloseToTray = v
	}
	s.NotifySuccess, _ = strconv.ParseBool(stored[app.SettingNotifySuccess])
	for _, k := range app.SettingKeys() {
		name := k.EnvVar()
		if name == "" {
			continue
		}
		if v := m.env(name); v != "" {
			if k == app.SettingSMTPPassword {
				v = ""
			}
			s.FromEnv[name] = v
		}
	}
	return s
}

// mailMode says how digests leave with live.
func mailMode(live config.Live, outboxDir string) app.Message {
	if live.Outbox {
		return app.Msg(app.CodeMailNoServer, app.Args{"Dir": outboxDir})
	}
	return live.SMTP.Describe()
}

// recipients are the addresses of a stored or environment list, read by
// the core's one parser (app.ParseRecipients), which both passed when set. A
// list it refuses (a database edited by hand) reads as written, one entry,
// so the form shows it and saving says what is wrong.
func recipients(list string) []string {
	addrs, problem := app.ParseRecipients(list)
	if problem != nil {
		return []string{list}
	}
	return addrs
}
