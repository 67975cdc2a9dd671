package api_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestTheDigestSaysWhereACalendarDateComesFromAndThatItMoved(t *testing.T) {
	// given a client with withholding, a trigger of every priority, and a
	// calendar update that moved its December date from the 17th to the 18th
	e := newEnv(t)
	e.do("POST", "/api/empresas", `{"nombre": "Distribuidora Los Andes", "nit": "900.123.456-8",
		"responsabilidades": ["retencion_fuente"]}`).want(t, http.StatusCreated)
	id := idOf(t, e.create(`{"nombre": "Resumen completo", "frecuencia": "diaria", "hora": "08:00",
		"destinatarios": "admin@ejemplo.com", "prioridades": "CRITICA,ALTA,MEDIA,BAJA"}`))
	e.importCalendar("", "application/json", calendarFile(t, "2026.9", december2025, movedDec2025)).want(t, http.StatusOK)

	// when the trigger runs
	e.do("POST", "/api/triggers/"+itoa(id)+"/ejecutar", "").want(t, http.StatusAccepted)
	e.finished()

	// then both parts of the e-mail cite the source and the move
	mails := e.outbox()
	if len(mails) != 1 {
		t.Fatalf("%d mails, want 1", len(mails))
	}
	for part, body := range map[string]string{"text": mails[0].Text, "HTML": mails[0].HTML} {
		for _, want := range []string{"Retención en la fuente · noviembre 2025", "Fecha cambiada: antes el 17 dic 2025",
			"Fuente: Decreto 2229 de 2023 · calendario DIAN 2025"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s part lacks %q", part, want)
			}
		}
	}
}
