package api

import (
	"encoding/json"
	"testing"
	"time"

	"vigia/app"
)

func TestStatusIsEncodedExactlyAsTheEnvelopeEncoderWould(t *testing.T) {
	loc, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"", "Notificación Diaria", `comillas " y \ barra`, "línea\nnueva\ttab\r\b\f\x00\x1f", "<b>&</b>",
		"sep\u2028\u2029arado", "inválido \xff\xfe utf8", "emoji 🚀", "ñandú"}
	var st app.SchedulerStatus
	st.Running = true
	for i, n := range names {
		next := time.Date(2025, 12, 8, 8+i, 30, 0, 0, time.UTC)
		if i == 0 {
			next = time.Time{}
		}
		st.Jobs = append(st.Jobs, app.ScheduledJob{TriggerID: int64(i + 1), Name: n, NextRun: next})
	}

	got := appendStatus(nil, st, loc)

	type job struct {
		ID      string  `json:"id"`
		Name    string  `json:"name"`
		NextRun *string `json:"next_run"`
	}
	want := struct {
		Running   bool  `json:"running"`
		TotalJobs int   `json:"total_jobs"`
		Jobs      []job `json:"jobs"`
	}{Running: true, TotalJobs: len(names)}
	for _, j := range st.Jobs {
		var next *string
		if !j.NextRun.IsZero() {
			s := j.NextRun.In(loc).Format(time.RFC3339)
			next = &s
		}
		want.Jobs = append(want.Jobs, job{ID: "trigger_" + itoa(j.TriggerID), Name: j.Name, NextRun: next})
	}
	wantJSON, err := marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(wantJSON) {
		t.Errorf("got  %s\nwant %s", got, wantJSON)
	}
	if !json.Valid(got) {
		t.Errorf("invalid JSON: %s", got)
	}
}

func TestEmptyStatusHasAnEmptyJobList(t *testing.T) {
	got := string(appendStatus(nil, app.SchedulerStatus{}, time.UTC))
	if want := `{"running":false,"total_jobs":0,"jobs":[]}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
