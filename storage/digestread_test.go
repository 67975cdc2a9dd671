package storage_test

import (
	"reflect"
	"testing"

	"vigia/app"
)

func TestOpenAlertsOfIsOpenAlertsOfThoseCompanies(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given four active companies and an inactive one, alerts that the day's
		// steps raise, resolved ones and ones of priorities not asked for
		s := db.Open(t)
		active := func(name string) app.Company {
			t.Helper()
			c, err := s.CreateCompany(t.Context(), app.Company{Name: name, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		andes, beta, mora, zeta := active("Andes"), active("beta"), active("Mora"), active("Zeta")
		inactive := mustCompany(t, s, "Inactiva")
		mustAlert(t, s, openAlert(inactive.ID, "inactiva crítica", app.PriorityCritical, ""))
		mustAlert(t, s, openAlert(andes.ID, "andes baja que vence hoy", app.PriorityLow, "2025-03-10"))
		mustAlert(t, s, openAlert(andes.ID, "andes media", app.PriorityMedium, ""))
		mustAlert(t, s, openAlert(beta.ID, "beta baja en 5 días", app.PriorityLow, "2025-03-15"))
		mustAlert(t, s, openAlert(beta.ID, "beta baja lejana", app.PriorityLow, "2025-06-01"))
		closed := openAlert(beta.ID, "beta crítica resuelta", app.PriorityCritical, "")
		closed.Open = false
		mustAlert(t, s, closed)
		mustAlert(t, s, openAlert(mora.ID, "mora alta", app.PriorityHigh, "2025-04-01"))
		mustAlert(t, s, openAlert(zeta.ID, "zeta crítica", app.PriorityCritical, ""))
		day := app.DefaultEscalation.On(date("2025-03-10"))
		asked := []app.Priority{app.PriorityCritical, app.PriorityMedium}

		for _, ids := range [][]int64{{andes.ID, beta.ID, inactive.ID}, {zeta.ID}, {mora.ID, andes.ID, beta.ID, zeta.ID}} {
			// when the open alerts of some companies are read
			got, err := s.OpenAlertsOf(t.Context(), ids, asked, day)
			if err != nil {
				t.Fatal(err)
			}

			// then they are the whole digest's groups of those companies, in its order
			all, err := s.OpenAlerts(t.Context(), asked, day)
			if err != nil {
				t.Fatal(err)
			}
			var want []app.CompanyAlerts
			for _, g := range all {
				for _, id := range ids {
					if g.Company.ID == id {
						want = append(want, g)
					}
				}
			}
			if len(want) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("companies %v: got %+v\nwant %+v", ids, got, want)
			}
		}
		got, err := s.OpenAlertsOf(t.Context(), []int64{beta.ID, andes.ID}, asked, day)
		if err != nil || len(got) != 2 || got[0].Company.ID != andes.ID || len(got[0].Alerts) != 2 ||
			got[0].Alerts[0].EffectivePriority != app.PriorityCritical || len(got[1].Alerts) != 1 ||
			got[1].Alerts[0].EffectivePriority != app.PriorityMedium {
			t.Errorf("raised alerts: got %+v, %v; want Andes' low one raised to CRITICA, then Beta's to MEDIA", got, err)
		}
		if got, err := s.OpenAlertsOf(t.Context(), nil, asked, day); err != nil || len(got) != 0 {
			t.Errorf("no companies: %+v, %v; want nothing", got, err)
		}
	})
}
