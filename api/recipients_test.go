package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestATriggerWithNoRecipientsAndNoDefaultsIsRefusedSayingHowToSetThem(t *testing.T) {
	// given no default recipients
	e := newEnv(t)

	// when a trigger without recipients is created
	res := e.do("POST", "/api/triggers", body(map[string]any{"destinatarios": `""`})).want(t, http.StatusBadRequest)

	// then the usual error envelope names destinatarios and says how to set
	// default recipients, in Spanish; nothing is saved
	msg, _ := res.fields(t)["destinatarios"].(string)
	for _, want := range []string{"Indique al menos un destinatario", "Configuración → Destinatarios por defecto", "EMAIL_DESTINATARIOS"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errores.destinatarios = %q, want it to contain %q", msg, want)
		}
	}
	if res.Body["success"] != false || !strings.Contains(res.Body["error"].(string), msg) {
		t.Errorf("envelope = %s", res.Raw)
	}
	if list := e.do("GET", "/api/triggers", "").want(t, http.StatusOK).list(t); len(list) != 0 {
		t.Errorf("triggers = %v, want none saved", list)
	}
}

func TestAnEmptyRecipientListUsesTheDefaultsWhenThereAreSome(t *testing.T) {
	// given default recipients
	e := newEnv(t)
	e.svc.SetDefaultRecipients([]string{"gerente@ejemplo.com"})

	// when a trigger without recipients is created, then its list is emptied by an update
	created := e.create(body(map[string]any{"destinatarios": nil}))
	id := idOf(t, created)
	withOwn := e.do("PUT", fmt.Sprintf("/api/triggers/%d", id), `{"destinatarios": "conta@ejemplo.com"}`).want(t, http.StatusOK).data(t)
	emptied := e.do("PUT", fmt.Sprintf("/api/triggers/%d", id), `{"destinatarios": []}`).want(t, http.StatusOK).data(t)

	// then both are accepted: an empty list means "use the defaults"
	for what, got := range map[string]map[string]any{"created": created, "emptied": emptied} {
		if list, ok := got["destinatarios"].([]any); !ok || len(list) != 0 {
			t.Errorf("%s: destinatarios = %#v, want []", what, got["destinatarios"])
		}
	}
	if list, _ := withOwn["destinatarios"].([]any); len(list) != 1 {
		t.Errorf("with its own: destinatarios = %#v", withOwn["destinatarios"])
	}
}
