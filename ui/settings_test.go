package ui

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// recordingSettings is the tests' settings backend that also keeps what the
// form sent, and can fail the test mail.
type recordingSettings struct {
	*memSettings
	mu      sync.Mutex
	saved   []app.Settings // every SaveSettings argument
	tested  []app.Settings // every TestMail argument
	mailErr error
}

func (r *recordingSettings) SaveSettings(ctx context.Context, s app.Settings) (app.Settings, error) {
	r.mu.Lock()
	r.saved = append(r.saved, s)
	r.mu.Unlock()
	return r.memSettings.SaveSettings(ctx, s)
}

func (r *recordingSettings) TestMail(ctx context.Context, s app.Settings, to string) (app.Message, error) {
	r.mu.Lock()
	r.tested = append(r.tested, s)
	err := r.mailErr
	r.mu.Unlock()
	if err != nil {
		return app.Message{}, err
	}
	return r.memSettings.TestMail(ctx, s, to)
}

func (r *recordingSettings) savedValues() []app.Settings {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.saved)
}

// settingsRecorder puts a recordingSettings in front of env.settings.
func (e *testEnv) settingsRecorder() *recordingSettings {
	r := &recordingSettings{memSettings: e.settings}
	e.u.deps.Settings = r
	return r
}

// reloadSettings stores s as the backend's settings and has the untouched
// Configuración tab read them again.
func (e *testEnv) reloadSettings(s app.Settings) *settingsTab {
	e.settings.mu.Lock()
	e.settings.s = s
	e.settings.mu.Unlock()
	e.u.settings.refresh()
	return e.u.settings
}

// storedSettings is the backend's settings and how many saves it took.
func (e *testEnv) storedSettings() (app.Settings, int) {
	e.settings.mu.Lock()
	defer e.settings.mu.Unlock()
	return e.settings.s, e.settings.saves
}

// settingsUntil runs the UI work the bridge queued until cond holds.
func (e *testEnv) settingsUntil(cond func() bool) {
	e.t.Helper()
	deadline := time.After(failAfter)
	for {
		e.drain()
		if cond() {
			return
		}
		select {
		case <-e.ready:
		case <-deadline:
			e.t.Fatalf("condition not met within %v", failAfter)
		}
	}
}

// settingsRetype replaces the text of entry as a user would.
func settingsRetype(entry interface {
	fyne.Focusable
	SetText(string)
}, text string) {
	entry.SetText("")
	test.Type(entry, text)
}

func TestSettingsShowStoredValuesButNeverThePassword(t *testing.T) {
	// given stored settings with a password
	env := newTestEnv(t)
	tab := env.reloadSettings(app.Settings{
		SMTPHost: "smtp.ejemplo.com", SMTPPort: "465", SMTPTLS: "ssl", SMTPUser: "ana@ejemplo.com",
		SMTPFrom: "vigia@ejemplo.com", PasswordStored: true,
		DefaultRecipients: []string{"conta@ejemplo.com", "jefe@ejemplo.com"},
		Zone:              "Europe/Madrid", Language: LangSpanish, NotifySuccess: true, CloseToTray: true,
		MailMode: app.Msg(app.CodeMailServer, app.Args{"Addr": "smtp.ejemplo.com:465", "TLS": "ssl", "User": "ana@ejemplo.com", "From": "vigia@ejemplo.com"}),
	})

	// then the form shows each of them
	for got, want := range map[string]string{
		tab.host.Text: "smtp.ejemplo.com", tab.port.Text: "465", tab.tls.Selected: "SSL/TLS",
		tab.user.Text: "ana@ejemplo.com", tab.from.Text: "vigia@ejemplo.com",
		tab.recipients.Text: "conta@ejemplo.com\njefe@ejemplo.com", tab.language.Selected: "Español",
		tab.mail.to.Text: "conta@ejemplo.com",
	} {
		if got != want {
			t.Errorf("field shows %q, want %q", got, want)
		}
	}
	if !strings.Contains(tab.zoneLabel.Text, "Europe/Madrid") {
		t.Errorf("zone label = %q", tab.zoneLabel.Text)
	}
	if !tab.notifySuccess.Checked || !tab.closeToTray.Checked {
		t.Error("checks not set from the settings")
	}
	if !tab.mailMode.Visible() || !strings.Contains(tab.mailMode.Text, "smtp.ejemplo.com:465 (SSL/TLS)") {
		t.Errorf("mail mode = %q (visible %v)", tab.mailMode.Text, tab.mailMode.Visible())
	}
	// and the password entry is empty, masked, and says one is stored
	if tab.password.Text != "" || !tab.password.Password {
		t.Errorf("password entry = %q (masked %v)", tab.password.Text, tab.password.Password)
	}
	if tab.password.PlaceHolder != "•••••• (guardada; déjela vacía para conservarla)" {
		t.Errorf("password placeholder = %q", tab.password.PlaceHolder)
	}
	if tab.clearPassword.Disabled() {
		t.Error("Borrar contraseña is disabled with a stored password")
	}
	// and nothing is changed yet
	if !tab.save.Disabled() || !tab.discard.Disabled() {
		t.Error("Guardar or Descartar enabled before any change")
	}
}

