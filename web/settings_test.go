package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vigia/app"
	"vigia/internal/config"
	"vigia/internal/settings"
	"vigia/notify/smtptest"
)

// newSettingsEnv is a web interface whose settings backend is the
// desktop's (internal/settings.Manager, as internal/cli wires it) over the
// test's database, with env as the environment.
func newSettingsEnv(t *testing.T, env map[string]string) (*testEnv, *settings.Manager) {
	t.Helper()
	e := newTestEnv(t)
	ctx := context.Background()
	startup, err := config.Load([]string{"--db", filepath.Join(e.dir, "vigia.db")}, func(k string) string { return env[k] }, nil, io.Discard)
	if err != nil {
		t.Fatalf("config.Load: %v", err)
	}
	startup.SMTPRetryWaits = nil // one attempt: a failure shows at once
	log := slog.New(slog.DiscardHandler)
	m, err := settings.New(ctx, settings.Options{Store: e.store, Env: startup.Env, DataDir: startup.DataDir, Logger: log,
		NewMailer: func(live config.Live) settings.Mailer {
			c := startup
			c.Live = live
			return settings.NewMailer(c, log)
		}})
	if err != nil {
		t.Fatalf("settings.New: %v", err)
	}
	m.Bind(e.svc)
	if e.srv, err = New(e.svc, Options{Token: testToken, Settings: m, Logger: log, Clock: e.clock}); err != nil {
		t.Fatalf("web.New: %v", err)
	}
	return e, m
}

// settingsForm is the form as the page fills it on a fresh install, edited by edit.
func settingsForm(edit func(url.Values)) url.Values {
	v := url.Values{
		"SMTP_HOST": {""}, "SMTP_PORT": {""}, "SMTP_TLS": {""}, "SMTP_USER": {""}, "SMTP_PASSWORD": {""}, "SMTP_FROM": {""},
		"EMAIL_DESTINATARIOS": {""}, "VIGIA_TZ": {"America/Bogota"}, "idioma": {"es"},
		"critica_dias": {"1"}, "alta_dias": {"3"}, "media_dias": {"7"}, "horizonte_meses": {"12"}, "destinatario": {""},
	}
	if edit != nil {
		edit(v)
	}
	return v
}

func TestSettingsSaveEverythingAndReadItBack(t *testing.T) {
	// given a fresh install: Bogotá, the default thresholds and horizon
	e, m := newSettingsEnv(t, nil)
	b := e.login()
	wantPage(t, b.get("/configuracion"), http.StatusOK, `value="America/Bogota"`, "Zona elegida: America/Bogota (UTC-05:00)",
		`id="critica_dias" name="critica_dias" type="number" value="1"`, `name="horizonte_meses" type="number" value="12"`,
		`<option value="es" selected>Español</option>`, `autocomplete="new-password"`)

	// when the whole form is saved
	res := b.post("/configuracion", settingsForm(func(v url.Values) {
		v.Set("SMTP_HOST", "smtp.ejemplo.com")
		v.Set("SMTP_PORT", "2525")
		v.Set("SMTP_TLS", "starttls")
		v.Set("SMTP_USER", "vigia@ejemplo.com")
		v.Set("SMTP_PASSWORD", "s3cr3t-clave")
		v.Set("SMTP_FROM", "vigia@ejemplo.com")
		v.Set("EMAIL_DESTINATARIOS", "contabilidad@ejemplo.com\ngerencia@ejemplo.com")
		v.Set("VIGIA_TZ", "America/Mexico_City")
		v.Set("critica_dias", "2")
		v.Set("alta_dias", "5")
		v.Set("media_dias", "10")
		v.Set("horizonte_meses", "6")
	}))

	// then it is in effect: the backend, the zone, the thresholds, the horizon
	wantRedirect(t, res, "/configuracion")
	ctx := context.Background()
	got, err := m.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.SMTPHost != "smtp.ejemplo.com" || got.SMTPPort != "2525" || got.SMTPTLS != "starttls" || !got.PasswordStored ||
		strings.Join(got.DefaultRecipients, ",") != "contabilidad@ejemplo.com,gerencia@ejemplo.com" || got.Zone != "America/Mexico_City" {
		t.Errorf("saved %+v", got)
	}
	if loc := e.svc.Location().String(); loc != "America/Mexico_City" {
		t.Errorf("the service's zone is %s", loc)
	}
	if esc, err := e.svc.Escalation(ctx); err != nil || esc != (app.Escalation{CriticalDays: 2, HighDays: 5, MediumDays: 10}) {
		t.Errorf("thresholds %+v, %v", esc, err)
	}
	if months, err := e.svc.CalendarHorizon(ctx); err != nil || months != 6 {
		t.Errorf("horizon %d, %v", months, err)
	}
	// and the page reads it back, says it is saved, and never shows the password
	body := wantPage(t, b.get("/configuracion"), http.StatusOK, "Configuración guardada: en vigor desde ahora.",
		"Alertas del calendario hasta 6 meses adelante.", `value="smtp.ejemplo.com"`, `value="2525"`,
		`<option value="starttls" selected>STARTTLS</option>`, "contabilidad@ejemplo.com\ngerencia@ejemplo.com",
		`value="America/Mexico_City"`, `value="10"`, "Hay una contraseña guardada: déjela vacía para conservarla.",
		"Ahora: ", "smtp.ejemplo.com:2525")
	if strings.Contains(body, "s3cr3t-clave") {
		t.Error("the stored password is in the page")
	}

	// and «Borrar la contraseña guardada» removes it
	wantRedirect(t, b.post("/configuracion", settingsForm(func(v url.Values) {
		v.Set("SMTP_HOST", "smtp.ejemplo.com")
		v.Set("SMTP_PORT", "2525")
		v.Set("SMTP_USER", "vigia@ejemplo.com")
		v.Set("SMTP_FROM", "vigia@ejemplo.com")
		v.Set("borrar_contrasena", "1")
	})), "/configuracion")
	if got, err := m.Settings(ctx); err != nil || got.PasswordStored {
		t.Errorf("after clearing it, password stored %v, %v", got.PasswordStored, err)
	}
}

