package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/app/taxcal"
)

func TestHomeListsTheNextRunsInOrderWithTheTimeLeft(t *testing.T) {
	e := newTestEnv(t)
	e.createTrigger(draft("Diario", func(d *app.TriggerDraft) { d.Time = ptr("07:30") }))
	e.createTrigger(draft("Semanal", func(d *app.TriggerDraft) {
		d.Frequency, d.Time, d.Weekdays = ptr("semanal"), ptr("09:00"), &[]string{"lunes", "miércoles"}
	}))
	e.createTrigger(draft("Inactivo", func(d *app.TriggerDraft) { d.Time, d.Active = ptr("07:10"), ptr(false) }))
	b := e.login()

	body := wantPage(t, b.get("/"), http.StatusOK, "Scheduler en marcha: 2 triggers programados.")

	rows := []string{
		"<td>lun 08/12/2025 07:30</td><td>Diario</td><td class=\"sin-corte\">en 30 min</td>",
		"<td>lun 08/12/2025 09:00</td><td>Semanal</td><td class=\"sin-corte\">en 2 h</td>",
		"<td>mar 09/12/2025 07:30</td><td>Diario</td><td class=\"sin-corte\">en 1 d</td>",
		"<td>mié 10/12/2025 07:30</td><td>Diario</td><td class=\"sin-corte\">en 2 d</td>",
		"<td>mié 10/12/2025 09:00</td><td>Semanal</td><td class=\"sin-corte\">en 2 d 2 h</td>",
	}
	at := -1
	for _, row := range rows {
		i := strings.Index(body, row)
		if i <= at {
			t.Fatalf("row %q missing or out of order in:\n%s", row, body)
		}
		at = i
	}
	if strings.Contains(body, "Inactivo") || strings.Count(body, "<tr><td>") != 10 {
		t.Errorf("want the 10 next slots of the active triggers only:\n%s", body)
	}
}

func TestHomeWithNothingYetSaysSo(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	before := e.settings.readCount()
	wantPage(t, b.get("/"), http.StatusOK, "No hay triggers activos: cree uno en Triggers.", "Todavía no se ha ejecutado ningún trigger.",
		"Correo: sin servidor SMTP", "Sin servidor SMTP los resúmenes no salen del equipo", `href="/configuracion"`)
	if n := e.settings.readCount() - before; n != 1 {
		t.Errorf("the page read the settings %d times, want once", n)
	}
}

func TestHomeWithSMTPSaysTheServer(t *testing.T) {
	e := newTestEnv(t)
	e.settings.s.SMTPHost = "smtp.ejemplo.com"
	e.settings.s.MailMode = app.Msg(app.CodeMailServer, app.Args{"Addr": "smtp.ejemplo.com:465", "TLS": "ssl", "User": "ana@ejemplo.com", "From": "vigia@ejemplo.com"})
	body := wantPage(t, e.login().get("/"), http.StatusOK, "Correo: "+TM("es", e.settings.s.MailMode))
	if strings.Contains(body, "Sin servidor SMTP") || !strings.Contains(body, "smtp.ejemplo.com:465") {
		t.Errorf("the SMTP line:\n%s", body)
	}
}

func TestHomeShowsThePauseSinceWhenAndResumes(t *testing.T) {
	e := newTestEnv(t)
	e.createTrigger(draft("Diario", nil))
	b := e.login()
	wantRedirect(t, b.post("/pausar", url.Values{"volver": {"/triggers"}}), "/triggers")

	body := wantPage(t, b.get("/"), http.StatusOK, "Scheduler en pausa: los turnos que lleguen se registrarán como omitidos.",
		`<span class="badge badge-aviso">En pausa</span>`, "En pausa desde lun 08/12/2025 07:00",
		"El scheduler está en pausa: estos turnos se omitirán", `action="/reanudar"`)
	if strings.Contains(body, `action="/pausar"`) {
		t.Error("a paused scheduler offers Pausar")
	}
	// the flash shows once
	if strings.Contains(b.get("/").Body.String(), "se registrarán como omitidos") {
		t.Error("the flash showed twice")
	}

	wantRedirect(t, b.post("/reanudar", nil), "/")
	wantPage(t, b.get("/"), http.StatusOK, "Scheduler reanudado.", "Scheduler en marcha: 1 triggers programados.", `action="/pausar"`)
}