func TestSettingsFromEnvironmentAreReadOnlyWithTheirNote(t *testing.T) {
	// given SMTP_HOST, SMTP_PASSWORD and VIGIA_TZ set in the environment
	env := newTestEnv(t)
	tab := env.reloadSettings(app.Settings{
		SMTPHost: "guardado.ejemplo.com", SMTPPort: "587", Zone: "America/Bogota", PasswordStored: true,
		FromEnv: map[string]string{"SMTP_HOST": "smtp.entorno.com", "SMTP_PASSWORD": "", "VIGIA_TZ": "Europe/Madrid"},
	})

	// then those fields show the environment's value, disabled, with the note
	if tab.host.Text != "smtp.entorno.com" || !tab.host.Disabled() {
		t.Errorf("host = %q (disabled %v)", tab.host.Text, tab.host.Disabled())
	}
	if n := tab.notes["SMTP_HOST"]; !n.Visible() || n.Text != "Definido por la variable de entorno SMTP_HOST" {
		t.Errorf("SMTP_HOST note = %q (visible %v)", n.Text, n.Visible())
	}
	if !tab.password.Disabled() || !tab.clearPassword.Disabled() || !tab.notes["SMTP_PASSWORD"].Visible() {
		t.Error("password fields editable though SMTP_PASSWORD is set")
	}
	if !strings.Contains(tab.zoneLabel.Text, "Europe/Madrid") || !tab.zoneFilter.Disabled() || tab.zoneListBox.Visible() {
		t.Errorf("zone = %q, filter disabled %v, list visible %v", tab.zoneLabel.Text, tab.zoneFilter.Disabled(), tab.zoneListBox.Visible())
	}
	// and the others stay editable, without a note
	if tab.port.Disabled() || tab.notes["SMTP_PORT"].Visible() {
		t.Error("SMTP_PORT looks set by the environment")
	}

	// when the user types into the host field
	test.Type(tab.host, "x")

	// then nothing changes
	if tab.host.Text != "smtp.entorno.com" || !tab.save.Disabled() {
		t.Errorf("host = %q after typing, Guardar enabled %v", tab.host.Text, !tab.save.Disabled())
	}
}

