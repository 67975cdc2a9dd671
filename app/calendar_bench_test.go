package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/jonboulle/clockwork"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

// benchObligations are six obligations per company, the load. The
// service refuses both IVAs or two kinds of renta on one company; the
// benchmark writes the companies straight into the store to carry the
// heaviest load: 32 due dates a company in 12 months.
var benchObligations = []string{
	"retencion_fuente", "iva_bimestral", "iva_cuatrimestral",
	"renta_grandes_contribuyentes", "renta_personas_juridicas", "ica_bogota_bimestral",
}

// calendarBench is a SQLite store with n companies owing benchObligations,
// NITs spread over every last digit, and a service on 2 March 2026.
func calendarBench(b *testing.B, n int) (*app.Service, *countingStore) {
	b.Helper()
	ctx := context.Background()
	st := storagetest.Open(b, storage.Open)
	for i := range n {
		base := fmt.Sprintf("9%08d", i)
		nit := fmt.Sprintf("%s-%d", base, app.NITCheckDigit(base))
		if _, err := st.CreateCompany(ctx, app.Company{Name: fmt.Sprintf("Empresa %04d", i), NIT: nit, Active: true,
			Responsibilities: benchObligations, CreatedAt: march2}); err != nil {
			b.Fatal(err)
		}
	}
	cs := &countingStore{Store: st}
	svc := app.NewService(app.Config{Store: cs, Clock: clockwork.NewFakeClockAt(march2), Location: bogota,
		Logger: slog.New(slog.DiscardHandler)})
	return svc, cs
}

// BenchmarkRegenerateCalendar: 2,000 companies × 6 obligations over 12
// months (64,000 alerts). "first" writes them all in one transaction;
// "unchanged" regenerates again with nothing to change, and must write nothing.
func BenchmarkRegenerateCalendar(b *testing.B) {
	const companies = 2000
	ctx := context.Background()
	b.Run("first", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			svc, _ := calendarBench(b, companies)
			b.StartTimer()
			sync, err := svc.RegenerateCalendar(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if sync.Created != companies*32 {
				b.Fatalf("created %d alerts, want %d", sync.Created, companies*32)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		svc, st := calendarBench(b, companies)
		if _, err := svc.RegenerateCalendar(ctx); err != nil {
			b.Fatal(err)
		}
		applied := st.applies.Load()
		b.ResetTimer()
		for range b.N {
			sync, err := svc.RegenerateCalendar(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if sync.Changed() {
				b.Fatalf("a regeneration with nothing new did %+v", sync)
			}
		}
		b.StopTimer()
		if st.applies.Load() != applied {
			b.Fatalf("a regeneration with nothing new wrote to the database")
		}
	})
}
