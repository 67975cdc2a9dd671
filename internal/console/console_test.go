package console

import (
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/messages"
)

func TestBannerIsTheSeedsForItsTwoTriggers(t *testing.T) {
	// given: the seed's two triggers, and an inactive one that is not loaded
	triggers := []app.Trigger{
		{ID: 1, Name: "Notificación Diaria", Active: true, Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: 8}},
		{ID: 2, Name: "Reporte Semanal", Active: true, Schedule: app.Schedule{Frequency: app.FrequencyWeekly, Hour: 15, Weekdays: []time.Weekday{time.Monday, time.Friday}}},
		{ID: 3, Name: "Apagado", Active: false, Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: 9}},
	}
	status := app.SchedulerStatus{Running: true, Jobs: []app.ScheduledJob{{TriggerID: 1}, {TriggerID: 2}}}

	// when
	got := BannerText(triggers, status)

	// then: the seed document's console, line for line
	want := `============================================================
🚀 INICIANDO SCHEDULER AUTOMÁTICO DE TRIGGERS
============================================================
INFO: TriggerScheduler inicializado
INFO: Cargando 2 triggers activos...
INFO:   • Notificación Diaria: Diaria a las 08:00
INFO:   • Reporte Semanal: Semanal (lunes, viernes) a las 15:00
INFO: ✓ 2 triggers programados
INFO: ✓ Scheduler iniciado correctamente
INFO:   Trabajos programados: 2
============================================================
`
	if got != want {
		t.Errorf("banner:\n%s\nwant:\n%s", got, want)
	}
}

func TestRunBlockOfASentDigestIsTheSeeds(t *testing.T) {
	// given: the seed's run
	ev := app.Event{
		Kind: app.EventRunFinished,
		Execution: app.Execution{
			TriggerID: 1, TriggerName: "Notificación Diaria", State: app.StateSucceeded,
			Companies: 5, Alerts: 8, Recipients: []string{"admin@ejemplo.com"}, Notified: 8, Attempts: 1,
		},
		Delivery: app.Delivery{Priorities: []app.Priority{app.PriorityCritical, app.PriorityHigh}, Sent: true},
	}

	// when
	got := runBlockText(ev)

	// then
	want := `============================================================
EJECUTANDO TRIGGER ID: 1
============================================================
INFO: Trigger: Notificación Diaria
INFO: Destinatarios: admin@ejemplo.com
INFO: Prioridades: CRITICA, ALTA
INFO: ✓ Empresas con alertas: 5
INFO: ✓ Total alertas: 8
INFO: ⏳ Enviando notificaciones...
INFO: ✅ Email enviado exitosamente
INFO:    Destinatarios: 1
INFO:    Notificaciones: 8
INFO: ✓ Ejecución registrada en historial
============================================================
FIN EJECUCIÓN TRIGGER ID: 1
============================================================
`
	if got != want {
		t.Errorf("block:\n%s\nwant:\n%s", got, want)
	}
}