func TestSettingsSaveSendsTheTypedValues(t *testing.T) {
	// given the default settings and a backend that records what it gets
	env := newTestEnv(t)
	rec := env.settingsRecorder()
	tab := env.u.settings

	// when the user fills the form and saves
	settingsRetype(tab.host, "smtp.ejemplo.com")
	if tab.save.Disabled() {
		t.Fatal("Guardar still disabled after a change")
	}
	settingsRetype(tab.port, "465")
	tab.tls.SetSelected("SSL/TLS")
	settingsRetype(tab.user, "ana@ejemplo.com")
	test.Type(tab.password, "secreto con espacios ")
	settingsRetype(tab.from, "vigia@ejemplo.com")
	tab.recipients.SetText("conta@ejemplo.com\n\njefe@ejemplo.com\n")
	tab.notifySuccess.SetChecked(false)
	tab.closeToTray.SetChecked(true)
	test.Tap(tab.save)

	// then the backend got exactly those values
	saved := rec.savedValues()
	if len(saved) != 1 {
		t.Fatalf("saved %d times, want 1", len(saved))
	}
	got := saved[0]
	want := app.Settings{SMTPHost: "smtp.ejemplo.com", SMTPPort: "465", SMTPTLS: "ssl", SMTPUser: "ana@ejemplo.com",
		SMTPPassword: "secreto con espacios ", SMTPFrom: "vigia@ejemplo.com",
		DefaultRecipients: []string{"conta@ejemplo.com", "jefe@ejemplo.com"}, Zone: "America/Bogota",
		Language: LangSpanish, CloseToTray: true}
	if !sameFormValues(got, want) {
		t.Errorf("saved\n%+v\nwant\n%+v", got, want)
	}
	// and the form shows the saved settings, the password hidden again
	stored, _ := env.storedSettings()
	if !stored.PasswordStored || tab.password.Text != "" || !strings.Contains(tab.password.PlaceHolder, "guardada") {
		t.Errorf("after save: stored %v, entry %q, placeholder %q", stored.PasswordStored, tab.password.Text, tab.password.PlaceHolder)
	}
	if !tab.status.Visible() || tab.status.Text != "Configuración guardada: en vigor desde ahora" {
		t.Errorf("status = %q", tab.status.Text)
	}
	if !tab.save.Disabled() {
		t.Error("Guardar enabled right after saving")
	}
	// and the interface follows the new preferences
	if !env.u.prefs.CloseToTray || env.u.prefs.NotifySuccess {
		t.Errorf("prefs = %+v", env.u.prefs)
	}
}

// sameFormValues compares what the form sends (not the read-only fields).
func sameFormValues(a, b app.Settings) bool {
	return a.SMTPHost == b.SMTPHost && a.SMTPPort == b.SMTPPort && a.SMTPTLS == b.SMTPTLS &&
		a.SMTPUser == b.SMTPUser && a.SMTPPassword == b.SMTPPassword && a.SMTPFrom == b.SMTPFrom &&
		a.ClearPassword == b.ClearPassword && slices.Equal(a.DefaultRecipients, b.DefaultRecipients) &&
		a.Zone == b.Zone && a.Language == b.Language && a.CloseToTray == b.CloseToTray &&
		a.NotifySuccess == b.NotifySuccess
}

func TestSettingsClearPasswordAsksToDeleteIt(t *testing.T) {
	// given a stored password
	env := newTestEnv(t)
	tab := env.reloadSettings(app.Settings{SMTPHost: "smtp.ejemplo.com", Zone: "America/Bogota", PasswordStored: true})
	rec := env.settingsRecorder()

	// when the user ticks Borrar contraseña and saves
	tab.clearPassword.SetChecked(true)
	test.Tap(tab.save)

	// then the save asks to clear it, with no new password
	saved := rec.savedValues()
	if len(saved) != 1 || !saved[0].ClearPassword || saved[0].SMTPPassword != "" {
		t.Fatalf("saved = %+v", saved)
	}
}

func TestSettingsDiscardPutsTheStoredValuesBack(t *testing.T) {
	// given a changed form
	env := newTestEnv(t)
	tab := env.reloadSettings(app.Settings{SMTPHost: "smtp.ejemplo.com", Zone: "America/Bogota"})
	settingsRetype(tab.host, "otro.ejemplo.com")
	tab.language.SetSelected("English")

	// when the user discards the changes
	test.Tap(tab.discard)

	// then the stored values are back and nothing is left to save
	if tab.host.Text != "smtp.ejemplo.com" || tab.language.Selected != "Automático (según el sistema)" {
		t.Errorf("host %q, language %q", tab.host.Text, tab.language.Selected)
	}
	if !tab.save.Disabled() || !tab.discard.Disabled() {
		t.Error("buttons enabled after discarding")
	}
	if _, saves := env.storedSettings(); saves != 0 {
		t.Errorf("%d saves", saves)
	}
}

