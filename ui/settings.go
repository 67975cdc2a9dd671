package ui

import (
	"errors"
	"image/color"
	"reflect"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// The variables whose values the environment can impose; they also key the
// validation messages of a save (with app.FieldLanguage).
const (
	envHost       = "SMTP_HOST"
	envPort       = "SMTP_PORT"
	envTLS        = "SMTP_TLS"
	envUser       = "SMTP_USER"
	envPassword   = "SMTP_PASSWORD"
	envFrom       = "SMTP_FROM"
	envRecipients = "EMAIL_DESTINATARIOS"
	envZone       = "VIGIA_TZ"
)

// settingsTLSModes are the SMTP_TLS values of the Seguridad select, in its order.
var settingsTLSModes = []string{"starttls", "ssl", "none"}

// settingsLanguages are the Settings.Language values of the Idioma select, in its order.
var settingsLanguages = []string{app.LanguageAuto, LangSpanish, LangEnglish}

// settingsTab is the Configuración screen: the SMTP server, the default
// recipients, the time zone, the interface's preferences, and what the user
// needs to reach Vigía from outside (API address and token, log folder).
// The form is saved as a whole with Guardar; "Iniciar con el sistema" acts at once.
type settingsTab struct {
	u   *UI
	box fyne.CanvasObject

	loaded   app.Settings // what the form was filled from
	pristine app.Settings // values() right after filling: the form is changed when they differ
	filled   bool         // load ran at least once
	loading  bool         // load is setting widgets: their OnChanged are not edits

	mailMode                   *widget.Label
	host, port, user, from     *widget.Entry
	tls                        *widget.Select
	password                   *widget.Entry
	clearPassword              *widget.Check
	recipients                 *widget.Entry
	page                       *container.Scroll // the form, under a wheelLayer
	zoneFilter                 *widget.Entry
	zoneList                   *widget.List
	zoneListBox                fyne.CanvasObject
	zoneLabel                  *widget.Label
	zones                      []string // the zones the filter lets through
	zone                       string   // the chosen zone
	language                   *widget.Select
	notifySuccess, closeToTray *widget.Check

	// per variable: the note that the environment sets it, and the message of
	// a failed validation
	notes map[string]*widget.Label
	errs  map[string]*widget.Label

	mail    *testMailBox
	desktop *desktopBox

	save, discard *widget.Button
	status        *widget.Label
}

func newSettingsTab(u *UI) *settingsTab {
	t := &settingsTab{u: u, notes: map[string]*widget.Label{}, errs: map[string]*widget.Label{}}
	t.mail = newTestMailBox(t)
	t.desktop = newDesktopBox(u)

	edited := func(string) { t.onEdited() }
	t.mailMode = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	t.host = &widget.Entry{PlaceHolder: T("config.servidor.ejemplo"), OnChanged: edited}
	t.port = &widget.Entry{PlaceHolder: T("config.puerto.ejemplo"), OnChanged: edited}
	t.tls = widget.NewSelect([]string{T("config.tls.starttls"), T("config.tls.ssl"), T("config.tls.ninguno")}, edited)
	t.tls.PlaceHolder = T("config.tls.segun_puerto")
	t.user = &widget.Entry{PlaceHolder: T("config.usuario.ejemplo"), OnChanged: edited}
	t.password = widget.NewPasswordEntry()
	t.password.OnChanged = edited
	t.clearPassword = widget.NewCheck(T("config.borrar_contrasena"), t.onClearPassword)
	t.from = &widget.Entry{PlaceHolder: T("config.remitente.ejemplo"), OnChanged: edited}
	// The recipients grow with the list, never scroll inside the page.
	t.recipients = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapOff, Scroll: fyne.ScrollNone,
		PlaceHolder: T("config.destinatarios.ejemplo"), OnChanged: t.onRecipientsChanged}

	t.zoneFilter = &widget.Entry{PlaceHolder: T("config.zona.buscar"), OnChanged: t.onZoneFilter}
	t.zones = ianaZones
	t.zoneList = widget.NewList(
		func() int { return len(t.zones) },
		func() fyne.CanvasObject { return widget.NewLabel("America/Argentina/Buenos_Aires") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.zones[i]) },
	)
	t.zoneList.OnSelected = t.onZoneSelected
	t.zoneLabel = &widget.Label{Wrapping: fyne.TextWrapWord}

	t.language = widget.NewSelect([]string{T("config.idioma.automatico"), T("config.idioma.es"), T("config.idioma.en")}, edited)
	t.notifySuccess = widget.NewCheck(T("config.notificar_exito"), func(bool) { t.onEdited() })
	t.closeToTray = widget.NewCheck(T("config.cerrar_bandeja"), func(bool) { t.onEdited() })

	t.save = &widget.Button{Text: T("config.guardar"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: t.onSave}
	t.discard = &widget.Button{Text: T("config.descartar"), Icon: theme.ContentUndoIcon(), OnTapped: t.onDiscard}
	t.save.Disable()
	t.discard.Disable()
	t.status = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	t.status.Hide()

	t.box = t.layout()
	return t
}