func TestHomeNamesTheLeaderOnAStandbyAndSaysALeaseProblem(t *testing.T) {
	e := newTestEnv(t)
	e.status.override.Store(&app.SchedulerStatus{Running: true, Role: app.RoleStandby, Leader: "servidor-1 (PID 4242)"})
	b := e.login()
	body := wantPage(t, b.get("/"), http.StatusOK, "En espera — servidor-1 (PID 4242) ejecuta los triggers de esta base de datos.", ">En espera<")
	if strings.Contains(body, `action="/pausar"`) {
		t.Error("a standby offers Pausar")
	}

	e.status.override.Store(&app.SchedulerStatus{Running: true, Role: app.RoleStandby})
	wantPage(t, b.get("/"), http.StatusOK, "En espera — otro equipo o proceso ejecuta los triggers")

	problem := app.Msg(app.CodeLeaseNotWritten, app.Args{"Problem": app.Msg(app.CodeStorageFull, nil)})
	e.status.override.Store(&app.SchedulerStatus{Running: true, Role: app.RoleLeader, Problem: &problem})
	wantPage(t, b.get("/"), http.StatusOK, `<span class="badge badge-error">Problema</span>`, TM("es", problem))
}

func TestHomeShowsTheLastRunsAndAFailingTriggerUntilDismissed(t *testing.T) {
	e := newTestEnv(t)
	ok := e.createTrigger(draft("Bueno", nil))
	bad := e.createTrigger(draft("Malo", nil))
	e.runNow(ok.ID)
	e.mailer.failWith(errors.New("dial tcp 10.0.0.9:587: connection refused"))
	failed := e.runNow(bad.ID)
	if failed.State != app.StateFailed {
		t.Fatalf("run state %s, want fallido", failed.State)
	}
	b := e.login()

	body := wantPage(t, b.get("/"), http.StatusOK,
		`<span class="badge badge-ok">Exitoso</span>`, `<span class="badge badge-error">Fallido</span>`,
		"Sin alertas abiertas: no se envió correo", "Falló «Malo»", "Última ejecución ahora (lun 08/12/2025 07:00)",
		`href="/historial?trigger=`+itoa(bad.ID)+`"`, `action="/inicio/descartar/`+itoa(failed.ID)+`"`)
	if strings.Contains(body, "Falló «Bueno»") {
		t.Error("a trigger whose last run succeeded has a failure card")
	}

	wantRedirect(t, b.post("/inicio/descartar/"+itoa(failed.ID), nil), "/")
	if strings.Contains(b.get("/").Body.String(), "Falló «Malo»") {
		t.Error("the dismissed card is still shown")
	}
	// another session still sees it
	wantPage(t, e.login().get("/"), http.StatusOK, "Falló «Malo»")

	// a later success of the trigger puts the card away for everyone
	e.mailer.failWith(nil)
	e.runNow(bad.ID)
	if strings.Contains(e.login().get("/").Body.String(), "Falló «Malo»") {
		t.Error("the card stays after the trigger succeeded")
	}
}

func TestHomeSaysWhatTheRecoveryFoundUntilUnderstood(t *testing.T) {
	e := newTestEnv(t)
	e.createTrigger(draft("Diario", func(d *app.TriggerDraft) { d.Time, d.CatchUp = ptr("07:30"), ptr(false) }))
	// Vigía was off for two days: no timer fired, the start's catch-up records the slots
	if err := e.sched.Shutdown(); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(48 * time.Hour)
	rec, err := e.svc.CatchUp(context.Background())
	if err != nil || rec.Missed != 2 {
		t.Fatalf("catch-up = %+v, %v; want 2 missed", rec, err)
	}
	b := e.login()

	wantPage(t, b.get("/"), http.StatusOK, "Hubo turnos mientras Vigía no estaba en marcha",
		"Revisado al arrancar o despertar el equipo (mié 10/12/2025 07:00): 2 perdidas.", `action="/inicio/entendido"`)

	ms := itoa(rec.EvaluatedAt.UnixMilli())
	wantRedirect(t, b.post("/inicio/entendido", url.Values{"evaluado": {ms}}), "/")
	if strings.Contains(b.get("/").Body.String(), "Hubo turnos mientras") {
		t.Error("the understood notice is still shown")
	}
}

func TestHomeSaysWhichTaxCalendarIsLoaded(t *testing.T) {
	e := newTestEnv(t)
	st, err := e.svc.CalendarStatus(context.Background())
	if err != nil || st.Info.Version == "" {
		t.Fatalf("calendar status %+v, %v", st, err)
	}
	b := e.login()
	body := wantPage(t, b.get("/"), http.StatusOK, "Calendario "+st.Info.Version+", revisado el "+formatDate(st.Info.RetrievedOn)+", incluido en Vigía; alertas hasta 12 meses adelante")
	if strings.Contains(body, "Falta el calendario oficial") {
		t.Error("a warning about a calendar no client uses")
	}

	// a client owes retención and the horizon reaches 2027, which DIAN has not published
	name, nit, codes := "Panadería La Espiga", "900123456", []string{taxcal.RetencionFuente}
	if _, err := e.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: &name, NIT: &nit, Responsibilities: &codes}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.SetCalendarHorizon(context.Background(), 24); err != nil {
		t.Fatal(err)
	}
	wantPage(t, b.get("/"), http.StatusOK, "alertas hasta 24 meses adelante", "Falta el calendario oficial de 2027", `href="/calendario"`, "Ver calendario")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