func TestSettingsBadPortShowsItsErrorAndSavesNothing(t *testing.T) {
	// given a fresh install
	e, m := newSettingsEnv(t, nil)
	b := e.login()

	// when a form with a port that is no number is saved, a password typed
	// and the thresholds and horizon changed too
	res := b.post("/configuracion", settingsForm(func(v url.Values) {
		v.Set("SMTP_HOST", "smtp.ejemplo.com")
		v.Set("SMTP_PORT", "58x7")
		v.Set("SMTP_USER", "vigia@ejemplo.com")
		v.Set("SMTP_PASSWORD", "s3cr3t-clave")
		v.Set("critica_dias", "0")
		v.Set("horizonte_meses", "3")
	}))

	// then the form comes back as typed, the port's refusal next to it, the
	// password not sent back
	body := wantPage(t, res, http.StatusBadRequest, "No se guardó nada: revise los campos marcados.",
		`<p class="campo-error" id="error-SMTP_PORT">`, "SMTP_PORT", `value="58x7"`, `value="smtp.ejemplo.com"`,
		`aria-describedby="error-SMTP_PORT" aria-invalid="true"`, "escríbala de nuevo", `name="horizonte_meses" type="number" value="3"`)
	if strings.Contains(body, "s3cr3t-clave") {
		t.Error("the typed password is in the page")
	}
	// and nothing was saved: not the mail, not the thresholds, not the horizon
	ctx := context.Background()
	if got, _ := m.Settings(ctx); got.SMTPHost != "" || got.PasswordStored {
		t.Errorf("saved %+v", got)
	}
	if esc, _ := e.svc.Escalation(ctx); esc != app.DefaultEscalation {
		t.Errorf("thresholds %+v", esc)
	}
	if months, _ := e.svc.CalendarHorizon(ctx); months != app.DefaultCalendarHorizon {
		t.Errorf("horizon %d", months)
	}

	// and thresholds out of order are refused before the mail is saved
	res = b.post("/configuracion", settingsForm(func(v url.Values) {
		v.Set("SMTP_HOST", "smtp.ejemplo.com")
		v.Set("media_dias", "2")
		v.Set("horizonte_meses", "99")
	}))
	wantPage(t, res, http.StatusBadRequest, `id="error-escalamiento"`, `id="error-horizonte_meses"`, "No se guardó nada")
	if got, _ := m.Settings(ctx); got.SMTPHost != "" {
		t.Errorf("the mail was saved with refused thresholds: %+v", got)
	}
}

