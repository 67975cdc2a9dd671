package notify_test

import (
	"fmt"
	"testing"
	"time"

	"vigia/app"
	"vigia/notify"
)

// bigDigest has companies × perCompany alerts of every priority, half with a due date.
func bigDigest(b *testing.B, companies, perCompany int) app.Digest {
	d := sampleDigest(b)
	d.Companies = make([]app.CompanyAlerts, companies)
	for i := range d.Companies {
		c := app.CompanyAlerts{Company: app.Company{ID: int64(i + 1), Name: fmt.Sprintf("Empresa %04d S.A.S.", i), NIT: fmt.Sprintf("900.%03d.%03d-%d", i/1000, i%1000, i%10)}}
		for j := range perCompany {
			a := app.Alert{
				ID:       int64(i*perCompany + j + 1),
				Title:    fmt.Sprintf("Declaración de retención en la fuente #%d", j),
				Detail:   "Período de noviembre pendiente de presentar & pagar <urgente>",
				Priority: app.Priorities[j%len(app.Priorities)],
			}
			if j%2 == 0 {
				a.DueOn = day(2025, 12, 1+j%28)
			}
			c.Alerts = append(c.Alerts, a)
		}
		d.Companies[i] = c
	}
	return d
}

func BenchmarkRenderDigest(b *testing.B) {
	d := bigDigest(b, 1000, 10)
	loc := time.UTC
	var size int
	b.ReportAllocs()
	for b.Loop() {
		r, err := notify.Render(d, loc)
		if err != nil {
			b.Fatal(err)
		}
		size = len(r.HTML) + len(r.Text)
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/digest")
}