func TestSettingsRefreshKeepsUnsavedEdits(t *testing.T) {
	// given a host typed but not saved
	env := newTestEnv(t)
	tab := env.u.settings
	settingsRetype(tab.host, "escrito.ejemplo.com")

	// when the settings change elsewhere and the tab refreshes
	env.reloadSettings(app.Settings{SMTPHost: "otro.ejemplo.com", Zone: "America/Bogota"})

	// then the user's edit stays
	if tab.host.Text != "escrito.ejemplo.com" || tab.save.Disabled() {
		t.Errorf("host = %q, Guardar disabled %v", tab.host.Text, tab.save.Disabled())
	}
}

func TestSettingsValidationErrorShowsUnderItsFieldAndSavesNothing(t *testing.T) {
	// given a backend that rejects the port and the language
	env := newTestEnv(t)
	tab := env.u.settings
	env.settings.mu.Lock()
	env.settings.err = &app.ValidationError{Problems: map[string]app.Message{
		"SMTP_PORT":       app.Msg(app.CodeSMTPPortInvalid, app.Args{"Value": "99999"}),
		app.FieldLanguage: app.Msg(app.CodeLanguageUnknown, app.Args{"Value": "fr"}),
		"otro":            app.Msg(app.CodeTooManyRecipients, app.Args{"N": 51, "Max": app.MaxRecipients}),
	}}
	env.settings.mu.Unlock()

	// when the user types a bad port and saves
	settingsRetype(tab.port, "99999")
	test.Tap(tab.save)

	// then each message is under its field, the rest in the status line
	if l := tab.errs["SMTP_PORT"]; !l.Visible() || !strings.Contains(l.Text, `"99999" no es un número de puerto`) {
		t.Errorf("port message = %q (visible %v)", l.Text, l.Visible())
	}
	if l := tab.errs[app.FieldLanguage]; !l.Visible() || l.Text != `Idioma desconocido "fr": elija español (es), inglés (en) o automático.` {
		t.Errorf("language message = %q", l.Text)
	}
	if tab.errs["SMTP_HOST"].Visible() {
		t.Error("a message under the host field")
	}
	if !strings.Contains(tab.status.Text, "Demasiados destinatarios (51)") || !strings.Contains(tab.status.Text, "No se guardó nada") {
		t.Errorf("status = %q", tab.status.Text)
	}
	// and nothing was saved, the typed value is kept and can be saved again
	if _, saves := env.storedSettings(); saves != 0 {
		t.Errorf("%d saves", saves)
	}
	if tab.port.Text != "99999" || tab.save.Disabled() {
		t.Errorf("port = %q, Guardar disabled %v", tab.port.Text, tab.save.Disabled())
	}

	// when the user corrects it and saves again
	settingsRetype(tab.port, "587")
	test.Tap(tab.save)

	// then the messages go away and the port is stored
	if tab.errs["SMTP_PORT"].Visible() {
		t.Error("port message still shown")
	}
	if s, saves := env.storedSettings(); saves != 1 || s.SMTPPort != "587" {
		t.Errorf("stored port %q after %d saves", s.SMTPPort, saves)
	}
}

func TestSettingsRecipientsAreCheckedAsTyped(t *testing.T) {
	// given the form
	env := newTestEnv(t)
	tab := env.u.settings

	// when a line is not an address
	tab.recipients.SetText("conta@ejemplo.com\nJefe <jefe@ejemplo.com>")

	// then it says which one at once, and Guardar waits
	l := tab.errs["EMAIL_DESTINATARIOS"]
	if !l.Visible() || !strings.Contains(l.Text, `"Jefe <jefe@ejemplo.com>"`) {
		t.Errorf("message = %q (visible %v)", l.Text, l.Visible())
	}
	if !tab.save.Disabled() {
		t.Error("Guardar enabled with an invalid address")
	}

	// when it is corrected
	tab.recipients.SetText("conta@ejemplo.com\njefe@ejemplo.com")

	// then the message goes and Guardar is back
	if l.Visible() || tab.save.Disabled() {
		t.Errorf("message visible %v, Guardar disabled %v", l.Visible(), tab.save.Disabled())
	}
}

