package ui

import (
	"strings"

	"fyne.io/fyne/v2"

	"vigia/app"
)

// maxReasonRunes keeps a failure's reason short enough for a notification.
const maxReasonRunes = 140

// notify turns core events into desktop notifications: every failure, every
// recovery after sleep or shutdown, and successes unless the setting turns
// them off. E-mail stays the channel users rely on: a notification that
// security software blocks loses nothing.
func (u *UI) notify(e app.Event) {
	if n := u.notification(e); n != nil {
		u.sendNotification(n)
	}
}

// sendNotification shows n on the desktop, where the session can.
func (u *UI) sendNotification(n *fyne.Notification) {
	if u.deps.NoNotifications {
		return
	}
	u.fyne.SendNotification(n)
}

// notification is the notification an event deserves, or nil.
func (u *UI) notification(e app.Event) *fyne.Notification {
	switch e.Kind {
	case app.EventRunFinished:
		x := e.Execution
		switch x.State {
		case app.StateFailed:
			return fyne.NewNotification(T("notif.fallo.titulo", map[string]any{"Trigger": x.TriggerName}),
				shortReason(runReason(x)))
		case app.StateSucceeded:
			if !u.prefs.NotifySuccess {
				return nil
			}
			if !e.Delivery.Sent {
				return fyne.NewNotification("Vigía", T("notif.exito.sin_alertas", map[string]any{"Trigger": x.TriggerName}))
			}
			key := K("notif.exito")
			if x.MailRoute == app.MailRouteOutbox {
				key = K("notif.exito.bandeja") // nobody received it yet: do not say "sent"
			}
			return fyne.NewNotification("Vigía", T(key, map[string]any{
				"Trigger": x.TriggerName, "Alertas": x.Notified, "Destinatarios": len(x.Recipients),
			}))
		}
	case app.EventRecovered:
		r := e.Recovery
		if r.Recovered == 0 && r.Missed == 0 && r.Uncounted == 0 {
			return nil
		}
		return fyne.NewNotification(T("notif.recuperacion.titulo"), T("notif.recuperacion", map[string]any{
			"Recuperadas": r.Recovered, "Perdidas": r.Missed + r.Uncounted,
		}))
	}
	return nil
}

// shortReason is the first line of an error, cut to fit a notification.
func shortReason(err string) string {
	if i := strings.IndexByte(err, '\n'); i >= 0 {
		err = err[:i]
	}
	r := []rune(strings.TrimSpace(err))
	if len(r) > maxReasonRunes {
		return string(r[:maxReasonRunes-1]) + "…"
	}
	if len(r) == 0 {
		return T("notif.fallo.sin_detalle")
	}
	return string(r)
}
