package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// testMailBox is "Probar correo" in the Configuración tab: it sends a test
// message with the form's values, saved or not, and shows the server's
// answer or the exact error, selectable so the user can copy it.
type testMailBox struct {
	t        *settingsTab
	to       *widget.Entry
	send     *widget.Button
	heading  *widget.Label
	result   *widget.Label // the server's answer or the error, verbatim
	prefills string        // the address last put in to by prefill
}

func newTestMailBox(t *settingsTab) *testMailBox {
	b := &testMailBox{t: t}
	b.to = &widget.Entry{PlaceHolder: T("config.prueba.direccion")}
	b.send = &widget.Button{Text: T("config.prueba.enviar"), Icon: theme.MailSendIcon(), OnTapped: b.onSend}
	b.heading = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.heading.Hide()
	b.result = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true, TextStyle: fyne.TextStyle{Monospace: true}}
	b.result.Hide()
	return b
}

func (b *testMailBox) object() fyne.CanvasObject {
	return container.NewVBox(
		settingsTitle(T("config.prueba")),
		container.NewBorder(nil, nil, nil, b.send, b.to),
		b.heading,
		b.result,
	)
}

// prefill puts the first default recipient in the address, unless the user
// typed another one.
func (b *testMailBox) prefill(recipients []string) {
	first := ""
	if len(recipients) > 0 {
		first = recipients[0]
	}
	if b.to.Text == "" || b.to.Text == b.prefills {
		b.to.SetText(first)
		b.prefills = first
	}
}

// onSend sends in the background; the answer comes back through the bridge.
func (b *testMailBox) onSend() {
	to := strings.TrimSpace(b.to.Text)
	if to == "" {
		b.show(T("config.prueba.sin_direccion"), "", widget.WarningImportance)
		return
	}
	settings, backend, u := b.t.values(), b.t.u.deps.Settings, b.t.u
	b.send.Disable()
	b.send.SetText(T("config.prueba.enviando"))
	b.heading.Hide()
	b.result.Hide()
	u.background(uiTimeout, func(ctx context.Context) func() {
		answer, err := backend.TestMail(ctx, settings, to)
		return func() { b.onSent(to, answer, err) }
	})
}

// onSent shows the answer, or the error: a refused form field by field in
// the chosen language, a failed session in its exact words.
func (b *testMailBox) onSent(to string, answer app.Message, err error) {
	b.send.SetText(T("config.prueba.enviar"))
	b.send.Enable()
	if err != nil {
		b.t.u.logError("correo de prueba", err)
		b.show(T("config.prueba.fallo", map[string]any{"Direccion": to}), errorText(err), widget.DangerImportance)
		return
	}
	b.show(T("config.prueba.enviado", map[string]any{"Direccion": to}), TM(answer), widget.SuccessImportance)
}

// show puts heading over the verbatim text detail ("" hides it).
func (b *testMailBox) show(heading, detail string, imp widget.Importance) {
	b.heading.Importance = imp
	b.heading.SetText(heading)
	b.heading.Show()
	b.result.SetText(detail)
	if detail == "" {
		b.result.Hide()
	} else {
		b.result.Show()
	}
}
