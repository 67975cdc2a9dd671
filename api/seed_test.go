package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// curl sends a request like the seed's curl examples plus the token header.
func curl(t *testing.T, srv *httptest.Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return res.StatusCode, out
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestSeedExamplesWorkVerbatimOverHTTP(t *testing.T) {
	// given the API on a real loopback listener
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()

	// when the seed's three curl bodies are posted
	var created []map[string]any
	for _, body := range []string{seedDaily, seedWeekly, seedHourly} {
		status, out := curl(t, srv, "POST", "/api/triggers", body)
		if status != http.StatusCreated || out["success"] != true {
			t.Fatalf("POST /api/triggers = %d %v", status, out)
		}
		created = append(created, out["datos"].(map[string]any))
	}

	// then each echoes the seed's fields, lists as lists
	daily, weekly, hourly := created[0], created[1], created[2]
	checks := []struct {
		got  any
		want any
	}{
		{daily["nombre"], "Notificación Diaria"},
		{daily["frecuencia"], "diaria"},
		{daily["hora"], "08:00"},
		{daily["destinatarios"], []any{"admin@ejemplo.com"}},
		{daily["prioridades"], []any{"CRITICA", "ALTA"}},
		{daily["activo"], true},
		{daily["enviar_sin_alertas"], false},
		{daily["dias_semana"], []any{}},
		{daily["dia_mes"], nil},
		{daily["intervalo_horas"], nil},
		{daily["descripcion_programacion"], "Diaria a las 08:00"},
		{daily["proxima_ejecucion"], "2025-12-08T08:00:00-05:00"},
		{weekly["dias_semana"], []any{"lunes", "viernes"}},
		{weekly["prioridades"], []any{"CRITICA", "ALTA", "MEDIA"}},
		{weekly["descripcion_programacion"], "Semanal (lunes, viernes) a las 15:00"},
		{weekly["proxima_ejecucion"], "2025-12-08T15:00:00-05:00"},
		{hourly["hora"], nil},
		{hourly["intervalo_horas"], float64(4)},
		{hourly["descripcion_programacion"], "Cada 4 horas"},
		{hourly["proxima_ejecucion"], "2025-12-08T11:00:00-05:00"},
		{hourly["creado_en"], "2025-12-08T07:00:00-05:00"},
		{daily["recuperar"], true},
	}
	for i, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("check %d: got %#v, want %#v", i, c.got, c.want)
		}
	}
	wantKeys := []string{"activo", "actualizado_en", "creado_en", "descripcion", "descripcion_programacion", "destinatarios",
		"dia_mes", "dias_semana", "enviar_sin_alertas", "frecuencia", "hora", "id", "intervalo_horas", "nombre", "prioridades", "proxima_ejecucion",
		"recuperar"}
	if got := keys(daily); !slices.Equal(got, wantKeys) {
		t.Errorf("trigger keys %v, want %v", got, wantKeys)
	}

	// and the scheduler picked them up at once, in the seed's shape (plus the
	// pause, the role, the latest recovery and the tax calendar in effect)
	status, out := curl(t, srv, "GET", "/api/triggers/scheduler/status", "")
	if status != http.StatusOK || !slices.Equal(keys(out), []string{"datos", "success"}) {
		t.Fatalf("status = %d %v", status, out)
	}
	datos := out["datos"].(map[string]any)
	if !slices.Equal(keys(datos), []string{"calendario", "jobs", "lider", "pausado", "recuperacion", "rol", "running", "total_jobs"}) ||
		datos["running"] != true || datos["total_jobs"] != float64(3) || datos["pausado"] != false || datos["rol"] != "lider" {
		t.Fatalf("status datos = %v", datos)
	}
	wantJobs := []any{
		map[string]any{"id": "trigger_1", "name": "Notificación Diaria", "next_run": "2025-12-08T08:00:00-05:00"},
		map[string]any{"id": "trigger_3", "name": "Monitoreo Cada 4 Horas", "next_run": "2025-12-08T11:00:00-05:00"},
		map[string]any{"id": "trigger_2", "name": "Reporte Semanal", "next_run": "2025-12-08T15:00:00-05:00"},
	}
	if !reflect.DeepEqual(datos["jobs"], wantJobs) {
		t.Errorf("jobs = %v, want %v", datos["jobs"], wantJobs)
	}

	// when the seed's reload is posted (no body, no content type)
	status, out = curl(t, srv, "POST", "/api/triggers/scheduler/reload", "")
	want := map[string]any{"success": true, "message": "Scheduler recargado exitosamente",
		"datos": map[string]any{"running": true, "pausado": false, "total_jobs": float64(3)}}
	if status != http.StatusOK || !reflect.DeepEqual(out, want) {
		t.Errorf("reload = %d %v, want %v", status, out, want)
	}

	// and the seed's history query answers an empty page
	status, out = curl(t, srv, "GET", "/api/triggers/ejecuciones", "")
	want = map[string]any{"success": true, "datos": map[string]any{"total": float64(0), "ejecuciones": []any{}}}
	if status != http.StatusOK || !reflect.DeepEqual(out, want) {
		t.Errorf("ejecuciones = %d %v, want %v", status, out, want)
	}
}

func TestNewServerSetsEveryTimeoutAndAHeaderLimit(t *testing.T) {
	srv := newServerForTest()
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout,
	} {
		if d <= 0 {
			t.Errorf("%s is not set", name)
		}
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d", srv.MaxHeaderBytes)
	}
	if srv.Addr != "127.0.0.1:5000" {
		t.Errorf("Addr = %q", srv.Addr)
	}
}
