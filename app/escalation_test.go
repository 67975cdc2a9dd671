package app_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"vigia/app"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestEffectivePriorityRisesAsTheDueDateApproaches(t *testing.T) {
	today := date(2025, 12, 8)
	open := func(p app.Priority, due time.Time) app.Alert { return app.Alert{Priority: p, DueOn: due, Open: true} }
	cases := []struct {
		name  string
		alert app.Alert
		want  app.Priority
	}{
		{"overdue by a month", open(app.PriorityLow, date(2025, 11, 8)), app.PriorityCritical},
		{"overdue by a day", open(app.PriorityLow, date(2025, 12, 7)), app.PriorityCritical},
		{"due today", open(app.PriorityLow, today), app.PriorityCritical},
		{"due tomorrow", open(app.PriorityLow, date(2025, 12, 9)), app.PriorityCritical},
		{"due in 2 days", open(app.PriorityLow, date(2025, 12, 10)), app.PriorityHigh},
		{"due in 3 days", open(app.PriorityLow, date(2025, 12, 11)), app.PriorityHigh},
		{"due in 4 days", open(app.PriorityLow, date(2025, 12, 12)), app.PriorityMedium},
		{"due in 7 days", open(app.PriorityLow, date(2025, 12, 15)), app.PriorityMedium},
		{"due in 8 days", open(app.PriorityLow, date(2025, 12, 16)), app.PriorityLow},
		{"across a month end", open(app.PriorityLow, date(2026, 1, 1)), app.PriorityLow},
		{"never lowers a CRITICA", open(app.PriorityCritical, date(2026, 6, 1)), app.PriorityCritical},
		{"never lowers an ALTA to MEDIA", open(app.PriorityHigh, date(2025, 12, 14)), app.PriorityHigh},
		{"raises a MEDIA", open(app.PriorityMedium, date(2025, 12, 9)), app.PriorityCritical},
		{"no due date", open(app.PriorityLow, time.Time{}), app.PriorityLow},
		{"resolved alerts are not escalated", app.Alert{Priority: app.PriorityLow, DueOn: date(2025, 12, 1)}, app.PriorityLow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := app.DefaultEscalation.Effective(c.alert, today); got != c.want {
				t.Errorf("effective priority = %s, want %s", got, c.want)
			}
		})
	}
}

func TestEffectivePriorityCountsDaysInTheConfiguredZone(t *testing.T) {
	// given 23:30 in Bogotá on Monday 8 (already Tuesday 9 in UTC) and a BAJA due on Wednesday 10
	w := newWorld(t, withClockAt(time.Date(2025, 12, 8, 23, 30, 0, 0, bogota)), withoutTimers())
	ctx := context.Background()
	a, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: ptr(w.company(t, "Uno").ID), Title: ptr("IVA"),
		Priority: ptr("BAJA"), DueOn: ptr("2025-12-10")})
	if err != nil {
		t.Fatal(err)
	}
	if a.EffectivePriority != app.PriorityHigh {
		t.Fatalf("at 23:30 (2 days before): %s, want ALTA", a.EffectivePriority)
	}

	// when it turns 00:30 in Bogotá
	w.clock.Advance(time.Hour)

	// then the alert is due tomorrow
	if got, err := w.svc.Alert(ctx, a.ID); err != nil || got.EffectivePriority != app.PriorityCritical {
		t.Errorf("at 00:30 (1 day before): %s, %v; want CRITICA", got.EffectivePriority, err)
	}
}

func TestEscalationThresholdsAreSettings(t *testing.T) {
	w := newWorld(t, withoutTimers())
	ctx := context.Background()
	if e, err := w.svc.Escalation(ctx); err != nil || e != app.DefaultEscalation {
		t.Fatalf("unset: %+v, %v; want the defaults", e, err)
	}

	set, err := w.svc.SetEscalation(ctx, app.EscalationDraft{MediumDays: ptr(10)})

	if err != nil || set != (app.Escalation{CriticalDays: 1, HighDays: 3, MediumDays: 10}) {
		t.Fatalf("set: %+v, %v", set, err)
	}
	if v, _ := w.store.Setting(ctx, app.SettingEscalationMedium); v != "10" {
		t.Errorf("setting %s = %q", app.SettingEscalationMedium, v)
	}
	var ve *app.ValidationError
	if _, err := w.svc.SetEscalation(ctx, app.EscalationDraft{HighDays: ptr(11)}); !errors.As(err, &ve) || ve.Problems["escalamiento"].Code != app.CodeEscalationOrder {
		t.Errorf("alta_dias above media_dias: %v", err)
	}
	if e, _ := w.svc.Escalation(ctx); e.HighDays != 3 {
		t.Errorf("a refused change was saved: %+v", e)
	}
	if err := w.store.SetSetting(ctx, app.SettingEscalationCritical, "pronto"); err != nil {
		t.Fatal(err)
	}
	if e, err := w.svc.Escalation(ctx); err != nil || e.CriticalDays != 1 {
		t.Errorf("an unreadable setting: %+v, %v; want the default", e, err)
	}
}

