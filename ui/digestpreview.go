package ui

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// onPreview shows what the selected trigger would e-mail now, sending nothing.
func (t *triggersTab) onPreview() {
	tr, ok := t.selectedTrigger()
	if !ok {
		return
	}
	ctx, cancel := t.u.ctx()
	defer cancel()
	p, err := t.u.svc.PreviewDigest(ctx, tr.ID)
	if err != nil {
		t.u.reportError(err)
		return
	}
	recipients := strings.Join(p.Recipients, ", ")
	if recipients == "" {
		recipients = T("triggers.vista.sin_destinatarios")
	}
	value := func(s string) *widget.Label { return &widget.Label{Text: s, Wrapping: fyne.TextWrapWord} }
	key := func(k string) *widget.Label { return &widget.Label{Text: T(k), TextStyle: fyne.TextStyle{Bold: true}} }
	facts := container.New(layout.NewFormLayout(),
		key(K("triggers.vista.asunto")), value(p.Subject),
		key(K("triggers.vista.destinatarios")), value(recipients),
		key(K("triggers.vista.empresas")), value(strconv.Itoa(p.Companies)),
		key(K("triggers.vista.total_alertas")), value(strconv.Itoa(p.TotalAlerts)),
		key(K("triggers.vista.generada")), value(t.u.formatDateTime(p.GeneratedAt)),
	)
	body := &widget.Label{Text: p.Text, TextStyle: fyne.TextStyle{Monospace: true}}
	open := &widget.Button{Text: T("triggers.vista.abrir_navegador"), Icon: theme.ComputerIcon(),
		Importance: widget.HighImportance, OnTapped: func() { t.openPreviewHTML(p) }}
	content := container.NewBorder(container.NewVBox(facts, container.NewHBox(open), widget.NewSeparator()), nil, nil, nil,
		container.NewScroll(body))
	d := dialog.NewCustom(T("triggers.vista.titulo", map[string]any{"Nombre": p.TriggerName}), T("triggers.cerrar"), content, t.u.win)
	t.u.showDialog(d, fyne.NewSize(820, 600))
}

// openPreviewHTML writes the preview's HTML to a temporary file and opens it
// in the browser: the e-mail as its recipients will see it.
func (t *triggersTab) openPreviewHTML(p app.DigestPreview) {
	path, err := writePreviewHTML(p.HTML)
	if err != nil {
		t.u.reportError(err)
		return
	}
	link, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = t.openURL(link)
	}
	if err != nil {
		t.u.reportError(fmt.Errorf("abrir la vista previa en el navegador (%s): %w", path, err))
	}
}

// writePreviewHTML saves html in a new temporary file and returns its path.
// The file outlives the call: the browser reads it later.
func writePreviewHTML(html string) (string, error) {
	f, err := os.CreateTemp("", "vigia-vista-previa-*.html")
	if err != nil {
		return "", fmt.Errorf("crear el archivo de la vista previa: %w", err)
	}
	if _, err := f.WriteString(html); err != nil {
		_ = f.Close()
		return "", fmt.Errorf("escribir la vista previa en %s: %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("escribir la vista previa en %s: %w", f.Name(), err)
	}
	return f.Name(), nil
}

// onSendTest asks for an address and sends the selected trigger's digest
// there now. The send is recorded in the history with origen prueba; its
// outcome is reported when it finishes (reportTest).
func (t *triggersTab) onSendTest() {
	tr, ok := t.selectedTrigger()
	if !ok {
		return
	}
	problem := editorErrorLabel()
	address := extended(&formEntry{Entry: widget.Entry{PlaceHolder: "admin@ejemplo.com"}})
	if suggested := append(tr.Recipients, t.u.svc.DefaultRecipients()...); len(suggested) > 0 {
		address.Text = suggested[0]
	}
	var d *dialog.CustomDialog
	send := &widget.Button{Text: T("triggers.prueba.enviar"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance}
	cancel := &widget.Button{Text: T("triggers.cancelar"), Icon: theme.CancelIcon(), OnTapped: func() { d.Hide() }}
	check := func(s string) {
		why := ""
		if a := strings.TrimSpace(s); a != "" {
			if problem := app.AddressProblem(a); problem != nil {
				why = TM(*problem)
			}
		}
		problem.SetText(why)
		problem.Hidden = why == ""
		problem.Refresh()
		triggerSetEnabled(send, why == "" && strings.TrimSpace(s) != "")
	}
	address.OnChanged = check
	send.OnTapped = func() {
		if t.sendTest(tr, address.Text, problem) {
			d.Hide()
		}
	}
	check(address.Text)
	intro := &widget.Label{Text: T("triggers.prueba.explicacion", map[string]any{"Nombre": tr.Name}), Wrapping: fyne.TextWrapWord}
	content := container.NewVBox(intro, address, problem)
	d = dialog.NewCustomWithoutButtons(T("triggers.prueba.titulo"), content, t.u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, send})
	t.u.showForm(d, fyne.NewSize(480, 240), d.Hide)
	t.u.win.Canvas().Focus(address)
}

// sendTest starts the test send; false (and why under the address) when the core refuses it.
func (t *triggersTab) sendTest(tr app.Trigger, address string, problem *widget.Label) bool {
	ctx, cancel := t.u.ctx()
	defer cancel()
	x, err := t.u.svc.SendTest(ctx, tr.ID, address)
	if err != nil {
		t.u.logError("enviar prueba", err)
		problem.SetText(errorText(err))
		problem.Show()
		return false
	}
	t.pending[tr.ID] = x.ID
	t.tests[x.ID] = strings.TrimSpace(address)
	t.refresh()
	return true
}

// reportTest tells how the test send x to addr ended.
func (t *triggersTab) reportTest(x app.Execution, addr string) {
	var msg string
	switch x.State {
	case app.StateSucceeded:
		msg = T("triggers.prueba.enviada", map[string]any{"Direccion": addr, "Alertas": x.Alerts, "Nombre": x.TriggerName})
	default:
		reason := runReason(x)
		if reason == "" {
			reason = stateLabel(x.State)
		}
		msg = T("triggers.prueba.fallida", map[string]any{"Direccion": addr, "Motivo": reason})
	}
	if !t.u.shown {
		t.u.sendNotification(fyne.NewNotification(T("triggers.prueba.titulo"), msg))
		return
	}
	text := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom(T("triggers.prueba.titulo"), T("triggers.cerrar"), text, t.u.win)
	t.u.showDialog(d, fyne.NewSize(480, 200))
}
