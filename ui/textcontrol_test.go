package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"vigia/app"
)

func TestANameWithAControlCharacterIsRefusedInTheChosenLanguage(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	for _, tc := range []struct {
		lang, esc, override string
	}{
		{LangSpanish,
			"Tiene un carácter de control o invisible (U+001B) que no se puede guardar: bórrelo o vuelva a escribir el texto.",
			"Tiene un carácter de control o invisible (U+202E) que no se puede guardar: bórrelo o vuelva a escribir el texto."},
		{LangEnglish,
			"It has a control or invisible character (U+001B) that cannot be stored: delete it or type the text again.",
			"It has a control or invisible character (U+202E) that cannot be stored: delete it or type the text again."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			// given the interface in the chosen language
			env := newTestEnv(t)
			if err := UseLanguage(tc.lang); err != nil {
				t.Fatal(err)
			}

			// when a trigger's name is pasted with a terminal escape in it
			tab := trgShow(env)
			test.Tap(tab.newBtn)
			e := tab.editor
			test.Type(e.name, "Resumen")
			trgTypeLines(e.recipients, "ana@ejemplo.com")
			e.name.SetText("Resumen\x1b[31m")

			// then the editor says why under the name, in that language, and cannot save
			if got := trgErr(e, "nombre"); got != tc.esc {
				t.Errorf("editor nombre = %q, want %q", got, tc.esc)
			}
			if !e.save.Disabled() {
				t.Error("Guardar is enabled for a name with ESC")
			}
			test.Tap(e.cancel)

			// when a company is saved with a bidi override in its name
			env.u.alerts.companies.onNew()
			f := env.u.alerts.companies.form
			test.Type(f.name, "Panadería\u202eaíredanaP")
			f.onSubmit()

			// then the dialog says why under the name, and nothing is saved
			if l := f.errs.labels["nombre"]; !l.Visible() || l.Text != tc.override {
				t.Errorf("company nombre = %q (visible %v), want %q", l.Text, l.Visible(), tc.override)
			}
			if cs, err := env.svc.Companies(context.Background()); err != nil || len(cs) != 0 {
				t.Errorf("companies %+v, %v", cs, err)
			}
		})
	}
}

func TestAnAlertDueOutOfRangeSaysTheRangeInTheChosenLanguage(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	for lang, want := range map[string]string{
		LangSpanish: `Fecha fuera de rango "1900-01-01": use una fecha entre 2000-01-01 y 2100-12-31.`,
		LangEnglish: `Date out of range "1900-01-01": use a date between 2000-01-01 and 2100-12-31.`,
	} {
		t.Run(lang, func(t *testing.T) {
			// given a company, the interface in the chosen language
			env := newTestEnv(t)
			if err := UseLanguage(lang); err != nil {
				t.Fatal(err)
			}
			name := "Panadería"
			if _, err := env.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: &name}); err != nil {
				t.Fatal(err)
			}
			tab := env.u.alerts
			tab.refresh()
			tab.companies.list.Select(0)

			// when an alert due on 01/01/1900 is saved
			test.Tap(tab.newAlert)
			af := tab.alertForm
			test.Type(af.title, "IVA")
			af.priority.SetSelected("BAJA")
			test.Type(af.due, "01/01/1900")
			af.onSubmit()

			// then the form says the range, and nothing is saved
			if msg := af.errs.message("vence_el"); msg != want {
				t.Errorf("due date message %q, want %q", msg, want)
			}
			if as, _ := env.svc.Alerts(context.Background(), app.AlertFilter{}); len(as) != 0 {
				t.Errorf("alerts %+v", as)
			}
		})
	}
}
