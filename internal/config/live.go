package config

import (
	"errors"
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
	var problem *app.Message
	if live.Location, problem = loadZone(zone); problem != nil {
		bad = append(bad, notify.NewVarError(app.SettingZone.EnvVar(), *problem))
	}

	if list := strings.TrimSpace(env(app.SettingDefaultRecipients.EnvVar())); list != "" {
		if live.DefaultRecipients, problem = app.ParseRecipients(list); problem != nil {
			bad = append(bad, notify.NewVarError(app.SettingDefaultRecipients.EnvVar(),
				app.Msg(app.CodeDefaultRecipientsInvalid, app.Args{"Problem": *problem})))
		}
	}

	if live.SMTP, live.Outbox, err = notify.ConfigFromEnv(env); err != nil {
		var ve *notify.VarError
		if !errors.As(err, &ve) {
			return Live{}, err // ConfigFromEnv refuses with VarErrors only
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

// loadZone is the zone name, or why VIGIA_TZ cannot be it.
func loadZone(name string) (*time.Location, *app.Message) {
	if name == "Local" {
		m := app.Msg(app.CodeZoneNotIANA, app.Args{"Value": name, "Example": defaultZone})
		return nil, &m
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		m := app.Msg(app.CodeZoneUnknown, app.Args{"Value": name, "Example": defaultZone})
		return nil, &m
	}
	return loc, nil
}
