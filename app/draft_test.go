package app

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func ptr[T any](v T) *T { return &v }

func seedDaily() TriggerDraft {
	return TriggerDraft{
		Name:        ptr("Notificación Diaria"),
		Description: ptr("Envía alertas todos los días a las 8 AM"),
		Frequency:   ptr("diaria"),
		Time:        ptr("08:00"),
		Recipients:  ptr([]string{"admin@ejemplo.com"}),
		Priorities:  ptr([]string{"CRITICA", "ALTA"}),
		Active:      ptr(true),
	}
}

func TestBuildSeedDailyTrigger(t *testing.T) {
	got, err := seedDaily().Build(nil, time.Time{}, nil)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	want := Schedule{Frequency: FrequencyDaily, Hour: 8}
	if !reflect.DeepEqual(got.Schedule, want) {
		t.Errorf("schedule = %+v, want %+v", got.Schedule, want)
	}
	if !got.Active || got.SendWhenEmpty || got.Name != "Notificación Diaria" {
		t.Errorf("trigger = %+v", got)
	}
	if !reflect.DeepEqual(got.Priorities, []Priority{PriorityCritical, PriorityHigh}) {
		t.Errorf("priorities = %v", got.Priorities)
	}
}

func TestBuildDefaultsActiveWhenAbsent(t *testing.T) {
	d := seedDaily()
	d.Active = nil
	got, err := d.Build(nil, time.Time{}, nil)
	if err != nil || !got.Active {
		t.Fatalf("Build = %+v, %v; want active by default", got, err)
	}
}

func TestBuildRejectsEachBadField(t *testing.T) {
	tests := []struct {
		field  string
		modify func(*TriggerDraft)
	}{
		{"nombre", func(d *TriggerDraft) { d.Name = ptr("  ") }},
		{"nombre", func(d *TriggerDraft) { d.Name = ptr(strings.Repeat("x", 121)) }},
		{"frecuencia", func(d *TriggerDraft) { d.Frequency = ptr("anual") }},
		{"frecuencia", func(d *TriggerDraft) { d.Frequency = nil }},
		{"hora", func(d *TriggerDraft) { d.Time = ptr("24:00") }},
		{"hora", func(d *TriggerDraft) { d.Time = ptr("8") }},
		{"hora", func(d *TriggerDraft) { d.Time = ptr("08:60") }},
		{"hora", func(d *TriggerDraft) { d.Time = nil }},
		{"dias_semana", func(d *TriggerDraft) { d.Frequency = ptr("semanal"); d.Weekdays = ptr([]string{"lunes", "funday"}) }},
		{"dias_semana", func(d *TriggerDraft) { d.Frequency = ptr("semanal") }},
		{"dia_mes", func(d *TriggerDraft) { d.Frequency = ptr("mensual"); d.DayOfMonth = ptr(32) }},
		{"dia_mes", func(d *TriggerDraft) { d.Frequency = ptr("mensual"); d.DayOfMonth = ptr(0) }},
		{"dia_mes", func(d *TriggerDraft) { d.Frequency = ptr("mensual") }},
		{"intervalo_horas", func(d *TriggerDraft) { d.Frequency = ptr("personalizada"); d.IntervalHours = ptr(169) }},
		{"intervalo_horas", func(d *TriggerDraft) { d.Frequency = ptr("personalizada"); d.IntervalHours = ptr(0) }},
		{"intervalo_horas", func(d *TriggerDraft) { d.Frequency = ptr("personalizada") }},
		{"destinatarios", func(d *TriggerDraft) { d.Recipients = ptr([]string{"no-es-correo"}) }},
		{"destinatarios", func(d *TriggerDraft) { d.Recipients = ptr([]string{"Admin <admin@ejemplo.com>"}) }},
		{"destinatarios", func(d *TriggerDraft) {
			many := make([]string, 51)
			for i := range many {
				many[i] = "u" + strings.Repeat("x", i) + "@ejemplo.com"
			}
			d.Recipients = &many
		}},
		{"prioridades", func(d *TriggerDraft) { d.Priorities = ptr([]string{"URGENTE"}) }},
		{"prioridades", func(d *TriggerDraft) { d.Priorities = ptr([]string{}) }},
		{"descripcion", func(d *TriggerDraft) { d.Description = ptr(strings.Repeat("x", 1001)) }},
	}
	for _, tt := range tests {
		d := seedDaily()
		tt.modify(&d)
		_, err := d.Build(nil, time.Time{}, nil)
		verr, ok := err.(*ValidationError)
		if !ok {
			t.Errorf("%s: Build error = %v, want *ValidationError", tt.field, err)
			continue
		}
		if m, ok := verr.Problems[tt.field]; !ok || m.Code == "" {
			t.Errorf("%s: errors %v lack the field", tt.field, verr.Problems)
		}
	}
}