func TestSettingsZoneFilterNarrowsTheList(t *testing.T) {
	// given the form with every zone listed
	env := newTestEnv(t)
	tab := env.u.settings
	if n := tab.zoneList.Length(); n != len(ianaZones) {
		t.Fatalf("list has %d zones, want %d", n, len(ianaZones))
	}

	// when the user types part of a name
	test.Type(tab.zoneFilter, "bogo")

	// then only the matching zone is left, and choosing it is a change
	if n := tab.zoneList.Length(); n != 1 || tab.zones[0] != "America/Bogota" {
		t.Fatalf("filtered to %v", tab.zones)
	}

	// when the user looks for another and picks it
	settingsRetype(tab.zoneFilter, "madrid")
	tab.zoneList.Select(slices.Index(tab.zones, "Europe/Madrid"))

	// then it is the chosen zone and saving sends it
	if !strings.Contains(tab.zoneLabel.Text, "Europe/Madrid (UTC+0") {
		t.Errorf("zone label = %q", tab.zoneLabel.Text)
	}
	test.Tap(tab.save)
	if s, _ := env.storedSettings(); s.Zone != "Europe/Madrid" {
		t.Errorf("stored zone = %q", s.Zone)
	}
}

func TestFilterZonesIgnoresCaseAccentsAndSeparators(t *testing.T) {
	for query, want := range map[string]string{
		"Bogotá":         "America/Bogota",
		"buenos aires":   "America/Argentina/Buenos_Aires",
		"EUROPE/madrid":  "Europe/Madrid",
		"  mexico city ": "America/Mexico_City",
	} {
		got := filterZones(ianaZones, query)
		if !slices.Contains(got, want) || len(got) > 3 {
			t.Errorf("filterZones(%q) = %v, want it to hold %s", query, got, want)
		}
	}
	if got := filterZones(ianaZones, "no-existe"); len(got) != 0 {
		t.Errorf("unknown query matched %v", got)
	}
}

func TestZoneListHoldsCanonicalZonesOnce(t *testing.T) {
	// the generated list (zones_gen.go)
	for _, z := range []string{"America/Bogota", "Europe/Madrid", "UTC", "America/Argentina/Buenos_Aires"} {
		if !slices.Contains(ianaZones, z) {
			t.Errorf("%s missing", z)
		}
	}
	if !slices.IsSorted(ianaZones) {
		t.Error("not sorted")
	}
	if len(slices.Compact(slices.Clone(ianaZones))) != len(ianaZones) {
		t.Error("duplicates")
	}
	for _, z := range ianaZones {
		if strings.HasPrefix(z, "Etc/") || strings.HasPrefix(z, "US/") || z == "Asia/Calcutta" || z == "America/Buenos_Aires" {
			t.Errorf("legacy alias %s listed", z)
		}
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("%s does not load: %v", z, err)
		}
	}
}

func TestSettingsTestMailShowsTheServersAnswer(t *testing.T) {
	// given default recipients and a typed, unsaved server
	env := newTestEnv(t)
	tab := env.reloadSettings(app.Settings{DefaultRecipients: []string{"conta@ejemplo.com"}, Zone: "America/Bogota"})
	rec := env.settingsRecorder()
	settingsRetype(tab.host, "smtp.nuevo.com")

	// when the user sends a test to the prefilled address
	test.Tap(tab.mail.send)

	// then the button waits, and the server's answer comes back
	if !tab.mail.send.Disabled() || tab.mail.send.Text != "Enviando…" {
		t.Errorf("button %q disabled %v while sending", tab.mail.send.Text, tab.mail.send.Disabled())
	}
	env.settingsUntil(func() bool { return !tab.mail.send.Disabled() })
	if tab.mail.result.Text != "El servidor smtp.nuevo.com:587 aceptó el mensaje: 250 2.0.0 Ok: queued" || !tab.mail.result.Visible() || !tab.mail.result.Selectable {
		t.Errorf("result = %q (visible %v)", tab.mail.result.Text, tab.mail.result.Visible())
	}
	if !strings.Contains(tab.mail.heading.Text, "conta@ejemplo.com") {
		t.Errorf("heading = %q", tab.mail.heading.Text)
	}
	// and the test used the form's values and the address
	rec.mu.Lock()
	tested := slices.Clone(rec.tested)
	rec.mu.Unlock()
	env.settings.mu.Lock()
	mails := slices.Clone(env.settings.mails)
	env.settings.mu.Unlock()
	if len(tested) != 1 || tested[0].SMTPHost != "smtp.nuevo.com" || !slices.Equal(mails, []string{"conta@ejemplo.com"}) {
		t.Errorf("tested %+v to %v", tested, mails)
	}
	if tab.mail.send.Text != "Enviar correo de prueba" {
		t.Errorf("button text = %q after sending", tab.mail.send.Text)
	}
}