func TestDigestAlertsAreSelectedAndOrderedByEffectivePriority(t *testing.T) {
	// given (today is Monday 2025-12-08) alerts whose due dates raise them
	w := newWorld(t, withoutTimers())
	ctx := context.Background()
	zeta, alfa, quiet := w.company(t, "Zeta S.A.S."), w.company(t, "alfa Ltda."), w.company(t, "Inactiva")
	dueAlert := func(c app.Company, title, p, due string) app.Alert {
		t.Helper()
		d := app.AlertDraft{CompanyID: &c.ID, Title: ptr(title), Priority: ptr(p)}
		if due != "" {
			d.DueOn = ptr(due)
		}
		a, err := w.svc.CreateAlert(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	zetaCritical := dueAlert(zeta, "Renta", "BAJA", "2025-12-09")    // CRITICA by date
	zetaFar := dueAlert(zeta, "Nómina", "BAJA", "2026-02-01")        // stays BAJA
	alfaHigh := dueAlert(alfa, "ICA", "ALTA", "")                    // ALTA
	alfaRaised := dueAlert(alfa, "Retención", "MEDIA", "2025-12-10") // ALTA by date, due sooner
	dueAlert(quiet, "IVA", "CRITICA", "")
	if _, err := w.svc.UpdateCompany(ctx, quiet.ID, app.CompanyDraft{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}

	// when
	got, err := w.svc.OpenAlertsByCompany(ctx, []app.Priority{app.PriorityCritical, app.PriorityHigh})

	// then Zeta (CRITICA) comes before alfa (ALTA), the BAJA and the inactive company stay out
	if err != nil {
		t.Fatal(err)
	}
	var ids [][]int64
	for _, c := range got {
		var row []int64
		for _, a := range c.Alerts {
			row = append(row, a.ID)
		}
		ids = append(ids, row)
	}
	want := [][]int64{{zetaCritical.ID}, {alfaRaised.ID, alfaHigh.ID}}
	if len(got) != 2 || got[0].Company.ID != zeta.ID || got[1].Company.ID != alfa.ID || !reflect.DeepEqual(ids, want) {
		t.Errorf("digest %v, want %v (zeta, alfa); zetaFar %d must be absent", ids, want, zetaFar.ID)
	}
	if a := got[0].Alerts[0]; a.Priority != app.PriorityLow || a.EffectivePriority != app.PriorityCritical {
		t.Errorf("zeta's alert: %s → %s, want BAJA → CRITICA", a.Priority, a.EffectivePriority)
	}
}

func TestListsCountsAndDigestsEscalateOnTheConfiguredZonesDate(t *testing.T) {
	// given 23:30 in Bogotá on Monday 8 (already Tuesday 9 in UTC) and BAJA
	// alerts whose effective priority differs between the two dates
	w := newWorld(t, withClockAt(time.Date(2025, 12, 8, 23, 30, 0, 0, bogota)), withoutTimers())
	ctx := context.Background()
	company := w.company(t, "Uno")
	alert := func(due string) app.Alert {
		t.Helper()
		a, err := w.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &company.ID, Title: ptr("Vence " + due),
			Priority: ptr("BAJA"), DueOn: ptr(due)})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tomorrow := alert("2025-12-09") // 1 day: CRITICA
	inTwo := alert("2025-12-10")    // 2 days: ALTA (1 day, CRITICA, by the UTC date)
	inEight := alert("2025-12-16")  // 8 days: BAJA (7 days, MEDIA, by the UTC date)
	want := map[app.Priority][]int64{
		app.PriorityCritical: {tomorrow.ID}, app.PriorityHigh: {inTwo.ID}, app.PriorityMedium: nil, app.PriorityLow: {inEight.ID},
	}

	for p, ids := range want {
		// when the list is filtered by effective priority
		page, err := w.svc.AlertPage(ctx, app.AlertQuery{Priority: p})

		// then it holds what the Go rule says, on Bogotá's date
		var got []int64
		for _, a := range page.Alerts {
			one, _ := w.svc.Alert(ctx, a.ID)
			if a.EffectivePriority != p || one.EffectivePriority != p {
				t.Errorf("alert %d in the %s page: listed %s, alone %s", a.ID, p, a.EffectivePriority, one.EffectivePriority)
			}
			got = append(got, a.ID)
		}
		if err != nil || page.Total != len(ids) || !reflect.DeepEqual(got, ids) {
			t.Errorf("page of %s: %v (total %d), %v; want %v", p, got, page.Total, err, ids)
		}
	}
	counts, err := w.svc.OpenAlertCounts(ctx)
	wantCounts := map[app.Priority]int{app.PriorityCritical: 1, app.PriorityHigh: 1, app.PriorityLow: 1}
	if err != nil || !reflect.DeepEqual(counts[company.ID], wantCounts) {
		t.Errorf("counts %v, %v; want %v", counts[company.ID], err, wantCounts)
	}
	digest, err := w.svc.OpenAlertsByCompany(ctx, []app.Priority{app.PriorityHigh, app.PriorityMedium})
	if err != nil || len(digest) != 1 || len(digest[0].Alerts) != 1 || digest[0].Alerts[0].ID != inTwo.ID {
		t.Errorf("digest of ALTA and MEDIA: %+v, %v; want only alert %d", digest, err, inTwo.ID)
	}
}