func (t *settingsTab) object() fyne.CanvasObject { return t.box }

// refresh re-reads the settings, unless the user is editing them.
func (t *settingsTab) refresh() {
	t.desktop.refresh()
	if t.filled && t.changed() {
		return
	}
	ctx, cancel := t.u.ctx()
	defer cancel()
	s, err := t.u.deps.Settings.Settings(ctx)
	if err != nil {
		t.setStatus(T("config.error_leer", map[string]any{"Error": err.Error()}), widget.DangerImportance)
		return
	}
	t.load(s)
}

// onEvent: no event of the core concerns the settings.
func (t *settingsTab) onEvent(app.Event) {}

// layout arranges the sections in a scrolled page, Guardar and Descartar below.
func (t *settingsTab) layout() fyne.CanvasObject {
	passwordBox := container.NewVBox(t.password, t.clearPassword)
	zoneMin := canvas.NewRectangle(color.Transparent)
	zoneMin.SetMinSize(fyne.NewSize(0, 200))
	t.zoneListBox = container.NewStack(zoneMin, t.zoneList)

	smtp := container.NewVBox(
		t.mailMode,
		container.New(layout.NewFormLayout(),
			settingsTitle(T("config.servidor")), t.field(envHost, t.host),
			settingsTitle(T("config.puerto")), t.field(envPort, t.port),
			settingsTitle(T("config.tls")), t.field(envTLS, t.tls),
			settingsTitle(T("config.usuario")), t.field(envUser, t.user),
			settingsTitle(T("config.contrasena")), t.field(envPassword, passwordBox),
			settingsTitle(T("config.remitente")), t.field(envFrom, t.from),
		),
		widget.NewSeparator(),
		t.mail.object(),
	)
	fourRows := widget.NewMultiLineEntry()
	fourRows.SetMinRowsVisible(4)
	recipientsMin := canvas.NewRectangle(color.Transparent)
	recipientsMin.SetMinSize(fyne.NewSize(0, fourRows.MinSize().Height))
	recipients := container.NewVBox(
		settingsHint(T("config.destinatarios.ayuda")),
		t.field(envRecipients, container.NewStack(recipientsMin, t.recipients)),
	)
	zone := t.field(envZone, container.NewVBox(t.zoneLabel, t.zoneFilter, t.zoneListBox))

	trayNote := settingsHint(T("config.sin_bandeja"))
	if t.u.deps.TrayHost {
		trayNote.Hide()
	} else {
		t.closeToTray.Disable()
	}
	iface := container.New(layout.NewFormLayout(),
		settingsTitle(T("config.idioma")), t.field(app.FieldLanguage, t.language),
		layout.NewSpacer(), t.notifySuccess,
		layout.NewSpacer(), container.NewVBox(t.closeToTray, trayNote),
	)
	if auto := t.desktop.autostartObject(); auto != nil {
		iface.Add(layout.NewSpacer())
		iface.Add(auto)
	}

	page := container.NewVBox(
		&widget.Card{Title: T("config.seccion.correo"), Content: smtp},
		&widget.Card{Title: T("config.seccion.destinatarios"), Content: recipients},
		&widget.Card{Title: T("config.seccion.zona"), Content: zone},
		&widget.Card{Title: T("config.seccion.interfaz"), Content: iface},
		&widget.Card{Title: T("config.seccion.acceso"), Content: t.desktop.object()},
	)
	bar := container.NewVBox(t.status, container.NewHBox(t.save, t.discard))
	wheel, scroll := newWheelPage(page, t.u.fyne.Driver().AbsolutePositionForObject, wheelList{t.zoneList, t.zoneListBox})
	t.page = scroll
	return container.NewBorder(nil, container.NewPadded(bar), nil, nil, wheel)
}

// field is w with, under it, the note that an environment variable sets it
// and the message of a failed validation, both hidden until needed.
func (t *settingsTab) field(key string, w fyne.CanvasObject) fyne.CanvasObject {
	note := settingsHint(T("config.desde_entorno", map[string]any{"Var": key}))
	note.Hide()
	msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, Selectable: true}
	msg.Hide()
	t.notes[key], t.errs[key] = note, msg
	return container.NewVBox(w, note, msg)
}

func settingsTitle(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
}