func TestSettingsTestMailShowsTheExactError(t *testing.T) {
	// given a backend whose server refuses the login
	env := newTestEnv(t)
	tab := env.u.settings
	rec := env.settingsRecorder()
	rec.mailErr = errors.New("535 5.7.8 Username and Password not accepted")

	// when the user sends a test
	settingsRetype(tab.mail.to, "yo@ejemplo.com")
	test.Tap(tab.mail.send)
	env.settingsUntil(func() bool { return !tab.mail.send.Disabled() })

	// then the error is shown verbatim
	if tab.mail.result.Text != "535 5.7.8 Username and Password not accepted" {
		t.Errorf("result = %q", tab.mail.result.Text)
	}
	if !strings.Contains(tab.mail.heading.Text, "No se pudo enviar") || !strings.Contains(tab.mail.heading.Text, "yo@ejemplo.com") {
		t.Errorf("heading = %q", tab.mail.heading.Text)
	}
}

func TestSettingsLanguageChangeRebuildsTheWindow(t *testing.T) {
	// given the interface in Spanish, on the Configuración tab
	env := newTestEnv(t)
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	env.u.tabs.SelectIndex(tabIndexSettings)
	tab := env.u.settings
	if got := env.u.tabs.Items[tabIndexSettings].Text; got != "Configuración" {
		t.Fatalf("tab = %q", got)
	}

	// when the user chooses English and saves
	tab.language.SetSelected("English")
	test.Tap(tab.save)

	// then the window speaks English, the new tab included
	if got := env.u.tabs.Items[tabIndexSettings].Text; got != "Settings" {
		t.Errorf("settings tab = %q, want Settings", got)
	}
	if got := env.u.tabs.Items[0].Text; got != "Home" {
		t.Errorf("first tab = %q, want Home", got)
	}
	tab = env.u.settings
	if tab.save.Text != "Save" || tab.status.Text != "Settings saved: in effect from now on" {
		t.Errorf("button %q, status %q", tab.save.Text, tab.status.Text)
	}
	if got := env.u.tabs.SelectedIndex(); got != tabIndexSettings {
		t.Errorf("selected tab %d after rebuild, want %d", got, tabIndexSettings)
	}

	// when the user goes back to Spanish
	tab.language.SetSelected("Español")
	test.Tap(tab.save)

	// then the window is Spanish again
	if got := env.u.tabs.Items[tabIndexSettings].Text; got != "Configuración" {
		t.Errorf("settings tab = %q, want Configuración", got)
	}
	if s, _ := env.storedSettings(); s.Language != LangSpanish {
		t.Errorf("stored language %q", s.Language)
	}
}

func TestSettingsCopyTokenPutsItInTheClipboard(t *testing.T) {
	// given the API's token
	env := newTestEnv(t)
	tab := env.u.settings

	// when the user copies it
	test.Tap(settingsButton(t, tab.object(), "Copiar token"))

	// then the clipboard holds it and the screen says so
	if got := env.fyne.Clipboard().Content(); got != "token-de-prueba" {
		t.Errorf("clipboard = %q", got)
	}
	if !tab.desktop.copied.Visible() {
		t.Error("no confirmation")
	}
}

