package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

// weeklyForm is the trigger form as a browser posts it: a weekly digest on
// Mondays and Fridays at 15:00.
func weeklyForm(name string) url.Values {
	return url.Values{
		"nombre": {name}, "descripcion": {""}, "frecuencia": {"semanal"}, "hora": {"15:00"},
		"dias_semana": {"lunes", "viernes"}, "dia_mes": {"1"}, "intervalo_horas": {"4"},
		"destinatarios": {"contador@ejemplo.com"}, "prioridades": {"CRITICA", "ALTA"},
		"activo": {"1"}, "recuperar": {"1"},
	}
}

func idPath(id int64, action string) string { return triggerPath(id, action) }

func TestCreatingAWeeklyTriggerThroughTheFormListsItWithItsScheduleInWords(t *testing.T) {
	// given a logged-in browser on Monday 08/12/2025 07:00 in Bogotá
	e := newTestEnv(t)
	b := e.login()

	// when it posts a weekly trigger from the form
	res := b.post("/triggers/nuevo", weeklyForm("Resumen semanal"))

	// then it is saved, and the list shows its schedule in words and its next run
	wantRedirect(t, res, "/triggers")
	ts, err := e.svc.Triggers(context.Background())
	if err != nil || len(ts) != 1 {
		t.Fatalf("triggers %v, %v; want one", ts, err)
	}
	if got := ts[0].Schedule.Weekdays; len(got) != 2 || got[0] != time.Monday || got[1] != time.Friday {
		t.Errorf("weekdays %v, want Monday and Friday", got)
	}
	wantPage(t, b.get("/triggers"), http.StatusOK,
		"Trigger «Resumen semanal» guardado.", ">Resumen semanal</a>", "Semanal (lunes, viernes) a las 15:00",
		"lun 08/12/2025 15:00 · en 8 h", "Sin ejecuciones", `href="/triggers/`+strconv.FormatInt(ts[0].ID, 10)+`"`)
}

func TestABadTriggerFormComesBackWithEachFieldsErrorAndWhatWasTyped(t *testing.T) {
	// given a form without a name, without a weekday and with a bad address
	e := newTestEnv(t)
	b := e.login()
	form := weeklyForm("")
	form.Del("dias_semana")
	form.Set("descripcion", "Para el equipo de nómina")
	form.Set("destinatarios", "no-es-un-correo")

	// when it is posted
	res := b.post("/triggers/nuevo", form)

	// then the form comes back refused, each field with its Spanish error
	// next to it and what the user typed, and nothing is saved
	body := wantPage(t, res, http.StatusBadRequest, "Revise los datos:",
		`<p class="campo-error" id="error-nombre">El nombre es obligatorio.</p>`,
		`<p class="campo-error" id="error-dias_semana">Indique al menos un día de la semana`,
		`id="error-destinatarios">Dirección de correo inválida`, "falta la @",
		">no-es-un-correo</textarea>", ">Para el equipo de nómina</textarea>", `name="hora" value="15:00"`,
		`value="CRITICA" checked`, `name="nombre" value="" placeholder=`)
	if !strings.Contains(body, `id="nombre" name="nombre" value="" placeholder="Por ejemplo: Resumen diario de vencimientos" autocomplete="off" aria-invalid="true"`) {
		t.Error("the name field is not marked invalid")
	}
	if strings.Contains(body, `error-hora"`) {
		t.Error("a valid time is refused")
	}
	if ts, _ := e.svc.Triggers(context.Background()); len(ts) != 0 {
		t.Errorf("a refused form saved %d triggers", len(ts))
	}
}

func TestAnIntervalThatIsNotANumberIsRefusedNextToItsField(t *testing.T) {
	// given an every-N-hours form whose interval is a word
	e := newTestEnv(t)
	b := e.login()
	form := weeklyForm("Cada rato")
	form.Set("frecuencia", "personalizada")
	form.Set("intervalo_horas", "cuatro")

	// when it is posted, then the interval is refused in words and kept as typed
	wantPage(t, b.post("/triggers/nuevo", form), http.StatusBadRequest,
		`id="error-intervalo_horas">Escriba un número entero de horas, de 1 a 168.`, `value="cuatro"`)
}

// runItems are the items of a next-runs list.
var runItems = regexp.MustCompile(`<li>([^<]*)(?:<span class="proximas-nota">— ([^<]*)</span>)?</li>`)

