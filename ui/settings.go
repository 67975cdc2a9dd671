package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// The variables whose values the environment can impose, as the core names
// them; they also key the validation messages of a save (with app.FieldLanguage).
var (
	envHost       = app.SettingSMTPHost.EnvVar()
	envPort       = app.SettingSMTPPort.EnvVar()
	envTLS        = app.SettingSMTPTLS.EnvVar()
	envUser       = app.SettingSMTPUser.EnvVar()
	envPassword   = app.SettingSMTPPassword.EnvVar()
	envFrom       = app.SettingSMTPFrom.EnvVar()
	envRecipients = app.SettingDefaultRecipients.EnvVar()
	envZone       = app.SettingZone.EnvVar()
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

	// the tax calendar's horizon, in months (settings_calendar.go)
	horizon       *widget.Entry
	horizonLoaded int  // the horizon the core holds, as last read or saved
	horizonSaving bool // a save of the horizon runs in the background

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
		&widget.Card{Title: T("calendario.config.seccion"), Content: t.horizonSection()},
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
