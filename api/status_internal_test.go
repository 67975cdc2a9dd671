package api

import (
	"encoding/json"
	"testing"
	"time"

	"vigia/app"
)

// statusWant is the status object as encoding/json writes it, field for field.
type statusWant struct {
	Running   bool         `json:"running"`
	Paused    bool         `json:"pausado"`
	Role      string       `json:"rol"`
	Leader    *string      `json:"lider"`
	Recovery  recoveryWant `json:"recuperacion"`
	TotalJobs int          `json:"total_jobs"`
	Jobs      []jobWant    `json:"jobs"`
}

type recoveryWant struct {
	EvaluatedAt *string `json:"evaluada_en"`
	Recovered   int     `json:"recuperadas"`
	Missed      int     `json:"perdidas"`
	Skipped     int     `json:"omitidas"`
	Uncounted   int     `json:"sin_fila"`
}

type jobWant struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	NextRun *string `json:"next_run"`
}

func optStamp(t time.Time, loc *time.Location) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(loc).Format(time.RFC3339)
	return &s
}

func optText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func wantStatus(st app.SchedulerStatus, loc *time.Location) statusWant {
	w := statusWant{
		Running: st.Running, Paused: st.Paused, Role: st.Role, Leader: optText(st.Leader), TotalJobs: len(st.Jobs),
		Recovery: recoveryWant{
			EvaluatedAt: optStamp(st.Recovery.EvaluatedAt, loc), Recovered: st.Recovery.Recovered,
			Missed: st.Recovery.Missed, Skipped: st.Recovery.Skipped, Uncounted: st.Recovery.Uncounted,
		},
		Jobs: []jobWant{},
	}
	for _, j := range st.Jobs {
		w.Jobs = append(w.Jobs, jobWant{ID: "trigger_" + itoa(j.TriggerID), Name: j.Name, NextRun: optStamp(j.NextRun, loc)})
	}
	return w
}

// names exercise every escape the hand-written encoder must get right.
var names = []string{"", "Notificación Diaria", `comillas " y \ barra`, "línea\nnueva\ttab\r\b\f\x00\x1f", "<b>&</b>",
	"sep\u2028\u2029arado", "inválido \xff\xfe utf8", "emoji 🚀", "ñandú"}

func TestStatusIsEncodedExactlyAsTheEnvelopeEncoderWould(t *testing.T) {
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	st := app.SchedulerStatus{
		Running: true, Paused: true, Role: app.RoleStandby, Leader: `oficina "2" (pid 42) ñ`,
		Recovery: app.Recovery{EvaluatedAt: time.Date(2025, 12, 8, 12, 0, 1, 0, time.UTC), Recovered: 1, Missed: 2, Skipped: 3, Uncounted: 4},
	}
	for i, n := range names {
		next := time.Date(2025, 12, 8, 8+i, 30, 0, 0, time.UTC)
		if i == 0 {
			next = time.Time{}
		}
		st.Jobs = append(st.Jobs, app.ScheduledJob{TriggerID: int64(i + 1), Name: n, NextRun: next})
	}

	got := appendStatus(nil, st, loc)

	want, err := marshal(wantStatus(st, loc))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !json.Valid(got) {
		t.Errorf("invalid JSON: %s", got)
	}
}

func TestEmptyStatusHasAnEmptyJobListAndNullsForTheUnknown(t *testing.T) {
	got := string(appendStatus(nil, app.SchedulerStatus{Role: app.RoleLeader}, time.UTC))
	want := `{"running":false,"pausado":false,"rol":"lider","lider":null,` +
		`"recuperacion":{"evaluada_en":null,"recuperadas":0,"perdidas":0,"omitidas":0,"sin_fila":0},"total_jobs":0,"jobs":[]}`
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
		if string(appendStatus(nil, base, time.UTC)) == string(appendStatus(nil, changed, time.UTC)) {
			t.Errorf("a changed %s does not change the body (the test would prove nothing)", name)
		}
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