func TestThePreviewFragmentListsTheNextFiveRunsOfAWeeklyForm(t *testing.T) {
	// given a logged-in browser and a weekly schedule typed in the form
	e := newTestEnv(t)
	b := e.login()
	q := url.Values{"frecuencia": {"semanal"}, "hora": {"15:00"}, "dias_semana": {"lunes", "viernes"}}

	// when app.js asks for its next runs
	res := b.get("/triggers/proximas?" + q.Encode())

	// then the answer is the fragment alone, with five runs
	body := wantPage(t, res, http.StatusOK, `<div id="proximas-lista"`)
	if strings.Contains(body, "<html") {
		t.Error("the fragment carries the whole page")
	}
	want := []string{"lun 08/12/2025 15:00", "vie 12/12/2025 15:00", "lun 15/12/2025 15:00", "vie 19/12/2025 15:00", "lun 22/12/2025 15:00"}
	items := runItems.FindAllStringSubmatch(body, -1)
	if len(items) != len(want) {
		t.Fatalf("%d runs, want %d:\n%s", len(items), len(want), body)
	}
	for i, it := range items {
		if it[1] != want[i] {
			t.Errorf("run %d: %q, want %q", i, it[1], want[i])
		}
	}
}

func TestThePreviewOfDay31SaysWhereAShortMonthMovesIt(t *testing.T) {
	// given a monthly schedule on day 31 at 09:00
	e := newTestEnv(t)
	b := e.login()
	q := url.Values{"frecuencia": {"mensual"}, "hora": {"09:00"}, "dia_mes": {"31"}}

	// when its next runs are previewed
	body := wantPage(t, b.get("/triggers/proximas?"+q.Encode()), http.StatusOK)

	// then February's run falls on the 28th, with the month-end note
	items := runItems.FindAllStringSubmatch(body, -1)
	if len(items) != 5 {
		t.Fatalf("%d runs, want 5:\n%s", len(items), body)
	}
	if items[0][1] != "mié 31/12/2025 09:00 " && items[0][1] != "mié 31/12/2025 09:00" {
		t.Errorf("first run %q, want mié 31/12/2025 09:00", items[0][1])
	}
	if !strings.HasPrefix(items[2][1], "sáb 28/02/2026 09:00") || items[2][2] != "día 31 → 28/02, último día del mes" {
		t.Errorf("February's run %q with note %q", items[2][1], items[2][2])
	}
	if items[1][2] != "" {
		t.Errorf("January's run carries a note: %q", items[1][2])
	}
}

func TestAnIncompleteScheduleAsksToCompleteItInThePreview(t *testing.T) {
	// given a weekly schedule without days
	e := newTestEnv(t)
	b := e.login()

	// when it is previewed, then the fragment says what is missing
	wantPage(t, b.get("/triggers/proximas?frecuencia=semanal&hora=15:00"), http.StatusOK,
		"Complete la programación para ver las próximas ejecuciones.")
}

func TestShowNextRunsWithoutJavaScriptRendersThemInTheFormAndSavesNothing(t *testing.T) {
	// given a form typed without JavaScript
	e := newTestEnv(t)
	b := e.login()
	form := weeklyForm("")
	form.Set("accion", "proximas")

	// when «Ver próximas ejecuciones» posts it
	res := b.post("/triggers/nuevo", form)

	// then the form comes back with its five runs, no error for the empty
	// name (nothing was saved, so nothing was refused), and nothing saved
	body := wantPage(t, res, http.StatusOK, "Próximas ejecuciones (America/Bogota)", "lun 08/12/2025 15:00", "lun 22/12/2025 15:00")
	if len(runItems.FindAllString(body, -1)) != 5 {
		t.Errorf("want 5 runs in the page:\n%s", body)
	}
	if strings.Contains(body, "El nombre es obligatorio.") {
		t.Error("the preview refuses the empty name")
	}
	if ts, _ := e.svc.Triggers(context.Background()); len(ts) != 0 {
		t.Errorf("the preview saved %d triggers", len(ts))
	}
}

func TestTheNewFormShowsEveryFrequencysFieldsForPagesWithoutJavaScript(t *testing.T) {
	// given a logged-in browser
	e := newTestEnv(t)
	b := e.login()

	// when it opens the new trigger form, then the fields of every frequency
	// are there, each marked with the frequencies it belongs to (app.js hides
	// the others), and the defaults are those of the desktop
	wantPage(t, b.get("/triggers/nuevo"), http.StatusOK, `data-proximas="/triggers/proximas"`,
		`data-frecuencias="diaria semanal mensual"`, `data-frecuencias="semanal"`, `data-frecuencias="mensual"`,
		`data-frecuencias="personalizada"`, `name="dias_semana" value="miércoles"`, `<option value="-1">Último día</option>`,
		`name="intervalo_horas" value="4"`, `name="hora" value="08:00"`, `<option value="diaria" selected>Diaria</option>`,
		`value="CRITICA" checked`, `value="ALTA" checked`, `name="activo" value="1" checked`, `name="recuperar" value="1" checked`,
		`name="accion" value="proximas"`, "lun 08/12/2025 08:00")
}

