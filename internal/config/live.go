package config

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // VIGIA_TZ works on machines without a zoneinfo database (Windows, distroless)

	"vigia/app"
	"vigia/notify"
)

// LoadLive reads VIGIA_TZ, EMAIL_DESTINATARIOS and SMTP_* through env: the
// environment and .env at start, plus the stored settings later
// (internal/settings). Every invalid variable is reported (VarErrors).
func LoadLive(env func(string) string) (Live, error) {
	var (
		live Live
		bad  VarErrors
		err  error
	)
	zone := strings.TrimSpace(env(app.SettingZone.EnvVar()))
	if zone == "" {
		zone = defaultZone
	}
	if live.Location, err = loadZone(zone); err != nil {
		bad = append(bad, &notify.VarError{Var: app.SettingZone.EnvVar(), Msg: err.Error()})
	}

	if list := strings.TrimSpace(env(app.SettingDefaultRecipients.EnvVar())); list != "" {
		addrs, msg := app.ParseAddresses(strings.Split(list, ","))
		if msg != "" {
			bad = append(bad, &notify.VarError{Var: app.SettingDefaultRecipients.EnvVar(), Msg: "EMAIL_DESTINATARIOS inválido: " + msg})
		}
		live.DefaultRecipients = addrs
	}

	if live.SMTP, live.Outbox, err = notify.ConfigFromEnv(env); err != nil {
		var ve *notify.VarError
		if !errors.As(err, &ve) {
			ve = &notify.VarError{Var: app.SettingSMTPHost.EnvVar(), Msg: err.Error()}
		}
		bad = append(bad, ve)
	}
	if len(bad) > 0 {
		return Live{}, bad
	}
	return live, nil
}

// VarErrors are the invalid variables, in the order they were checked.
type VarErrors []*notify.VarError

func (e VarErrors) Error() string {
	msgs := make([]string, len(e))
	for i, v := range e {
		msgs[i] = v.Msg
	}
	return strings.Join(msgs, "; ")
}

func loadZone(name string) (*time.Location, error) {
	if name == "Local" {
		return nil, fmt.Errorf("VIGIA_TZ inválido: %q no es una zona IANA; use por ejemplo %s", name, defaultZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("VIGIA_TZ inválido: zona horaria desconocida %q; use un nombre IANA como %s o America/Mexico_City", name, defaultZone)
	}
	return loc, nil
}