// settingsHint is a secondary explanation under a field.
func settingsHint(text string) *widget.Label {
	return &widget.Label{Text: text, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
}

// load fills the form from s, with the environment's values read-only.
func (t *settingsTab) load(s app.Settings) {
	t.loading = true
	defer func() {
		t.loading = false
		t.pristine = t.values()
		t.filled = true
		t.updateButtons()
	}()
	t.loaded = s
	env := func(name, stored string) string {
		if v, ok := s.FromEnv[name]; ok {
			return v
		}
		return stored
	}

	t.mailMode.SetText(T("config.modo_correo", map[string]any{"Modo": s.MailMode}))
	if s.MailMode == "" {
		t.mailMode.Hide()
	} else {
		t.mailMode.Show()
	}
	t.host.SetText(env(envHost, s.SMTPHost))
	t.port.SetText(env(envPort, s.SMTPPort))
	if i := slices.Index(settingsTLSModes, strings.ToLower(strings.TrimSpace(env(envTLS, s.SMTPTLS)))); i >= 0 {
		t.tls.SetSelectedIndex(i)
	} else {
		t.tls.ClearSelected()
	}
	t.user.SetText(env(envUser, s.SMTPUser))
	t.from.SetText(env(envFrom, s.SMTPFrom))

	// The stored password never comes back: the entry starts empty and says
	// whether one is kept.
	t.password.SetText("")
	t.password.PlaceHolder = ""
	if s.PasswordStored {
		t.password.PlaceHolder = T("config.contrasena.guardada")
	}
	t.password.Refresh()
	t.clearPassword.SetChecked(false)

	recipients := s.DefaultRecipients
	if v, ok := s.FromEnv[envRecipients]; ok {
		recipients = settingsRecipients(v)
	}
	t.recipients.SetText(strings.Join(recipients, "\n"))
	t.mail.prefill(recipients)

	t.zone = env(envZone, s.Zone)
	t.zoneFilter.SetText("")
	t.onZoneFilter("")
	t.showZone()

	t.language.SetSelectedIndex(max(slices.Index(settingsLanguages, s.Language), 0))
	t.notifySuccess.SetChecked(s.NotifySuccess)
	t.closeToTray.SetChecked(s.CloseToTray)

	t.applyEnv(s.FromEnv)
	t.hideErrors()
}

// applyEnv makes the fields the environment sets read-only, each with its note.
func (t *settingsTab) applyEnv(fromEnv map[string]string) {
	widgets := map[string][]fyne.Disableable{
		envHost:       {t.host},
		envPort:       {t.port},
		envTLS:        {t.tls},
		envUser:       {t.user},
		envPassword:   {t.password, t.clearPassword},
		envFrom:       {t.from},
		envRecipients: {t.recipients},
		envZone:       {t.zoneFilter},
	}
	for name, ws := range widgets {
		_, set := fromEnv[name]
		for _, w := range ws {
			if set {
				w.Disable()
			} else {
				w.Enable()
			}
		}
		if set {
			t.notes[name].Show()
		} else {
			t.notes[name].Hide()
		}
	}
	if _, set := fromEnv[envZone]; set {
		t.zoneListBox.Hide()
	} else {
		t.zoneListBox.Show()
	}
	if !t.loaded.PasswordStored {
		t.clearPassword.Disable()
	}
}

// values is the form as Settings to save or to test with.
func (t *settingsTab) values() app.Settings {
	s := app.Settings{
		SMTPHost:          strings.TrimSpace(t.host.Text),
		SMTPPort:          strings.TrimSpace(t.port.Text),
		SMTPUser:          strings.TrimSpace(t.user.Text),
		SMTPFrom:          strings.TrimSpace(t.from.Text),
		SMTPPassword:      t.password.Text, // verbatim: blanks may belong to it
		ClearPassword:     t.clearPassword.Checked,
		DefaultRecipients: settingsRecipients(t.recipients.Text),
		Zone:              t.zone,
		NotifySuccess:     t.notifySuccess.Checked,
		CloseToTray:       t.closeToTray.Checked,
	}
	if i := t.tls.SelectedIndex(); i >= 0 {
		s.SMTPTLS = settingsTLSModes[i]
	}
	if i := t.language.SelectedIndex(); i >= 0 {
		s.Language = settingsLanguages[i]
	}
	return s
}

// changed reports whether the form differs from what was loaded.
func (t *settingsTab) changed() bool { return !reflect.DeepEqual(t.values(), t.pristine) }

// updateButtons enables Guardar for a changed form whose recipients are
// valid, and Descartar for a changed one.
func (t *settingsTab) updateButtons() {
	changed := t.changed()
	if changed && settingsRecipientsProblem(t.recipients.Text) == "" {
		t.save.Enable()
	} else {
		t.save.Disable()
	}
	if changed {
		t.discard.Enable()
	} else {
		t.discard.Disable()
	}
}

// onEdited follows every edit of the form.
func (t *settingsTab) onEdited() {
	if t.loading {
		return
	}
	t.status.Hide()
	t.updateButtons()
}

func (t *settingsTab) onClearPassword(clear bool) {
	if clear {
		t.password.SetText("")
		t.password.Disable()
	} else if _, env := t.loaded.FromEnv[envPassword]; !env {
		t.password.Enable()
	}
	t.onEdited()
}

// onRecipientsChanged checks the addresses as they are typed.
func (t *settingsTab) onRecipientsChanged(text string) {
	if t.loading {
		return
	}
	t.setFieldError(envRecipients, settingsRecipientsProblem(text))
	t.onEdited()
}

// settingsRecipients is the addresses of text: one per line (commas and
// semicolons also separate, as pasted from a mail client), blanks dropped.
func settingsRecipients(text string) []string {
	out := []string{}
	for _, a := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// settingsRecipientsProblem says what is wrong with the addresses of text, "" when nothing.
func settingsRecipientsProblem(text string) string {
	addrs := settingsRecipients(text)
	for _, a := range addrs {
		if !app.ValidAddress(a) {
			return T("config.destinatario_invalido", map[string]any{"Direccion": a})
		}
	}
	if len(addrs) > app.MaxRecipients {
		return T("config.demasiados_destinatarios", map[string]any{"N": len(addrs), "Max": app.MaxRecipients})
	}
	return ""
}

// onZoneFilter narrows the zone list to the zones matching the typed text.
func (t *settingsTab) onZoneFilter(query string) {
	t.zones = filterZones(ianaZones, query)
	t.zoneList.UnselectAll()
	t.zoneList.Refresh()
	if i := slices.Index(t.zones, t.zone); i >= 0 {
		t.zoneList.Select(i)
	} else {
		t.zoneList.ScrollToTop()
	}
}

func (t *settingsTab) onZoneSelected(i widget.ListItemID) {
	if i < 0 || i >= len(t.zones) || t.zones[i] == t.zone {
		return
	}
	t.zone = t.zones[i]
	t.showZone()
	t.onEdited()
}

// showZone names the chosen zone with its present offset.
func (t *settingsTab) showZone() {
	if t.zone == "" {
		t.zoneLabel.SetText(T("config.zona.ninguna"))
		return
	}
	t.zoneLabel.SetText(T("config.zona.seleccionada", map[string]any{"Zona": zoneWithOffset(t.zone, t.u.svc.Now())}))
}

// onDiscard puts the loaded settings back in the form.
func (t *settingsTab) onDiscard() {
	t.load(t.loaded)
	t.status.Hide()
}

// onSave validates and stores the form; a rejected field gets its message
// under it and nothing else changes.
func (t *settingsTab) onSave() {
	ctx, cancel := t.u.ctx()
	defer cancel()
	t.hideErrors()
	saved, err := t.u.deps.Settings.SaveSettings(ctx, t.values())
	var invalid *app.ValidationError
	switch {
	case errors.As(err, &invalid):
		t.showFieldErrors(invalid.Fields)
		return
	case err != nil:
		t.u.logError("guardar la configuración", err)
		t.setStatus(T("config.error_guardar", map[string]any{"Error": err.Error()}), widget.DangerImportance)
		return
	}
	t.load(saved)
	t.u.settingsSaved(saved)
	// settingsSaved rebuilds every tab when the language changed: tell the one on screen.
	t.u.settings.setStatus(T("config.guardada"), widget.SuccessImportance)
}

// showFieldErrors puts each message under its field; messages about no
// field of this form go to the status line.
func (t *settingsTab) showFieldErrors(fields map[string]string) {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var other []string
	for _, k := range keys {
		if _, ok := t.errs[k]; ok {
			t.setFieldError(k, fields[k])
		} else {
			other = append(other, fields[k])
		}
	}
	msg := T("config.revise")
	if len(other) > 0 {
		msg += "\n" + strings.Join(other, "\n")
	}
	t.setStatus(msg, widget.DangerImportance)
}

func (t *settingsTab) setFieldError(key, msg string) {
	l := t.errs[key]
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func (t *settingsTab) hideErrors() {
	for k := range t.errs {
		t.setFieldError(k, "")
	}
}

// setStatus shows msg next to Guardar.
func (t *settingsTab) setStatus(msg string, imp widget.Importance) {
	t.status.Importance = imp
	t.status.SetText(msg)
	t.status.Show()
}