func TestEditingATriggerShowsItAndSavesTheChange(t *testing.T) {
	// given a daily trigger
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))

	// when its page is opened, then the form holds it and posts to it
	wantPage(t, b.get(idPath(tr.ID, "")), http.StatusOK, `action="`+idPath(tr.ID, "")+`"`, `value="Diario"`,
		"contador@ejemplo.com</textarea>", `data-proximas="`+idPath(tr.ID, "proximas")+`"`)

	// when it is changed to monthly, last day, at 18:30
	form := weeklyForm("Cierre de mes")
	form.Set("frecuencia", "mensual")
	form.Set("hora", "18:30")
	form.Set("dia_mes", "-1")
	wantRedirect(t, b.post(idPath(tr.ID, ""), form), "/triggers")

	// then it is saved so, and listed so
	got, err := e.svc.Trigger(context.Background(), tr.ID)
	if err != nil || got.Name != "Cierre de mes" || got.Schedule.DayOfMonth != app.LastDayOfMonth {
		t.Fatalf("saved %+v, %v", got, err)
	}
	wantPage(t, b.get("/triggers"), http.StatusOK, "Mensual (último día) a las 18:30")
}

func TestDuplicatingOpensANewFormFilledAsACopy(t *testing.T) {
	// given a trigger
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))

	// when it is duplicated, then a new trigger's form holds its copy
	wantPage(t, b.get(idPath(tr.ID, "duplicar")), http.StatusOK, `action="/triggers/nuevo"`, `value="Copia de Diario"`,
		"contador@ejemplo.com</textarea>", `value="BAJA" checked`)
}

func TestDeleteAsksFirstThenDeletes(t *testing.T) {
	// given a trigger
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))

	// when its delete page is opened, then it asks, and nothing is deleted yet
	wantPage(t, b.get(idPath(tr.ID, "eliminar")), http.StatusOK, "¿Eliminar «Diario»? Dejará de ejecutarse.",
		`<form method="post" action="`+idPath(tr.ID, "eliminar")+`"`)
	if _, err := e.svc.Trigger(context.Background(), tr.ID); err != nil {
		t.Fatalf("asking deleted it: %v", err)
	}

	// when the answer posts, then it is gone and the list says so
	wantRedirect(t, b.post(idPath(tr.ID, "eliminar"), url.Values{}), "/triggers")
	if _, err := e.svc.Trigger(context.Background(), tr.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("after delete: %v, want not found", err)
	}
	wantPage(t, b.get("/triggers"), http.StatusOK, "Trigger «Diario» eliminado.", "Aún no hay triggers.")
}

// waitRun subscribes to the service's runs; the returned function waits for
// the next run to finish.
func waitRun(t *testing.T, e *testEnv) func() app.Execution {
	done := make(chan app.Execution, 4)
	e.svc.Subscribe(func(ev app.Event) {
		if ev.Kind == app.EventRunFinished {
			done <- ev.Execution
		}
	})
	return func() app.Execution {
		t.Helper()
		select {
		case x := <-done:
			return x
		case <-time.After(failAfter):
			t.Fatal("the run did not finish")
			return app.Execution{}
		}
	}
}

func TestRunNowCreatesAHistoryRowAndTheListShowsItsResult(t *testing.T) {
	// given a trigger that has never run
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))
	finished := waitRun(t, e)

	// when «Ejecutar ahora» posts
	wantRedirect(t, b.post(idPath(tr.ID, "ejecutar"), url.Values{}), "/triggers")

	// then a manual run is in the history, and once it ends the list shows its result
	page, err := e.svc.Executions(context.Background(), app.ExecutionFilter{TriggerID: tr.ID})
	if err != nil || len(page.Executions) != 1 || page.Executions[0].Origin != app.OriginManual {
		t.Fatalf("history %+v, %v; want one manual run", page.Executions, err)
	}
	if x := finished(); x.State != app.StateSucceeded {
		t.Fatalf("run ended %s", x.State)
	}
	body := wantPage(t, b.get("/triggers"), http.StatusOK, "Ejecución manual de «Diario» iniciada",
		`<span class="badge badge-ok">Exitoso</span>`, "ahora · ")
	if strings.Contains(body, "disabled>En curso…") {
		t.Error("run now stays disabled after the run ended")
	}
}

