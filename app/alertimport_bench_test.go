package app_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"vigia/app"
	"vigia/storage"
)

// benchService is a Service over a real SQLite file holding companies
// companies with perCompany open alerts each, due over the next 30 days.
func benchService(b *testing.B, companies, perCompany int) *app.Service {
	b.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(b.TempDir(), "vigia.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	svc := app.NewService(app.Config{Store: st, Location: bogota})
	var file strings.Builder
	file.WriteString("empresa;titulo;prioridad;vence_el\n")
	for c := range companies {
		for a := range perCompany {
			fmt.Fprintf(&file, "Empresa %d;Alerta %d;%s;2026-01-%02d\n", c, a, app.Priorities[a%4], 1+(c+a)%28)
		}
	}
	if _, err := svc.ImportAlerts(ctx, strings.NewReader(file.String()), false); err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkImport1000Rows measures a re-import of 1,000 rows (50 companies ×
// 20 alerts): decode, parse, check, match and save in one transaction.
func BenchmarkImport1000Rows(b *testing.B) {
	var file bytes.Buffer
	file.WriteString("empresa;nit;titulo;detalle;prioridad;vence_el\n")
	for c := range 50 {
		for a := range 20 {
			fmt.Fprintf(&file, "Panadería %d;;Alerta %d;Detalle de la alerta;ALTA;%02d/01/2026\n", c, a, 1+a)
		}
	}
	svc := benchService(b, 0, 0)
	ctx := context.Background()
	for b.Loop() {
		if _, err := svc.ImportAlerts(ctx, bytes.NewReader(file.Bytes()), false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDigestCollect2000Alerts measures collecting a digest by effective
// priority out of 2,000 open alerts of 100 companies.
func BenchmarkDigestCollect2000Alerts(b *testing.B) {
	svc := benchService(b, 100, 20)
	ctx := context.Background()
	for b.Loop() {
		if _, err := svc.OpenAlertsByCompany(ctx, []app.Priority{app.PriorityCritical, app.PriorityHigh}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAlertPageByEffectivePriority measures one filtered page of the
// alerts list out of 2,000 alerts.
func BenchmarkAlertPageByEffectivePriority(b *testing.B) {
	svc := benchService(b, 100, 20)
	ctx := context.Background()
	for b.Loop() {
		if _, err := svc.AlertPage(ctx, app.AlertQuery{Priority: app.PriorityCritical, OpenOnly: true, Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}