func TestRunBlockSaysWhatHappenedInsteadOfSending(t *testing.T) {
	base := app.Execution{TriggerID: 7, TriggerName: "Cada 4 Horas", Recipients: []string{"a@ejemplo.com", "b@ejemplo.com"}}
	prios := app.Delivery{Priorities: []app.Priority{app.PriorityCritical}}
	cases := []struct {
		name     string
		exec     func(e app.Execution) app.Execution
		delivery app.Delivery
		want     []string
		dontWant []string
	}{
		{
			name:     "no alerts",
			exec:     func(e app.Execution) app.Execution { e.State = app.StateSucceeded; return e },
			delivery: prios,
			want:     []string{"INFO: Destinatarios: a@ejemplo.com, b@ejemplo.com\n", "INFO: ✓ Total alertas: 0\n", "INFO: ✓ Sin alertas: no se envía correo\n"},
			dontWant: []string{"Enviando", "ERROR"},
		},
		{
			name: "SMTP refused",
			exec: func(e app.Execution) app.Execution {
				e.State, e.Alerts, e.Companies, e.Attempts, e.Error = app.StateFailed, 3, 1, 1, "el servidor rechazó el correo: 550"
				return e
			},
			delivery: prios,
			want:     []string{"INFO: ⏳ Enviando notificaciones...\n", "ERROR: ❌ el servidor rechazó el correo: 550\n", "INFO: ✓ Ejecución registrada en historial\n"},
			dontWant: []string{"✅", "Sin alertas"},
		},
		{
			name: "failed before sending",
			exec: func(e app.Execution) app.Execution {
				e.State, e.Problem = app.StateFailed, &app.Message{Code: app.CodeRunAlertsUnread, Args: app.Args{"Detail": "disco lleno"}}
				return e
			},
			delivery: prios,
			want:     []string{"ERROR: ❌ leer las alertas: disco lleno\n"},
			dontWant: []string{"Enviando"},
		},
		{
			name: "skipped",
			exec: func(e app.Execution) app.Execution {
				e.State, e.Problem, e.Recipients = app.StateSkipped, &app.Message{Code: app.CodeRunTriggerGone}, nil
				return e
			},
			want:     []string{"INFO: Trigger: Cada 4 Horas\n", "INFO: ⏭ Omitida: El trigger ya no existe.\n", "FIN EJECUCIÓN TRIGGER ID: 7\n"},
			dontWant: []string{"Destinatarios", "Total alertas"},
		},
		{
			name: "written to the outbox",
			exec: func(e app.Execution) app.Execution {
				e.State, e.Alerts, e.Companies, e.Notified, e.Attempts = app.StateSucceeded, 2, 1, 2, 1
				e.MailRoute = app.MailRouteOutbox
				return e
			},
			delivery: app.Delivery{Priorities: prios.Priorities, Sent: true},
			want:     []string{"INFO: ✅ Email guardado en la bandeja de salida\n", "INFO:    Destinatarios: 2\n", "INFO:    Notificaciones: 2\n"},
			dontWant: []string{"enviado exitosamente"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// when
			got := runBlockText(app.Event{Kind: app.EventRunFinished, Execution: tc.exec(base), Delivery: tc.delivery})

			// then
			if !strings.HasPrefix(got, rule+"\nEJECUTANDO TRIGGER ID: 7\n") || !strings.HasSuffix(got, "FIN EJECUCIÓN TRIGGER ID: 7\n"+rule+"\n") {
				t.Errorf("block is not framed by the seed's lines:\n%s", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("block lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.dontWant {
				if strings.Contains(got, w) {
					t.Errorf("block has %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestRunBlocksFinishedBeforeTheBannerWaitForIt(t *testing.T) {
	// given: a run that finishes while Vigía is still starting
	var out strings.Builder
	p := &RunPrinter{con: &Console{w: &out}}
	finished := func(id int64) app.Event {
		return app.Event{Kind: app.EventRunFinished, Execution: app.Execution{TriggerID: id, State: app.StateSucceeded}}
	}
	p.OnEvent(finished(1))
	p.OnEvent(app.Event{Kind: app.EventRunStarted, Execution: app.Execution{TriggerID: 9}})
	if out.Len() != 0 {
		t.Fatalf("printed before start:\n%s", out.String())
	}

	// when: the banner is out, and another run finishes
	p.con.Print("BANNER\n")
	p.Start()
	p.OnEvent(finished(2))

	// then: banner, the waiting block, the new one; nothing for the started event
	got := out.String()
	want := "BANNER\n" + runBlockText(finished(1)) + runBlockText(finished(2))
	if got != want {
		t.Errorf("console:\n%s\nwant:\n%s", got, want)
	}
}

func TestRecoveryLineSaysWhatWasRecoveredAndNothingWhenNothingWasMissed(t *testing.T) {
	cases := []struct {
		name string
		rec  app.Recovery
		want string
	}{
		{"nothing missed", app.Recovery{}, ""},
		{"one recovered, three missed", app.Recovery{Recovered: 1, Missed: 3},
			"INFO: ↺ Recuperación: 1 ejecución recuperada, 3 perdidas registradas\n"},
		{"everything", app.Recovery{Recovered: 2, Missed: 1, Skipped: 4, Uncounted: 7},
			"INFO: ↺ Recuperación: 2 ejecuciones recuperadas, 1 perdida registrada, 4 omitidas por la pausa, 7 perdidas más antiguas solo contadas\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := recoveryText(tc.rec); got != tc.want {
				t.Errorf("recoveryText = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPauseIsPrintedOnceEachTimeItChanges(t *testing.T) {
	// given: a printer whose banner is out
	var out strings.Builder
	paused := false
	p := &RunPrinter{con: &Console{w: &out}, paused: func() bool { return paused }}
	p.Start()
	changed := app.Event{Kind: app.EventSchedulerChanged}

	// when: paused (announced twice, as Pause and the reload of another process do), then resumed
	paused = true
	p.OnEvent(changed)
	p.OnEvent(changed)
	paused = false
	p.OnEvent(changed)

	// then
	want := "INFO: ⏸ Scheduler en pausa: los turnos que lleguen se registran como omitidos\n" +
		"INFO: ▶ Scheduler reanudado\n"
	if out.String() != want {
		t.Errorf("console:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestRoleIsInTheBannerAndEachChangeIsPrintedOnce(t *testing.T) {
	// given: a standby process, whose lease names another process
	var out strings.Builder
	r := &RoleReporter{con: &Console{w: &out}, self: "equipo (pid 7)"}
	standby := app.SchedulerStatus{Role: app.RoleStandby, Leader: "servidor (pid 1234)"}
	leader := app.SchedulerStatus{Role: app.RoleLeader, Leader: "equipo (pid 7)"}

	// when: a change before the banner, the banner, then changes after it
	r.Report(leader)
	banner := r.First(standby)
	r.Report(standby)
	r.Report(leader)
	r.Report(leader)
	full := app.Msg(app.CodeLeaseNotWritten, app.Args{"Cause": app.Msg(app.CodeStorageFull, app.Args{"Path": "/datos/vigia.db"})})
	r.Report(app.SchedulerStatus{Role: app.RoleNone, Problem: &full}) // a lease it could not write

	// then
	if want := "INFO: Rol: en espera — otro Vigía, en servidor (pid 1234), ejecuta los triggers de esta base de datos\n"; banner != want {
		t.Errorf("banner's role = %q, want %q", banner, want)
	}
	want := "INFO: Rol: líder (este proceso ejecuta los triggers)\n" +
		"WARNING: Rol: sin turno — este proceso no ejecuta triggers. " + messages.Text("es", full) + "\n"
	if out.String() != want {
		t.Errorf("console:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestRecoveryAtStartWaitsForTheBanner(t *testing.T) {
	// given: an evaluation of missed slots while Vigía is starting
	var out strings.Builder
	p := &RunPrinter{con: &Console{w: &out}}
	p.OnEvent(app.Event{Kind: app.EventRecovered, Recovery: app.Recovery{Missed: 2}})
	p.OnEvent(app.Event{Kind: app.EventRecovered}) // nothing missed: nothing to say
	if out.Len() != 0 {
		t.Fatalf("printed before start:\n%s", out.String())
	}

	// when
	p.con.Print("BANNER\n")
	p.Start()

	// then
	if want := "BANNER\nINFO: ↺ Recuperación: 2 perdidas registradas\n"; out.String() != want {
		t.Errorf("console:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestARunsBlockPrintsANameThatForgesLinesOnItsOwnLineEscaped(t *testing.T) {
	// given a run of a trigger saved, before names were checked, with a line break and ESC in its name
	ev := app.Event{
		Kind: app.EventRunFinished,
		Execution: app.Execution{
			TriggerID: 7, TriggerName: "ok\nERROR: x\x1b[31m", State: app.StateSucceeded,
			Recipients: []string{"a@ejemplo.com"}, Attempts: 1,
		},
	}
	banner := BannerText([]app.Trigger{{ID: 7, Name: "ok\nERROR: x\x1b[31m", Active: true,
		Schedule: app.Schedule{Frequency: app.FrequencyDaily, Hour: 8}}}, app.SchedulerStatus{Running: true})

	// when
	block := runBlockText(ev)

	// then the name is one line, its characters escaped, and no ESC reaches the terminal
	for what, text := range map[string]string{"block": block, "banner": banner} {
		if strings.ContainsRune(text, '\x1b') || strings.Contains(text, "\nERROR: x") {
			t.Errorf("%s forges a line or sends ESC:\n%s", what, text)
		}
	}
	if !strings.Contains(block, "\nINFO: Trigger: ok\\nERROR: x\\x1b[31m\n") {
		t.Errorf("block:\n%s", block)
	}
	if !strings.Contains(banner, "\nINFO:   • ok\\nERROR: x\\x1b[31m: Diaria a las 08:00\n") {
		t.Errorf("banner:\n%s", banner)
	}
}
