package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"vigia/app"
)

// readExport checks the BOM and CRLF of an export and returns its ';' rows.
func readExport(t *testing.T, file []byte) [][]string {
	t.Helper()
	body, ok := strings.CutPrefix(string(file), "\ufeff")
	if !ok {
		t.Fatalf("no BOM: %q", file)
	}
	if !strings.Contains(body, "\r\n") {
		t.Errorf("lines do not end in CRLF: %q", body)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("export is not ';' CSV: %v: %s", err, body)
	}
	return rows
}

func TestExportsWriteExcelCSVThatImportsBackAsUpdates(t *testing.T) {
	// given two companies, an alert due tomorrow (escalated), a formula-like detail and a resolved alert
	w := newWorld(t, withoutTimers()) // Monday 2025-12-08 in Bogotá
	ctx := context.Background()
	espiga, err := w.svc.CreateCompany(ctx, app.CompanyDraft{Name: ptr("Panadería La Espiga"), NIT: ptr("900.123.456-8"), Contact: ptr("gerencia@espiga.co")})
	if err != nil {
		t.Fatal(err)
	}
	tornillo := w.company(t, "Ferretería El Tornillo")
	if _, err := w.svc.UpdateCompany(ctx, tornillo.ID, app.CompanyDraft{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &espiga.ID, Title: ptr("Declaración de IVA"), Priority: ptr("BAJA"), DueOn: ptr("2025-12-09")}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &tornillo.ID, Title: ptr("Resolución"), Detail: ptr("=vence pronto"), Priority: ptr("MEDIA")}); err != nil {
		t.Fatal(err)
	}
	done := w.alert(t, espiga, "Nómina", "ALTA")
	if _, err := w.svc.ResolveAlert(ctx, done.ID, "Enviada"); err != nil {
		t.Fatal(err)
	}

	// when both exports are written
	var alertsFile, companiesFile bytes.Buffer
	if err := w.svc.ExportAlertsCSV(ctx, &alertsFile); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.ExportCompaniesCSV(ctx, &companiesFile); err != nil {
		t.Fatal(err)
	}

	// then
	alerts := readExport(t, alertsFile.Bytes())
	if got := strings.Join(alerts[0], ";"); got != "empresa;nit;titulo;detalle;prioridad;vence_el;prioridad_efectiva;estado;resuelta_en;nota_resolucion;id;responsabilidades" {
		t.Errorf("alerts header %q", got)
	}
	if len(alerts) != 4 {
		t.Fatalf("alerts %q", alerts)
	}
	if got := strings.Join(alerts[1], ";"); got != "Panadería La Espiga;900123456-8;Declaración de IVA;;BAJA;2025-12-09;CRITICA;abierta;;;1;" {
		t.Errorf("escalated alert %q", got)
	}
	if alerts[2][3] != "'=vence pronto" {
		t.Errorf("a formula-like cell is not escaped: %q", alerts[2][3])
	}
	if alerts[3][7] != "resuelta" || alerts[3][8] != "2025-12-08T07:00:00-05:00" || alerts[3][9] != "Enviada" {
		t.Errorf("resolved alert %q", alerts[3])
	}
	companies := readExport(t, companiesFile.Bytes())
	if len(companies) != 3 || strings.Join(companies[0], ";") != "nombre;nit;contacto;activa;abiertas_critica;abiertas_alta;abiertas_media;abiertas_baja;id;responsabilidades" {
		t.Fatalf("companies %q", companies)
	}
	if got := strings.Join(companies[1], ";"); got != "Ferretería El Tornillo;;;no;0;0;1;0;2;" {
		t.Errorf("inactive company %q", got)
	}
	if got := strings.Join(companies[2], ";"); got != "Panadería La Espiga;900123456-8;gerencia@espiga.co;sí;1;0;0;0;1;" {
		t.Errorf("company with an escalated alert %q", got)
	}

	// and the alerts export imports back as updates only, the escape undone
	res, err := w.svc.ImportAlerts(ctx, &alertsFile, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.AlertsCreated != 0 || res.AlertsUpdated != 3 || res.CompaniesCreated != 0 {
		t.Errorf("re-import of the export: %+v", res)
	}
	if a, _ := w.svc.Alert(ctx, 2); a.Detail != "=vence pronto" {
		t.Errorf("the escape came back: %q", a.Detail)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disco lleno") }

func TestExportReportsAWriteFailure(t *testing.T) {
	// given an alert and a writer that fails
	w := newWorld(t, withoutTimers())
	w.alert(t, w.company(t, "Acme"), "IVA", "ALTA")

	// when
	err := w.svc.ExportAlertsCSV(context.Background(), failingWriter{})

	// then
	if err == nil || !strings.Contains(err.Error(), "disco lleno") {
		t.Fatalf("err = %v, want the write error", err)
	}
}
