package ui

import "vigia/app"

// The default recipients box of Configuración: its addresses, checked as typed.

// onRecipientsChanged checks the addresses as they are typed.
func (t *settingsTab) onRecipientsChanged(text string) {
	if t.loading {
		return
	}
	t.setFieldError(envRecipients, settingsRecipientsProblem(text))
	t.onEdited()
}

// settingsRecipients is the addresses of text as the core reads a
// recipients list (app.ParseRecipients); none while one is wrong.
func settingsRecipients(text string) []string {
	addrs, _ := app.ParseRecipients(text)
	if addrs == nil {
		return []string{}
	}
	return addrs
}

// settingsRecipientsProblem says what is wrong with the addresses of text,
// in the chosen language; "" when nothing.
func settingsRecipientsProblem(text string) string {
	if _, problem := app.ParseRecipients(text); problem != nil {
		return TM(*problem)
	}
	return ""
}
