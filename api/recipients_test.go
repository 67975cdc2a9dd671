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

func TestRecipientsAsTextAreReadByTheCoresOneParser(t *testing.T) {
	// given a trigger whose recipients are one text as a user pastes them:
	// new lines, semicolons and commas, with a repeat in another case
	e := newEnv(t)
	got := e.create(body(map[string]any{"destinatarios": `"conta@ejemplo.com;\ngerente@ejemplo.com, CONTA@ejemplo.com"`}))

	// then the list is the addresses once each, in order
	list, _ := got["destinatarios"].([]any)
	if len(list) != 2 || list[0] != "conta@ejemplo.com" || list[1] != "gerente@ejemplo.com" {
		t.Errorf("destinatarios = %#v, want [conta@ejemplo.com gerente@ejemplo.com]", got["destinatarios"])
	}

	// and a bad address in the text is refused with the core's reason, in Spanish
	res := e.do("POST", "/api/triggers", body(map[string]any{"destinatarios": `"conta@ejemplo.com; gerente.ejemplo.com"`})).want(t, http.StatusBadRequest)
	want := `Dirección de correo inválida "gerente.ejemplo.com": falta la @ (por ejemplo admin@ejemplo.com).`
	if msg, _ := res.fields(t)["destinatarios"].(string); msg != want {
		t.Errorf("errores.destinatarios = %q, want %q", msg, want)
	}
}

func TestABadRecipientTextIsReportedWithTheOtherBadFields(t *testing.T) {
	// given a body whose recipients text and time are both wrong
	e := newEnv(t)
	res := e.do("POST", "/api/triggers", body(map[string]any{"destinatarios": `"ana@"`, "hora": `"25:00"`})).want(t, http.StatusBadRequest)

	// then one answer names both fields, as it would for a list of recipients
	fields := res.fields(t)
	for _, f := range []string{"destinatarios", "hora"} {
		if msg, _ := fields[f].(string); msg == "" {
			t.Errorf("errores lacks %s: %v", f, fields)
		}
	}
}

func TestANextRunsCountThatIsNotANumberReadsLikeOneOutOfRange(t *testing.T) {
	// given a trigger
	e := newEnv(t)
	path := fmt.Sprintf("/api/triggers/%d/proximas", idOf(t, e.create(seedDaily)))

	// when n is not a number, or out of range
	text := e.do("GET", path+"?n=abc", "").want(t, http.StatusBadRequest).fields(t)["n"]
	huge := e.do("GET", path+"?n=51", "").want(t, http.StatusBadRequest).fields(t)["n"]

	// then both are the core's one refusal, worded in Spanish
	if text != "n debe estar entre 1 y 50." || huge != text {
		t.Errorf("n=abc: %q, n=51: %q, want both %q", text, huge, "n debe estar entre 1 y 50.")
	}
}
