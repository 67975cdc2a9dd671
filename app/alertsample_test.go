package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

// sampleToday is the fake today the samples are imported on: a Monday of
// January 2027, before every due date of the docs file.
var sampleToday = time.Date(2027, 1, 11, 9, 0, 0, 0, bogota)

func docsSample(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", "alertas-ejemplo.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func generatedSample(t *testing.T, svc *app.Service) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := svc.SampleAlertsCSV(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTheSampleImportsIntoTheDemoWithThePrioritiesAsWritten(t *testing.T) {
	for name, file := range map[string]func(*testing.T, *app.Service) []byte{
		"docs file": func(t *testing.T, _ *app.Service) []byte { return docsSample(t) },
		"generated": generatedSample,
	} {
		t.Run(name, func(t *testing.T) {
			// given the demo data, on a fixed today
			w := newWorld(t, withClockAt(sampleToday))
			ctx := context.Background()
			if _, err := w.svc.LoadDemo(ctx); err != nil {
				t.Fatal(err)
			}

			// when the sample is imported
			res, err := w.svc.ImportAlerts(ctx, bytes.NewReader(file(t, w.svc)), false)
			if err != nil {
				t.Fatalf("import: %v", err)
			}

			// then its alerts join the demo's companies, each with the priority it is written with
			if res.CompaniesCreated != 0 || res.AlertsCreated != 6 {
				t.Errorf("created %d companies and %d alerts, want 0 and 6", res.CompaniesCreated, res.AlertsCreated)
			}
			var written, effective []app.Priority
			for _, it := range res.Items {
				written = append(written, it.Alert.Priority)
				effective = append(effective, it.Alert.EffectivePriority)
			}
			want := []app.Priority{"ALTA", "MEDIA", "CRITICA", "ALTA", "BAJA", "MEDIA"}
			if !slices.Equal(written, want) || !slices.Equal(effective, want) {
				t.Errorf("priorities written %v, effective %v; want both %v", written, effective, want)
			}
		})
	}
}

// readSample splits a sample file into its header and rows.
func readSample(t *testing.T, b []byte) ([]string, [][]string) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = ';'
	all, err := r.ReadAll()
	if err != nil || len(all) == 0 {
		t.Fatalf("read sample: %v", err)
	}
	return all[0], all[1:]
}

func TestTheGeneratedSampleAgreesWithTheDocsFile(t *testing.T) {
	// given both samples
	w := newWorld(t, withClockAt(sampleToday))
	docsHeader, docsRows := readSample(t, docsSample(t))
	genHeader, genRows := readSample(t, generatedSample(t, w.svc))

	// then they have the import's columns, and the same rows but for the dates
	if !slices.Equal(docsHeader, app.ImportColumns) || !slices.Equal(genHeader, app.ImportColumns) {
		t.Fatalf("headers %v and %v, want %v", docsHeader, genHeader, app.ImportColumns)
	}
	if len(docsRows) != len(genRows) {
		t.Fatalf("%d rows in docs, %d generated", len(docsRows), len(genRows))
	}
	for i := range docsRows {
		d, g := docsRows[i], genRows[i]
		dNIT, _ := app.NormalizeNIT(d[1])
		gNIT, _ := app.NormalizeNIT(g[1])
		if d[0] != g[0] || dNIT == "" || dNIT != gNIT || d[2] != g[2] || d[3] != g[3] || d[4] != g[4] ||
			(d[5] == "") != (g[5] == "") {
			t.Errorf("row %d differs:\n docs      %q\n generated %q", i+1, d, g)
		}
	}
}

func TestTheGeneratedSampleCountsItsDatesFromToday(t *testing.T) {
	// given a service whose today is 2027-01-11
	w := newWorld(t, withClockAt(sampleToday))

	// when the sample is generated
	_, rows := readSample(t, generatedSample(t, w.svc))

	// then its first due date is 45 days ahead, written as Excel in Spanish does
	if got := rows[0][5]; got != "25/02/2027" {
		t.Errorf("first due date = %q, want 25/02/2027", got)
	}
	if !strings.HasPrefix(string(generatedSample(t, w.svc)), "\ufeff") {
		t.Error("the sample lacks the BOM Excel needs to read UTF-8")
	}
}
