package app_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"vigia/app"
)

// recipientsField is the destinatarios message of err, none when there is none.
func recipientsField(err error) app.Message {
	var v *app.ValidationError
	if !errors.As(err, &v) {
		return app.Message{}
	}
	return v.Problems["destinatarios"]
}

// saysHowToSetDefaults reports whether m is the refusal that tells how to
// set default recipients (its words are checked in package messages).
func saysHowToSetDefaults(m app.Message) bool {
	return m.Code == app.CodeRecipientsRequired
}

func dailyDraft(name string, recipients ...string) app.TriggerDraft {
	return app.TriggerDraft{
		Name: ptr(name), Frequency: ptr("diaria"), Time: ptr("08:00"),
		Recipients: &recipients, Priorities: ptr([]string{"CRITICA"}),
	}
}

func TestATriggerWithNoRecipientsAndNoDefaultsIsRefused(t *testing.T) {
	// given no default recipients
	w := newWorld(t)
	ctx := context.Background()

	// when a trigger without recipients is checked and saved
	check := w.svc.CheckDraft(nil, dailyDraft("Sin nadie"), 0)
	_, err := w.svc.CreateTrigger(ctx, dailyDraft("Sin nadie"))

	// then both refuse it on destinatarios, saying how to set defaults, and nothing is stored
	for what, err := range map[string]error{"check": check.Err, "create": err} {
		if msg := recipientsField(err); !saysHowToSetDefaults(msg) {
			t.Errorf("%s: destinatarios = %v (error %v), want how to set default recipients", what, msg, err)
		}
	}
	if ts, err := w.svc.Triggers(ctx); err != nil || len(ts) != 0 {
		t.Errorf("triggers = %v, %v; want none stored", ts, err)
	}
}

func TestAnEmptyRecipientListMeansTheDefaultsWhenThereAreSome(t *testing.T) {
	// given default recipients
	w := newWorld(t, withDefaults("gerente@ejemplo.com"))

	// when a trigger without recipients of its own is saved
	tr, err := w.svc.CreateTrigger(context.Background(), dailyDraft("Por defecto"))

	// then it is stored with an empty list, which means the defaults
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if len(tr.Recipients) != 0 {
		t.Errorf("recipients = %v, want none of its own", tr.Recipients)
	}
}

func TestEmptyingTheRecipientsWithoutDefaultsIsRefusedAndKeepsTheTrigger(t *testing.T) {
	// given a trigger with its own recipient and no defaults
	w := newWorld(t)
	ctx := context.Background()
	tr := w.trigger(t, "Propio", []string{"conta@ejemplo.com"}, "CRITICA")

	// when an update empties its list
	_, err := w.svc.UpdateTrigger(ctx, tr.ID, app.TriggerDraft{Recipients: &[]string{}})

	// then it is refused, and the stored trigger keeps its recipient
	if msg := recipientsField(err); !saysHowToSetDefaults(msg) {
		t.Errorf("destinatarios = %v (error %v)", msg, err)
	}
	got, err := w.svc.Trigger(ctx, tr.ID)
	if err != nil || len(got.Recipients) != 1 || got.Recipients[0] != "conta@ejemplo.com" {
		t.Errorf("stored = %v, %v; want conta@ejemplo.com kept", got.Recipients, err)
	}
}

func TestDefaultRecipientsCannotBeClearedWhileATriggerReliesOnThem(t *testing.T) {
	// given defaults, two triggers relying on them and one with its own
	w := newWorld(t, withDefaults("gerente@ejemplo.com"))
	ctx := context.Background()
	w.trigger(t, "Diario", nil, "CRITICA")
	w.trigger(t, "Semanal", nil, "CRITICA")
	w.trigger(t, "Propio", []string{"conta@ejemplo.com"}, "CRITICA")

	// when Configuración asks to clear them, or to change them
	cleared := w.svc.CheckDefaultRecipients(ctx, nil)
	changed := w.svc.CheckDefaultRecipients(ctx, []string{"otro@ejemplo.com"})

	// then clearing is refused naming the triggers that rely on them; a change is fine
	var v *app.ValidationError
	if !errors.As(cleared, &v) {
		t.Fatalf("clear = %v, want a *ValidationError", cleared)
	}
	m := v.Problems["EMAIL_DESTINATARIOS"]
	if names, _ := m.Args["Names"].([]string); m.Code != app.CodeDefaultRecipientsInUse || m.Args["N"] != 2 || !slices.Equal(names, []string{"Diario", "Semanal"}) {
		t.Errorf("message = %v, want the two triggers without recipients", m)
	}
	if changed != nil {
		t.Errorf("change = %v, want allowed", changed)
	}
}

func TestDefaultRecipientsCanBeClearedWhenEveryTriggerHasItsOwn(t *testing.T) {
	// given defaults and only a trigger with its own recipients
	w := newWorld(t, withDefaults("gerente@ejemplo.com"))
	w.trigger(t, "Propio", []string{"conta@ejemplo.com"}, "CRITICA")

	// when Configuración asks to clear them
	err := w.svc.CheckDefaultRecipients(context.Background(), nil)

	// then nothing stops it
	if err != nil {
		t.Errorf("clear = %v, want allowed", err)
	}
}