func TestSettingsCloseToTrayNeedsATray(t *testing.T) {
	// given a desktop without a system tray
	env := newTestEnv(t)
	env.u.deps.TrayHost = false
	env.u.build()

	// then the option is disabled and says why
	tab := env.u.settings
	if !tab.closeToTray.Disabled() {
		t.Error("Cerrar a la bandeja enabled without a tray")
	}
	if !settingsHasText(tab.object(), "no hay bandeja del sistema en este escritorio") {
		t.Error("no explanation")
	}
}

// settingsAutostart records the autostart state; err fails the next change.
type settingsAutostart struct {
	on  bool
	err error
}

func (f *settingsAutostart) Enabled() (bool, error) { return f.on, nil }
func (f *settingsAutostart) Enable() error {
	if f.err != nil {
		return f.err
	}
	f.on = true
	return nil
}
func (f *settingsAutostart) Disable() error {
	if f.err != nil {
		return f.err
	}
	f.on = false
	return nil
}

func TestSettingsAutostartActsAtOnceAndShowsErrors(t *testing.T) {
	// given a platform that can start Vigía with the system
	env := newTestEnv(t)
	auto := &settingsAutostart{}
	env.u.deps.Autostart = auto
	env.u.build()
	tab := env.u.settings

	// when the user ticks it
	test.Tap(tab.desktop.autostart)

	// then it is on, without Guardar
	if !auto.on || !tab.save.Disabled() {
		t.Errorf("autostart %v, Guardar disabled %v", auto.on, tab.save.Disabled())
	}

	// when turning it off fails
	auto.err = errors.New("acceso denegado")
	test.Tap(tab.desktop.autostart)

	// then the error shows and the check tells the truth
	if !tab.desktop.autostartErr.Visible() || !strings.Contains(tab.desktop.autostartErr.Text, "acceso denegado") {
		t.Errorf("error = %q", tab.desktop.autostartErr.Text)
	}
	if !tab.desktop.autostart.Checked {
		t.Error("check off though autostart is still on")
	}
}

func TestSettingsWithoutAutostartHideTheOption(t *testing.T) {
	// given no autostart (the harness's Deps)
	env := newTestEnv(t)

	// then the option is not offered
	if settingsHasText(env.u.settings.object(), "Iniciar con el sistema") {
		t.Error("Iniciar con el sistema offered without autostart")
	}
}

// settingsURLApp is the test app remembering the URLs it was asked to open.
type settingsURLApp struct {
	fyne.App
	opened []*url.URL
}

func (a *settingsURLApp) OpenURL(u *url.URL) error {
	a.opened = append(a.opened, u)
	return nil
}

func TestSettingsOpenTheLogFolder(t *testing.T) {
	// given logs written to a file
	env := newTestEnv(t)
	opener := &settingsURLApp{App: env.fyne}
	env.u.fyne = opener
	env.u.deps.LogFile = "/home/ana/.local/state/vigia/vigia.log"
	env.u.build()

	// when the user opens the log folder
	test.Tap(settingsButton(t, env.u.settings.object(), "Abrir carpeta de registros"))

	// then the folder's file URL is opened
	if len(opener.opened) != 1 || opener.opened[0].String() != "file:///home/ana/.local/state/vigia" {
		t.Errorf("opened %v", opener.opened)
	}
}

// settingsWalk calls fn for o and every object inside it.
func settingsWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			settingsWalk(child, fn)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		if r == nil {
			return
		}
		for _, child := range r.Objects() {
			settingsWalk(child, fn)
		}
	}
}

// settingsButton is the button of root whose text is text.
func settingsButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	settingsWalk(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// settingsHasText reports whether a label or check of root contains text.
func settingsHasText(root fyne.CanvasObject, text string) bool {
	found := false
	settingsWalk(root, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			found = found || strings.Contains(w.Text, text)
		case *widget.Check:
			found = found || strings.Contains(w.Text, text)
		}
	})
	return found
}

