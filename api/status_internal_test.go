package api

import (
	"testing"
	"time"

	"vigia/app"
)

func mustRender(t *testing.T, st app.SchedulerStatus, loc *time.Location) string {
	t.Helper()
	b, err := renderStatus(st, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The seed's contract, byte for byte: field names and order, "trigger_<id>",
// RFC 3339 in the configured zone, null for what is unknown, no HTML escaping.
func TestStatusBodyKeepsTheSeedShape(t *testing.T) {
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	st := app.SchedulerStatus{
		Running: true, Paused: true, Role: app.RoleStandby, Leader: `oficina "2" (pid 42) ñ`,
		Recovery: app.Recovery{EvaluatedAt: time.Date(2025, 12, 8, 12, 0, 1, 0, time.UTC), Recovered: 1, Missed: 2, Skipped: 3, Uncounted: 4},
		Jobs: []app.ScheduledJob{
			{TriggerID: 7, Name: "<b>Notificación</b> & \"línea\"\n", NextRun: time.Date(2025, 12, 8, 13, 0, 0, 0, time.UTC)},
			{TriggerID: 12, Name: "Sin próxima"},
		},
	}

	got := mustRender(t, st, loc)

	want := `{"success":true,"datos":{"running":true,"pausado":true,"rol":"espera","lider":"oficina \"2\" (pid 42) ñ",` +
		`"recuperacion":{"evaluada_en":"2025-12-08T07:00:01-05:00","recuperadas":1,"perdidas":2,"omitidas":3,"sin_fila":4},` +
		`"total_jobs":2,"jobs":[{"id":"trigger_7","name":"<b>Notificación</b> & \"línea\"\n","next_run":"2025-12-08T08:00:00-05:00"},` +
		`{"id":"trigger_12","name":"Sin próxima","next_run":null}]}}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestEmptyStatusHasAnEmptyJobListAndNullsForTheUnknown(t *testing.T) {
	got := mustRender(t, app.SchedulerStatus{Role: app.RoleLeader}, time.UTC)
	want := `{"success":true,"datos":{"running":false,"pausado":false,"rol":"lider","lider":null,` +
		`"recuperacion":{"evaluada_en":null,"recuperadas":0,"perdidas":0,"omitidas":0,"sin_fila":0},"total_jobs":0,"jobs":[]}}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestTheCachedStatusIsRenderedAgainWhenAnyShownFieldChanges(t *testing.T) {
	base := app.SchedulerStatus{
		Running: true, Role: app.RoleLeader, Leader: "equipo (pid 1)",
		Recovery: app.Recovery{EvaluatedAt: time.Date(2025, 12, 8, 7, 0, 0, 0, time.UTC), Recovered: 1},
		Jobs:     []app.ScheduledJob{{TriggerID: 1, Name: "Diaria", NextRun: time.Date(2025, 12, 8, 13, 0, 0, 0, time.UTC)}},
	}
	clone := func() app.SchedulerStatus {
		c := base
		c.Jobs = append([]app.ScheduledJob(nil), base.Jobs...)
		return c
	}
	changes := map[string]func(*app.SchedulerStatus){
		"running":     func(s *app.SchedulerStatus) { s.Running = false },
		"pausado":     func(s *app.SchedulerStatus) { s.Paused = true },
		"rol":         func(s *app.SchedulerStatus) { s.Role = app.RoleStandby },
		"lider":       func(s *app.SchedulerStatus) { s.Leader = "otro (pid 2)" },
		"evaluada_en": func(s *app.SchedulerStatus) { s.Recovery.EvaluatedAt = s.Recovery.EvaluatedAt.Add(time.Second) },
		"recuperadas": func(s *app.SchedulerStatus) { s.Recovery.Recovered++ },
		"perdidas":    func(s *app.SchedulerStatus) { s.Recovery.Missed++ },
		"omitidas":    func(s *app.SchedulerStatus) { s.Recovery.Skipped++ },
		"sin_fila":    func(s *app.SchedulerStatus) { s.Recovery.Uncounted++ },
		"job name":    func(s *app.SchedulerStatus) { s.Jobs[0].Name = "Otra" },
		"job id":      func(s *app.SchedulerStatus) { s.Jobs[0].TriggerID = 2 },
		"next_run":    func(s *app.SchedulerStatus) { s.Jobs[0].NextRun = s.Jobs[0].NextRun.Add(time.Hour) },
		"jobs":        func(s *app.SchedulerStatus) { s.Jobs = nil },
	}
	same := clone()
	same.Recovery.EvaluatedAt = same.Recovery.EvaluatedAt.In(time.FixedZone("otra", -5*3600)) // same instant
	if !sameStatus(base, same) {
		t.Error("an equal snapshot is not reused")
	}
	for name, change := range changes {
		changed := clone()
		change(&changed)
		if sameStatus(base, changed) {
			t.Errorf("a changed %s reuses the cached body", name)
		}
		if mustRender(t, base, time.UTC) == mustRender(t, changed, time.UTC) {
			t.Errorf("a changed %s does not change the body (the test would prove nothing)", name)
		}
	}
}

// BenchmarkStatusRender100 is what a status request costs when the snapshot
// or the zone changed since the last one: the body is encoded again.
func BenchmarkStatusRender100(b *testing.B) {
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		b.Fatal(err)
	}
	st := app.SchedulerStatus{Running: true, Role: app.RoleLeader, Leader: "oficina (pid 42)",
		Recovery: app.Recovery{EvaluatedAt: time.Date(2025, 12, 8, 12, 0, 0, 0, time.UTC)}}
	for i := range 100 {
		st.Jobs = append(st.Jobs, app.ScheduledJob{TriggerID: int64(i + 1), Name: "Notificación diaria",
			NextRun: time.Date(2025, 12, 8, i%24, i%60, 0, 0, time.UTC)})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renderStatus(st, loc, nil); err != nil {
			b.Fatal(err)
		}
	}
}
