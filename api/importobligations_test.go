package api_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestTheCSVImportSetsObligationsAndSaysSo(t *testing.T) {
	// given a file with a responsabilidades column: a client with an alert, another alone
	e := newEnv(t)
	file := "empresa;nit;titulo;prioridad;responsabilidades\r\n" +
		"Distribuidora Los Andes;900.123.456-8;Cartera;MEDIA;retencion_fuente|iva_bimestral\r\n" +
		"Ferretería El Tornillo;800197268-4;;;Retención en la fuente\r\n"

	// when it is tried
	dry := e.importCSV("?simular=1", file).want(t, http.StatusOK)

	// then the answer lists each row's obligations and the companies whose obligations change
	d := dry.data(t)
	rows := d["filas"].([]any)
	first, second := rows[0].(map[string]any), rows[1].(map[string]any)
	if first["accion"] != "crear" || !reflect.DeepEqual(first["responsabilidades"], []any{"retencion_fuente", "iva_bimestral"}) ||
		second["accion"] != "empresa" || second["titulo"] != "" || !reflect.DeepEqual(second["responsabilidades"], []any{"retencion_fuente"}) {
		t.Errorf("rows %v", rows)
	}
	changes := d["responsabilidades_cambiadas"].([]any)
	want := map[string]any{"empresa": "Ferretería El Tornillo", "empresa_nueva": true, "antes": []any{}, "ahora": []any{"retencion_fuente"}}
	if len(changes) != 2 || !reflect.DeepEqual(changes[1], want) {
		t.Errorf("changes %v", changes)
	}
	if msg := dry.Body["message"]; msg != "Simulación: se importarían 1 alerta nueva, se actualizarían 0 alertas, se crearían 2 empresas y "+
		"cambiarían las responsabilidades de 2 empresas; no se guardó nada." {
		t.Errorf("message %q", msg)
	}

	// when it is imported
	res := e.importCSV("", file).want(t, http.StatusOK)

	// then the companies owe them, and the calendar wrote their alerts
	if msg, _ := res.Body["message"].(string); !strings.HasSuffix(msg, "cambiaron las responsabilidades de 2 empresas.") {
		t.Errorf("message %q", msg)
	}
	for _, c := range e.do("GET", "/api/empresas", "").want(t, http.StatusOK).list(t) {
		c := c.(map[string]any)
		if len(c["responsabilidades"].([]any)) == 0 {
			t.Errorf("company %v owes nothing", c)
		}
	}
	if total, _ := calendarRows(t, e, "obligacion=retencion_fuente&desde=2025-12-01&hasta=2025-12-31"); total != 2 {
		t.Errorf("%v December withholding alerts, want 2", total)
	}
}

func TestTheCSVImportNamesTheLineOfABadObligation(t *testing.T) {
	e := newEnv(t)

	res := e.importCSV("", "empresa;titulo;prioridad;responsabilidades\nUno;IVA;BAJA;retencion_fuente|predial\n").want(t, http.StatusBadRequest)

	msg, _ := res.fields(t)["linea 2"].(string)
	if !strings.Contains(msg, `Responsabilidad desconocida "predial"`) || !strings.Contains(msg, "retencion_fuente, iva_bimestral") {
		t.Errorf("linea 2: %q", msg)
	}
	if got := e.do("GET", "/api/empresas", "").want(t, http.StatusOK).list(t); len(got) != 0 {
		t.Errorf("a refused file created %v", got)
	}
}
