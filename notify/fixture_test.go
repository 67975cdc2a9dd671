package notify_test

import (
	"testing"
	"time"

	"vigia/app"
)

// bogota is the product's default zone.
func bogota(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// sampleDigest is the seed's "Notificación Diaria" on Monday 8 December 2025
// at 08:00 in Bogotá: two companies, the one with the critical alert first.
func sampleDigest(t testing.TB) app.Digest {
	t.Helper()
	return app.Digest{
		TriggerID:   7,
		TriggerName: "Notificación Diaria",
		Recipients:  []string{"admin@ejemplo.com", "gerente@ejemplo.com"},
		Priorities:  []app.Priority{app.PriorityCritical, app.PriorityHigh},
		GeneratedAt: time.Date(2025, 12, 8, 8, 0, 0, 0, bogota(t)),
		Companies: []app.CompanyAlerts{
			{
				Company: app.Company{ID: 2, Name: "Comercial Andina S.A.S.", NIT: "900.123.456-7"},
				Alerts: []app.Alert{
					{ID: 11, Title: "Declaración de IVA", Detail: "Bimestre 5 sin presentar", Priority: app.PriorityCritical, DueOn: day(2025, 12, 5)},
					{ID: 12, Title: "Retención en la fuente", Detail: "Noviembre", Priority: app.PriorityHigh, DueOn: day(2025, 12, 15)},
				},
			},
			{
				Company: app.Company{ID: 1, Name: "Panadería El Trigal"},
				Alerts: []app.Alert{
					{ID: 13, Title: "Renovar matrícula mercantil", Priority: app.PriorityHigh},
				},
			},
		},
	}
}

// fixedClock always says the same time, so Date headers and file names are known.
type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }
