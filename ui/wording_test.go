package ui

import (
	"strings"
	"testing"
)

// The scheduler has one name in Spanish, the seed's own («Scheduler iniciado
// correctamente»), and one word for each of its states wherever it shows.
func TestSpanishNamesTheSchedulerOneWay(t *testing.T) {
	es, err := languageMessages(LangSpanish)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range es {
		text, _ := v.(string)
		lower := strings.ToLower(text)
		if strings.Contains(lower, "planificador") || strings.Contains(lower, "programador") {
			t.Errorf("%s = %q: the seed calls it «scheduler»", k, text)
		}
	}
	running, _ := es["triggers.scheduler_activo"].(string)
	home, _ := es["inicio.estado.activo"].(string)
	if running == "" || !strings.HasPrefix(home, running+":") {
		t.Errorf("Triggers says %q while Inicio says %q: one wording for the running scheduler", running, home)
	}
}
