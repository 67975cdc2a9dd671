package config

import (
	"errors"
	"slices"
	"testing"

	"vigia/app"
	"vigia/messages"
)

func TestLiveVariablesAreRefusedWithCodesAndTheConsoleKeepsItsSpanish(t *testing.T) {
	// given a zone and default recipients that cannot be used
	_, err := LoadLive(envOf(map[string]string{"VIGIA_TZ": "Local", "EMAIL_DESTINATARIOS": "admin@ejemplo.com; Ana <ana@ejemplo.com>"}))

	// then each variable carries its code, for the desktop to word, and its Spanish words, for the console
	var bad VarErrors
	if !errors.As(err, &bad) || len(bad) != 2 {
		t.Fatalf("LoadLive error %v, want two VarErrors", err)
	}
	want := []struct {
		variable string
		code     app.Code
		es, en   string
	}{
		{"VIGIA_TZ", app.CodeZoneNotIANA,
			`VIGIA_TZ inválido: "Local" no es una zona IANA; use por ejemplo America/Bogota`,
			`Invalid VIGIA_TZ: "Local" is not an IANA zone; use for example America/Bogota`},
		{"EMAIL_DESTINATARIOS", app.CodeDefaultRecipientsInvalid,
			`EMAIL_DESTINATARIOS inválido: Dirección de correo inválida "Ana <ana@ejemplo.com>": escriba solo la dirección, sin nombre, espacios ni signos <>, por ejemplo admin@ejemplo.com.`,
			`Invalid EMAIL_DESTINATARIOS: Invalid e-mail address "Ana <ana@ejemplo.com>": write the address only, without a name, spaces or <> signs, for example admin@example.com.`},
	}
	for i, w := range want {
		v := bad[i]
		if v.Var != w.variable || v.Problem.Code != w.code {
			t.Errorf("error %d: %s %v, want %s %s", i, v.Var, v.Problem, w.variable, w.code)
		}
		if v.Msg != w.es || messages.Text("es", v.Problem) != w.es {
			t.Errorf("%s console words %q, want %q", w.variable, v.Msg, w.es)
		}
		if got := messages.Text("en", v.Problem); got != w.en {
			t.Errorf("%s in English %q, want %q", w.variable, got, w.en)
		}
	}
}

func TestDefaultRecipientsAreReadLikeEverywhereElse(t *testing.T) {
	// given EMAIL_DESTINATARIOS as a user would type it: semicolons, a repeat in another case
	live, err := LoadLive(envOf(map[string]string{"EMAIL_DESTINATARIOS": "admin@ejemplo.com; gerente@ejemplo.com,ADMIN@ejemplo.com"}))

	// then it is the core's one reading of a list
	want := []string{"admin@ejemplo.com", "gerente@ejemplo.com"}
	if err != nil || !slices.Equal(live.DefaultRecipients, want) {
		t.Errorf("DefaultRecipients %v (err %v), want %v", live.DefaultRecipients, err, want)
	}
}
