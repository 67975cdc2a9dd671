package web

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"vigia/app"
)

// The Configuración page's data: each input with its value, the note that an
// environment variable sets it, and its refusal.

// settingsData is the page's.
type settingsData struct {
	Form                   Form
	MailMode               string // how digests leave now
	Host, Port, User, From settingsField
	TLS                    settingsField
	Password               settingsField
	PasswordStored         bool // a password is kept: the input may stay empty
	PasswordRetype         bool // one was typed and is not shown again
	Recipients             settingsField
	Zone                   settingsField
	ZoneNow                string   // the zone chosen with its offset today
	Zones                  []string // the datalist's suggestions
	Critical, High, Medium settingsField
	Horizon                settingsField
	Language               settingsField
	TestTo                 settingsField
	Test                   *settingsTest // the answer of «Probar correo», when it was just tried
}

// settingsField is one control: its name (the input's and its refusal's),
// label, value, options for a select, and the variable that sets it.
type settingsField struct {
	Name, Label, Value string
	Type               string // an input's type: text, number, email
	Autocomplete       string
	Placeholder, Hint  string
	Options            []settingsOption // a select's
	Env                string           // the environment variable that sets it: read-only
	EnvNote            string           // says so
	Error              string
}

// settingsOption is one option of a select.
type settingsOption = historyOption

// ErrorID and HintID are the ids aria-describedby names.
func (f settingsField) ErrorID() string { return "error-" + f.Name }
func (f settingsField) HintID() string  { return "pista-" + f.Name }

// DescribedBy is the ids of what says more about the control: its hint,
// its environment note, its refusal.
func (f settingsField) DescribedBy() string {
	ids := ""
	add := func(id string) {
		if ids != "" {
			ids += " "
		}
		ids += id
	}
	if f.Hint != "" {
		add(f.HintID())
	}
	if f.Env != "" {
		add("entorno-" + f.Name)
	}
	if f.Error != "" {
		add(f.ErrorID())
	}
	return ids
}

// settingsTest is the outcome of «Probar correo»: a heading and the
// server's answer or the exact error, verbatim.
type settingsTest struct {
	OK              bool
	Heading, Detail string
}

// renderSettings shows the page with form's values and refusals; current
// says which fields the environment sets, whether a password is kept and
// how mail leaves.
func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, form Form, current app.Settings, test *settingsTest, status int) {
	lang := s.lang(r)
	field := func(name, labelKey string) settingsField {
		f := settingsField{Name: name, Label: T(lang, labelKey), Value: form.Value(name), Error: form.Error(name),
			Type: "text", Autocomplete: "off"}
		if v, ok := current.FromEnv[name]; ok {
			f.Env, f.Value, f.EnvNote = name, v, T(lang, "config.desde_entorno", "Var", name)
		}
		return f
	}
	d := settingsData{Form: form, PasswordStored: current.PasswordStored, PasswordRetype: form.Value(settingsPassword) != "",
		Zones: settingsZoneChoices, Test: test}
	if current.MailMode.Code != "" {
		d.MailMode = T(lang, "config.modo_correo", "Modo", TM(lang, current.MailMode))
	}
	d.Host, d.Port, d.User, d.From = field(settingsHost, "config.servidor"), field(settingsPort, "config.puerto"),
		field(settingsUser, "config.usuario"), field(settingsFrom, "config.remitente")
	d.Host.Placeholder, d.Port.Placeholder = T(lang, "config.servidor.ejemplo"), T(lang, "config.puerto.ejemplo")
	d.User.Placeholder, d.From.Placeholder = T(lang, "config.usuario.ejemplo"), T(lang, "config.remitente.ejemplo")
	d.TLS = field(settingsTLS, "config.tls")
	for _, m := range settingsTLSModes {
		d.TLS.Options = append(d.TLS.Options, settingsOption{Value: m.value, Label: T(lang, m.key), Selected: m.value == d.TLS.Value})
	}
	d.Password = field(settingsPassword, "config.contrasena")
	d.Password.Value = "" // never sent back, stored or typed
	if d.PasswordStored && d.Password.Env == "" {
		d.Password.Hint = T(lang, "config.contrasena.guardada")
	}
	d.Recipients = field(settingsRecipients, "config.destinatarios")
	d.Recipients.Hint, d.Recipients.Placeholder = T(lang, "config.destinatarios.ayuda"), T(lang, "config.destinatarios.ejemplo")
	d.Zone = field(settingsZone, "config.zona")
	d.Zone.Hint = T(lang, "config.zona.ayuda")
	d.ZoneNow = s.zoneNow(lang, d.Zone.Value)
	if d.Zone.Value != "" && !slices.Contains(d.Zones, d.Zone.Value) {
		d.Zones = append([]string{d.Zone.Value}, d.Zones...)
	}
	d.Critical, d.High, d.Medium = field(settingsCritical, "config.escalamiento.critica"),
		field(settingsHigh, "config.escalamiento.alta"), field(settingsMedium, "config.escalamiento.media")
	d.Horizon = field(settingsHorizon, "config.horizonte")
	d.Horizon.Hint = T(lang, "config.horizonte.ayuda", "Max", app.MaxCalendarHorizon)
	d.Language = field(settingsLanguage, "config.idioma")
	for _, l := range settingsLanguages {
		d.Language.Options = append(d.Language.Options, settingsOption{Value: l.value, Label: T(lang, l.key), Selected: l.value == d.Language.Value})
	}
	for _, f := range []*settingsField{&d.Critical, &d.High, &d.Medium, &d.Horizon} {
		f.Type = "number"
	}
	d.From.Type = "email"
	d.TestTo = field(settingsTestRecipient, "config.prueba.direccion")
	d.TestTo.Type, d.TestTo.Autocomplete = "email", "email"
	s.render(w, r, Page{Template: "settings", Title: K("config.titulo"), Area: AreaConfiguracion, Status: status, Data: d})
}

// zoneNow names zone with its offset today: "Zona elegida: America/Bogota
// (UTC-05:00)"; "" when it is no zone.
func (s *Server) zoneNow(lang, zone string) string {
	loc, err := time.LoadLocation(zone)
	if zone == "" || err != nil {
		return ""
	}
	_, secs := s.svc.Now().In(loc).Zone()
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	return T(lang, "config.zona.seleccionada", "Zona", fmt.Sprintf("%s (UTC%s%02d:%02d)", zone, sign, secs/3600, secs%3600/60))
}

// settingsZoneChoices are the zones the zone input suggests: those of the
// Spanish-speaking countries Vigía's users work in and their neighbours,
// and UTC. Any IANA name can be typed; the backend checks it as it checks
// VIGIA_TZ.
var settingsZoneChoices = []string{
	"America/Bogota", "America/Mexico_City", "America/Monterrey", "America/Tijuana", "America/Cancun",
	"America/Guatemala", "America/El_Salvador", "America/Tegucigalpa", "America/Managua", "America/Costa_Rica",
	"America/Panama", "America/Havana", "America/Santo_Domingo", "America/Puerto_Rico", "America/Caracas",
	"America/Guayaquil", "America/Lima", "America/La_Paz", "America/Santiago", "America/Argentina/Buenos_Aires",
	"America/Montevideo", "America/Asuncion", "America/Sao_Paulo", "America/New_York", "America/Chicago",
	"America/Denver", "America/Los_Angeles", "Europe/Madrid", "Atlantic/Canary", "Europe/London", "UTC",
}
