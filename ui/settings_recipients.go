package ui

import (
	"strings"

	"vigia/app"
)

// The default recipients box of Configuración: its addresses, checked as typed.

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
