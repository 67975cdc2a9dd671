package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"vigia/app"
)

// Configuración: the mail server with «Probar correo», the default
// recipients, the zone, the due-date escalation, the tax calendar's
// horizon and the language (the desktop's Configuración tab,
// ui/settings*.go, and the thresholds the API sets). The settings backend
// (Options.Settings, the desktop's own) saves them, the environment wins: a
// field an environment variable sets is shown read-only with its name, and
// saving leaves it alone. The stored password is never sent to the browser.

var _ = area((*Server).settingsRoutes)

func (s *Server) settingsRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /configuracion", s.settingsPage)
	m.HandleFunc("POST /configuracion", s.saveSettings)
	m.HandleFunc("POST /configuracion/probar", s.testMail)
}

// The form's inputs that are not a variable's: their names are the core's
// field keys, so each refusal lands next to its input.
const (
	settingsLanguage      = app.FieldLanguage // "idioma"
	settingsCritical      = "critica_dias"
	settingsHigh          = "alta_dias"
	settingsMedium        = "media_dias"
	settingsEscalation    = "escalamiento" // the order of the three
	settingsHorizon       = "horizonte_meses"
	settingsClearPassword = "borrar_contrasena"
	settingsTestRecipient = "destinatario"
)

// The variables the environment can impose, as the core names them: the
// inputs' names and the keys of a save's refusals.
var (
	settingsHost       = app.SettingSMTPHost.EnvVar()
	settingsPort       = app.SettingSMTPPort.EnvVar()
	settingsTLS        = app.SettingSMTPTLS.EnvVar()
	settingsUser       = app.SettingSMTPUser.EnvVar()
	settingsPassword   = app.SettingSMTPPassword.EnvVar()
	settingsFrom       = app.SettingSMTPFrom.EnvVar()
	settingsRecipients = app.SettingDefaultRecipients.EnvVar()
	settingsZone       = app.SettingZone.EnvVar()
)

// settingsTLSModes are SMTP_TLS's values, "" (by the port) first.
var settingsTLSModes = []struct{ value, key string }{
	{"", K("config.tls.segun_puerto")}, {"starttls", K("config.tls.starttls")},
	{"ssl", K("config.tls.ssl")}, {"none", K("config.tls.ninguno")},
}

// settingsLanguages are Settings.Language's values, as the desktop offers them.
var settingsLanguages = []struct{ value, key string }{
	{app.LanguageAuto, K("config.idioma.automatico")}, {langSpanish, K("config.idioma.es")}, {langEnglish, K("config.idioma.en")},
}

// settingsPage shows the settings in effect.
func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request) {
	current, err := s.settings(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	values, err := s.settingsValues(r.Context(), current)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderSettings(w, r, NewForm(values), current, nil, http.StatusOK)
}

// settingsValues is the form filled from the settings in effect, the
// thresholds and the horizon; the test's address is the first default recipient.
func (s *Server) settingsValues(ctx context.Context, c app.Settings) (url.Values, error) {
	esc, err := s.svc.Escalation(ctx)
	if err != nil {
		return nil, err
	}
	months, err := s.svc.CalendarHorizon(ctx)
	if err != nil {
		return nil, err
	}
	v := url.Values{}
	v.Set(settingsHost, c.SMTPHost)
	v.Set(settingsPort, c.SMTPPort)
	v.Set(settingsTLS, strings.ToLower(strings.TrimSpace(c.SMTPTLS)))
	v.Set(settingsUser, c.SMTPUser)
	v.Set(settingsFrom, c.SMTPFrom)
	v.Set(settingsRecipients, strings.Join(c.DefaultRecipients, "\n"))
	v.Set(settingsZone, c.Zone)
	v.Set(settingsLanguage, c.Language)
	v.Set(settingsCritical, strconv.Itoa(esc.CriticalDays))
	v.Set(settingsHigh, strconv.Itoa(esc.HighDays))
	v.Set(settingsMedium, strconv.Itoa(esc.MediumDays))
	v.Set(settingsHorizon, strconv.Itoa(months))
	if len(c.DefaultRecipients) > 0 {
		v.Set(settingsTestRecipient, c.DefaultRecipients[0])
	}
	return v, nil
}

// settingsFromForm is the form v as settings to save or to test with. The
// desktop's own preferences, which the page does not show, keep their values.
func settingsFromForm(v url.Values, current app.Settings) app.Settings {
	trim := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	out := app.Settings{
		SMTPHost:      trim(settingsHost),
		SMTPPort:      trim(settingsPort),
		SMTPTLS:       trim(settingsTLS),
		SMTPUser:      trim(settingsUser),
		SMTPFrom:      trim(settingsFrom),
		SMTPPassword:  v.Get(settingsPassword), // verbatim: blanks may belong to it
		ClearPassword: v.Get(settingsClearPassword) != "",
		Zone:          trim(settingsZone),
		Language:      trim(settingsLanguage),
		CloseToTray:   current.CloseToTray,
		NotifySuccess: current.NotifySuccess,
	}
	// the whole text, for the backend to read (and refuse) as the core reads a list
	if text := trim(settingsRecipients); text != "" {
		out.DefaultRecipients = []string{text}
	}
	return out
}

// settingsFields are the inputs a refusal can name; a refusal of another
// field is said above the form.
var settingsFields = []string{settingsHost, settingsPort, settingsTLS, settingsUser, settingsPassword, settingsFrom,
	settingsRecipients, settingsZone, settingsLanguage, settingsCritical, settingsHigh, settingsMedium, settingsEscalation,
	settingsHorizon, settingsTestRecipient}

// refusedElsewhere is the refusals of f that name no input of the form, one after another.
func refusedElsewhere(f Form) string {
	var out []string
	for k, text := range f.Errors {
		if !slices.Contains(settingsFields, k) {
			out = append(out, text)
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}