func TestWeeklyWithoutDaysSaysADayIsRequired(t *testing.T) {
	d := seedDaily()
	d.Frequency = ptr("semanal")
	_, err := d.Build(nil, time.Time{}, nil)
	verr, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("Build error = %v, want *ValidationError", err)
	}
	if m := verr.Problems["dias_semana"]; m.Code != CodeWeekdaysRequired {
		t.Errorf("dias_semana = %v, want %s", m, CodeWeekdaysRequired)
	}
}

func TestBuildIgnoresFieldsTheFrequencyDoesNotUse(t *testing.T) {
	d := seedDaily()
	d.Weekdays = ptr([]string{"no-es-un-dia"})
	d.DayOfMonth = ptr(99)
	d.IntervalHours = ptr(-3)
	if _, err := d.Build(nil, time.Time{}, nil); err != nil {
		t.Fatalf("Build: %v", err)
	}
}

func TestBuildOverCurrentKeepsAbsentFieldsAndAnchor(t *testing.T) {
	anchor := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	current, err := TriggerDraft{
		Name: ptr("Monitoreo"), Frequency: ptr("personalizada"), IntervalHours: ptr(4),
		Recipients: ptr([]string{"soporte@ejemplo.com"}), Priorities: ptr([]string{"critica"}),
	}.Build(nil, anchor, nil)
	if err != nil {
		t.Fatal(err)
	}
	current.ID = 7
	got, err := TriggerDraft{IntervalHours: ptr(6), Active: ptr(false)}.Build(&current, anchor.Add(72*time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != 7 || got.Name != "Monitoreo" || got.Schedule.IntervalHours != 6 || got.Active {
		t.Errorf("merged = %+v", got)
	}
	if !got.Schedule.Anchor.Equal(anchor) {
		t.Errorf("anchor moved to %v; restarts and edits must keep the grid at %v", got.Schedule.Anchor, anchor)
	}
}

func TestParseRecipientsDropsDuplicatesKeepingOrder(t *testing.T) {
	got, problem := ParseRecipients(" b@y.com\na@x.com;B@Y.com,,\n")
	if problem != nil || !reflect.DeepEqual(got, []string{"b@y.com", "a@x.com"}) {
		t.Fatalf("ParseRecipients = %v, %v", got, problem)
	}
}

func TestDigestSubject(t *testing.T) {
	d := Digest{TriggerName: "Reporte Semanal", Companies: []CompanyAlerts{
		{Alerts: []Alert{{Priority: PriorityCritical}, {Priority: PriorityHigh}}},
		{Alerts: []Alert{{Priority: PriorityCritical}}},
	}}
	if got, want := d.Subject(), "[Vigía] Reporte Semanal: 3 alertas (2 críticas)"; got != want {
		t.Errorf("Subject = %q, want %q", got, want)
	}
	one := Digest{TriggerName: "X", Companies: []CompanyAlerts{{Alerts: []Alert{{Priority: PriorityCritical}}}}}
	if got, want := one.Subject(), "[Vigía] X: 1 alerta (1 crítica)"; got != want {
		t.Errorf("Subject = %q, want %q", got, want)
	}
}