func TestSettingsFieldSetByTheEnvironmentIsReadOnlyAndKept(t *testing.T) {
	// given SMTP_HOST (with the user, password and sender it needs) in the environment
	e, m := newSettingsEnv(t, map[string]string{"SMTP_HOST": "smtp.entorno.com", "SMTP_USER": "vigia@ejemplo.com",
		"SMTP_PASSWORD": "clave-del-entorno", "SMTP_FROM": "vigia@ejemplo.com"})
	b := e.login()

	// then the page shows its value read-only, naming the variable; the
	// password's input is off and empty
	body := wantPage(t, b.get("/configuracion"), http.StatusOK,
		`name="SMTP_HOST" type="text" value="smtp.entorno.com" placeholder="p. ej. smtp.ejemplo.com" autocomplete="off" readonly aria-describedby="entorno-SMTP_HOST"`,
		`<span class="badge">SMTP_HOST</span> Definido por la variable de entorno SMTP_HOST`,
		`type="password" value="" autocomplete="new-password" disabled aria-describedby="entorno-SMTP_PASSWORD"`)
	if strings.Contains(body, "clave-del-entorno") || strings.Contains(body, "Hay una contraseña guardada") {
		t.Error("the environment's password is in the page, or said to be stored")
	}

	// when a form that says another host is saved
	wantRedirect(t, b.post("/configuracion", settingsForm(func(v url.Values) {
		v.Set("SMTP_HOST", "otro.ejemplo.com")
		v.Set("SMTP_PORT", "2525")
	})), "/configuracion")

	// then the environment's host stays, nothing is stored for it, the rest is saved
	ctx := context.Background()
	got, err := m.Settings(ctx)
	if err != nil || got.SMTPHost != "smtp.entorno.com" || got.SMTPPort != "2525" {
		t.Errorf("settings %+v, %v", got, err)
	}
	if stored, err := e.store.Setting(ctx, string(app.SettingSMTPHost)); err != nil || stored != "" {
		t.Errorf("stored host %q, %v", stored, err)
	}
}

func TestSettingsLanguageSwitchesThePagesAtOnce(t *testing.T) {
	e, _ := newSettingsEnv(t, nil)
	b := e.login()

	// when English is chosen and saved
	wantRedirect(t, b.post("/configuracion", settingsForm(func(v url.Values) { v.Set("idioma", "en") })), "/configuracion")

	// then the next page speaks English, its message too, and so do the others
	wantPage(t, b.get("/configuracion"), http.StatusOK, `<html lang="en">`, "Settings saved: in effect from now on.",
		"Mail (SMTP)", `<option value="en" selected>English</option>`)
	wantPage(t, b.get("/historial"), http.StatusOK, "No runs match these filters.")

	// and «auto» follows the browser
	wantRedirect(t, b.post("/configuracion", settingsForm(func(v url.Values) { v.Set("idioma", "auto") })), "/configuracion")
	wantPage(t, b.get("/configuracion"), http.StatusOK, `<html lang="es">`, "Configuración guardada")
}

func TestSettingsTestMailShowsTheServersAnswerOrTheExactError(t *testing.T) {
	e, m := newSettingsEnv(t, nil)
	b := e.login()
	server := func(srv *smtptest.Server) func(url.Values) {
		return func(v url.Values) {
			v.Set("SMTP_HOST", srv.Host())
			v.Set("SMTP_PORT", strconv.Itoa(srv.Port()))
			v.Set("SMTP_TLS", "none")
			v.Set("SMTP_FROM", "vigia@ejemplo.com")
			v.Set("destinatario", "contador@ejemplo.com")
		}
	}

	// when a test is sent with the form's unsaved values to a server that takes it
	ok := smtptest.Start(t, smtptest.Options{})
	body := wantPage(t, b.post("/configuracion/probar", settingsForm(server(ok))), http.StatusOK,
		"Correo de prueba enviado a contador@ejemplo.com. Respuesta del servidor:", "aceptó el mensaje", "250",
		`value="`+ok.Host()+`"`, `value="contador@ejemplo.com"`)
	if msgs := ok.WaitMessages(t, 1, failAfter); len(msgs) != 1 || !strings.Contains(strings.Join(msgs[0].To, ","), "contador@ejemplo.com") {
		t.Errorf("the server received %+v", msgs)
	}
	if strings.Contains(body, "campo-error") {
		t.Errorf("refusals on a test that went through:\n%s", body)
	}

	// and to a server that refuses the recipient: its exact words
	refusing := smtptest.Start(t, smtptest.Options{Faults: []smtptest.Fault{{Stage: smtptest.StageRcpt, Code: 550, Message: "no such user here"}}})
	wantPage(t, b.post("/configuracion/probar", settingsForm(server(refusing))), http.StatusOK,
		"No se pudo enviar el correo de prueba a contador@ejemplo.com:", "550", "no such user here", `class="badge badge-error"`)

	// and without an address: the core's refusal next to the field
	wantPage(t, b.post("/configuracion/probar", settingsForm(func(v url.Values) { server(ok)(v); v.Set("destinatario", "") })),
		http.StatusBadRequest, `id="error-destinatario"`, "No se envió la prueba")

	// and none of it was saved
	if got, _ := m.Settings(context.Background()); got.SMTPHost != "" {
		t.Errorf("a test saved the settings: %+v", got)
	}
}
