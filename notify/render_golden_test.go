package notify_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"vigia/app"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRenderMatchesTheGoldenDigest pins the whole e-mail, both parts: a
// layout change shows as a diff to review. Run with -update to accept it.
func TestRenderMatchesTheGoldenDigest(t *testing.T) {
	// given the sample digest with every priority, a raised one and every kind of due date
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