func TestRunNowIsDisabledWhileTheTriggerRuns(t *testing.T) {
	// given a trigger whose run another Vigía on the same database has claimed
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))
	now := e.clock.Now()
	if _, err := e.store.ClaimExecution(context.Background(), app.Execution{TriggerID: tr.ID, TriggerName: tr.Name,
		ScheduledFor: now, StartedAt: now, State: app.StateRunning, Origin: app.OriginScheduled, Instance: "otro-equipo"}); err != nil {
		t.Fatal(err)
	}

	// when the list is shown, then the row says «En curso…», its run-now
	// button is disabled and the page asks app.js to reload it
	wantPage(t, b.get("/triggers"), http.StatusOK, `<span class="badge badge-info">En curso…</span>`,
		`<button type="submit" disabled>En curso…</button>`, `data-recargar="5"`)
}

func TestPauseAndResumeFromTheTriggersPage(t *testing.T) {
	// given a running scheduler and an active trigger
	e := newTestEnv(t)
	b := e.login()
	e.createTrigger(draft("Diario", nil))
	wantPage(t, b.get("/triggers"), http.StatusOK, "Scheduler en marcha", `action="/pausar"`, `name="volver" value="/triggers"`)

	// when «Pausar scheduler» posts, then it is paused and the list says so
	wantRedirect(t, b.post("/pausar", url.Values{"volver": {"/triggers"}}), "/triggers")
	if !e.svc.Paused() {
		t.Fatal("not paused")
	}
	wantPage(t, b.get("/triggers"), http.StatusOK, "Scheduler en pausa: no se envía nada", `action="/reanudar"`,
		"Reanudar scheduler", "· en pausa")

	// when «Reanudar scheduler» posts, then it runs again
	wantRedirect(t, b.post("/reanudar", url.Values{"volver": {"/triggers"}}), "/triggers")
	if e.svc.Paused() {
		t.Fatal("still paused")
	}
	wantPage(t, b.get("/triggers"), http.StatusOK, "Scheduler en marcha")
}

func TestDeactivatingATriggerFromTheList(t *testing.T) {
	// given an active trigger
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))

	// when its «Desactivar» posts, then only Activo changes
	wantRedirect(t, b.post(idPath(tr.ID, "activo"), url.Values{"activo": {"0"}}), "/triggers")
	got, err := e.svc.Trigger(context.Background(), tr.ID)
	if err != nil || got.Active || got.Name != "Diario" || len(got.Recipients) != 1 {
		t.Fatalf("after deactivating: %+v, %v", got, err)
	}
	wantPage(t, b.get("/triggers"), http.StatusOK, "Inactivo: no se ejecutará", `<input type="hidden" name="activo" value="1">`)
}

func TestTriggersPagesSpeakEnglishWhenTheLanguageIsEnglish(t *testing.T) {
	// given the stored language is English and a weekly trigger
	e := newTestEnv(t)
	e.settings.setLanguage("en")
	b := e.login()
	wantRedirect(t, b.post("/triggers/nuevo", weeklyForm("Weekly digest")), "/triggers")

	// when the list, a bad form and a preview are shown, then they read in English
	wantPage(t, b.get("/triggers"), http.StatusOK, "Trigger “Weekly digest” saved.", "Weekly (Monday, Friday) at 15:00",
		"Mon 08/12/2025 15:00 · in 8 h", "Never run", "Run now", "Pause scheduler")
	bad := weeklyForm("")
	bad.Del("dias_semana")
	wantPage(t, b.post("/triggers/nuevo", bad), http.StatusBadRequest, "The name is required.",
		"Choose at least one weekday", "Next runs (America/Bogota)")
	q := url.Values{"frecuencia": {"mensual"}, "hora": {"09:00"}, "dia_mes": {"31"}}
	wantPage(t, b.get("/triggers/proximas?"+q.Encode()), http.StatusOK, "day 31 → 28/02, last day of the month")
}

func TestAnUnknownTriggerIsNotFound(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	for _, p := range []string{"/triggers/999", "/triggers/999/eliminar", "/triggers/abc", "/triggers/999/vista-previa"} {
		if res := b.get(p); res.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, res.Code)
		}
	}
	if res := b.post("/triggers/999/ejecutar", url.Values{}); res.Code != http.StatusNotFound {
		t.Errorf("POST run of an unknown trigger: %d, want 404", res.Code)
	}
}
