package notify_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vigia/app"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRenderMatchesTheGoldenDigest pins the whole e-mail, both parts: a
// layout change shows as a diff to review. Run with -update to accept it.
func TestRenderMatchesTheGoldenDigest(t *testing.T) {
	// given the sample digest with every priority, a raised one, every kind of
	// due date and two tax-calendar alerts: one moved a week ago, one computed
	d := sampleDigest(t)
	d.Companies[1].Alerts[0].EffectivePriority = app.PriorityCritical
	d.Companies[1].Alerts[0].DueOn = day(2025, 12, 9)
	d.Companies = append(d.Companies, app.CompanyAlerts{
		Company: app.Company{ID: 3, Name: "Transportes Ñandú & Cía.", NIT: "800.987.654-3"},
		Alerts: []app.Alert{
			{ID: 14, Title: "Nómina electrónica", Detail: "Enviar a la DIAN\nantes del cierre", Priority: app.PriorityMedium, DueOn: day(2025, 12, 8)},
			{ID: 15, Title: "Archivar soportes", Priority: app.PriorityLow, DueOn: day(2025, 12, 7)},
		},
	})
	d.Companies = append(d.Companies, app.CompanyAlerts{
		Company: app.Company{ID: 4, Name: "Distribuidora Los Andes", NIT: "900.123.456-8"},
		Alerts: []app.Alert{
			{ID: 16, Title: "Retención en la fuente · noviembre 2025", Priority: app.PriorityLow,
				EffectivePriority: app.PriorityCritical, DueOn: day(2025, 12, 12),
				Detail: "Vence el 12 de diciembre de 2025. Fuente: Decreto 2229 de 2023 · calendario DIAN 2025.",
				Calendar: &app.CalendarRef{Obligation: "retencion_fuente", Period: "2025-11", State: "oficial",
					Source: "Decreto 2229 de 2023 · calendario DIAN 2025", PreviousDueOn: day(2025, 12, 11),
					MovedAt: time.Date(2025, 12, 1, 9, 0, 0, 0, bogota(t))}},
			{ID: 17, Title: "Retención en la fuente · diciembre 2026", Priority: app.PriorityLow, DueOn: day(2027, 1, 19),
				Detail: "Vence el 19 de enero de 2027. Fecha calculada: confirme con el calendario oficial.",
				Calendar: &app.CalendarRef{Obligation: "retencion_fuente", Period: "2026-12", State: "calculada",
					Source: "Decreto 2229 de 2023 · fecha calculada (calendario 2027 no publicado)"}},
		},
	})

	// when
	r := render(t, d, bogota(t))

	// then
	for name, got := range map[string]string{"digest.golden.html": r.HTML, "digest.golden.txt": r.Text} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./notify/ -run Golden -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the rendered digest; review with -update and git diff.\ngot:\n%s", name, got)
		}
	}
}