func TestSettingsWheelScrollsThePageEvenOverAField(t *testing.T) {
	// given Configuración in a window shorter than its form
	env := newTestEnv(t)
	env.u.tabs.SelectIndex(tabIndexSettings)
	env.u.win.Resize(fyne.NewSize(1100, 600))
	tab := env.u.settings
	notch := float32(-25) // the driver's step for one notch down (Windows, Linux)

	// when the wheel turns one notch with the pointer over the server field
	settingsWheel(t, env, tab.host, notch)

	// then the page moves by a couple of rows of fields
	if got := tab.page.Offset.Y; got != 75 {
		t.Fatalf("one notch over a field moved the page to %v, want 75", got)
	}

	// when it turns over the multi-line recipients field, the page moves on:
	// the field grows with its addresses, it never scrolls inside the page
	oneLine := tab.recipients.MinSize().Height
	tab.recipients.SetText(strings.Repeat("conta@ejemplo.com\n", 8))
	if grown := tab.recipients.MinSize().Height; grown < 4*oneLine {
		t.Errorf("with 9 lines the recipients field is %v high, with 1 line %v", grown, oneLine)
	}
	settingsWheel(t, env, tab.recipients, notch)
	if got := tab.page.Offset.Y; got != 150 {
		t.Errorf("one notch over the recipients moved the page to %v, want 150", got)
	}

	// when it turns over the zone list, the list scrolls and the page stays
	tab.page.ScrollToOffset(fyne.NewPos(0, 500)) // the list in view
	tab.zoneList.ScrollToTop()
	settingsWheel(t, env, tab.zoneList, notch)
	if tab.zoneList.GetScrollOffset() != 75 || tab.page.Offset.Y != 500 {
		t.Errorf("over the zone list: list at %v, page at %v; want 75 and 500", tab.zoneList.GetScrollOffset(), tab.page.Offset.Y)
	}

	// and once the list is at its top, the wheel up moves the page again
	tab.zoneList.ScrollToTop()
	settingsWheel(t, env, tab.zoneList, -notch)
	if tab.zoneList.GetScrollOffset() != 0 || tab.page.Offset.Y != 425 {
		t.Errorf("up over the list at its top: list at %v, page at %v; want 0 and 425", tab.zoneList.GetScrollOffset(), tab.page.Offset.Y)
	}
}

// settingsWheel turns the mouse wheel by dy with the pointer on the middle
// of o, as the desktop driver does: the innermost scrollable under the
// pointer, the last one drawn, gets the event.
func settingsWheel(t *testing.T, env *testEnv, o fyne.CanvasObject, dy float32) {
	t.Helper()
	p := env.fyne.Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	var target fyne.Scrollable
	var targetAt fyne.Position
	var walk func(o fyne.CanvasObject, parent fyne.Position)
	walk = func(o fyne.CanvasObject, parent fyne.Position) {
		at := parent.Add(o.Position())
		size := o.Size()
		if !o.Visible() || p.X < at.X || p.Y < at.Y || p.X >= at.X+size.Width || p.Y >= at.Y+size.Height {
			return
		}
		if s, ok := o.(fyne.Scrollable); ok {
			target, targetAt = s, at
		}
		switch c := o.(type) {
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, at)
			}
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, at)
			}
		}
	}
	walk(env.u.win.Canvas().Content(), fyne.Position{})
	if target == nil {
		t.Fatalf("nothing scrollable at %v", p)
	}
	target.Scrolled(&fyne.ScrollEvent{
		PointEvent: fyne.PointEvent{Position: p.Subtract(targetAt), AbsolutePosition: p},
		Scrolled:   fyne.NewDelta(0, dy),
	})
}

func TestSettingsPlaceholdersReadAsExamples(t *testing.T) {
	// given an empty Configuración
	env := newTestEnv(t)
	tab := env.u.settings

	// then every example in an empty field says it is one
	for _, e := range []*widget.Entry{tab.host, tab.port, tab.user, tab.from, tab.recipients} {
		if e.Text != "" || !strings.HasPrefix(e.PlaceHolder, "p. ej. ") {
			t.Errorf("field %q shows the example %q", e.Text, e.PlaceHolder)
		}
	}
}
