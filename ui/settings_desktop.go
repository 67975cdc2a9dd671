package ui

import (
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// desktopBox is the part of the Configuración tab about this computer:
// "Iniciar con el sistema" (applied at once, not by Guardar), the local API's
// address and token, the log folder and the version.
type desktopBox struct {
	u            *UI
	autostart    *widget.Check
	autostartErr *widget.Label
	loading      bool // refresh is setting the check: not the user's doing
	copied       *widget.Label
	logsErr      *widget.Label
}

func newDesktopBox(u *UI) *desktopBox {
	d := &desktopBox{u: u}
	d.autostart = widget.NewCheck(T("config.autostart"), d.onAutostart)
	d.autostartErr = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, Selectable: true}
	d.autostartErr.Hide()
	d.copied = &widget.Label{Text: T("config.token_copiado"), Importance: widget.SuccessImportance}
	d.copied.Hide()
	d.logsErr = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, Selectable: true}
	d.logsErr.Hide()
	return d
}

// autostartObject is the check with its note; disabled with the reason when
// this program cannot be started at logon; nil when the platform offers no
// autostart.
func (d *desktopBox) autostartObject() fyne.CanvasObject {
	if d.u.deps.Autostart == nil {
		if d.u.deps.AutostartWhyNot == AutostartTemporaryBuild {
			d.autostart.Disable()
			return container.NewVBox(d.autostart, settingsHint(T("config.autostart.temporal")))
		}
		return nil
	}
	return container.NewVBox(d.autostart, settingsHint(T("config.autostart.nota")), d.autostartErr)
}

// object is the API address and token, the log folder and the version.
func (d *desktopBox) object() fyne.CanvasObject {
	addr := "—"
	if d.u.deps.APIAddr != "" {
		addr = "http://" + d.u.deps.APIAddr
	}
	copyToken := &widget.Button{Text: T("config.copiar_token"), Icon: theme.ContentCopyIcon(), OnTapped: d.onCopyToken}
	if d.u.deps.Token == "" {
		copyToken.Disable()
	}
	form := container.New(layout.NewFormLayout(),
		settingsTitle(T("config.api")), &widget.Label{Text: addr, Selectable: true},
		layout.NewSpacer(), container.NewHBox(copyToken, d.copied),
	)
	if d.u.deps.LogFile != "" {
		open := &widget.Button{Text: T("config.abrir_registros"), Icon: theme.FolderOpenIcon(), OnTapped: d.onOpenLogs}
		form.Add(settingsTitle(T("config.registros")))
		form.Add(container.NewVBox(
			&widget.Label{Text: d.u.deps.LogFile, Selectable: true, Wrapping: fyne.TextWrapBreak},
			container.NewHBox(open), d.logsErr))
	}
	form.Add(settingsTitle(T("config.version")))
	form.Add(&widget.Label{Text: d.u.deps.Version, Selectable: true})
	return form
}

// refresh shows whether Vigía starts with the system now.
func (d *desktopBox) refresh() {
	if d.u.deps.Autostart == nil {
		return
	}
	on, err := d.u.deps.Autostart.Enabled()
	if err != nil {
		d.showAutostartError(err)
		return
	}
	d.setAutostart(on)
}

func (d *desktopBox) setAutostart(on bool) {
	d.loading = true
	d.autostart.SetChecked(on)
	d.loading = false
}

func (d *desktopBox) onAutostart(on bool) {
	if d.loading {
		return
	}
	a := d.u.deps.Autostart
	err := a.Disable()
	if on {
		err = a.Enable()
	}
	if err != nil {
		d.u.logError("iniciar con el sistema", err)
		d.showAutostartError(err)
		d.setAutostart(!on)
		return
	}
	d.autostartErr.Hide()
}

func (d *desktopBox) showAutostartError(err error) {
	d.autostartErr.SetText(T("config.autostart.error", map[string]any{"Error": err.Error()}))
	d.autostartErr.Show()
}

// onCopyToken puts the API's token in the clipboard, never on screen.
func (d *desktopBox) onCopyToken() {
	d.u.fyne.Clipboard().SetContent(d.u.deps.Token)
	d.copied.Show()
}

func (d *desktopBox) onOpenLogs() {
	if err := d.u.fyne.OpenURL(logFolderURL(filepath.Dir(d.u.deps.LogFile))); err != nil {
		d.u.logError("abrir la carpeta de registros", err)
		d.logsErr.SetText(T("config.abrir_registros.error", map[string]any{"Error": err.Error()}))
		d.logsErr.Show()
		return
	}
	d.logsErr.Hide()
}

// logFolderURL is the file:// URL of dir ("C:\Users\ana" -> file:///C:/Users/ana).
func logFolderURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
