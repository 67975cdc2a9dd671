package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"vigia/app"
)

func TestCompanyDialogShowsTheCheckDigitAsTheNITIsTypedAndSavesIt(t *testing.T) {
	t.Cleanup(func() { _ = UseLanguage(LangSpanish) })
	for _, tc := range []struct {
		lang                             string
		help, half, computed, two, digit string
	}{
		{LangSpanish, "Opcional; sin el dígito de verificación, Vigía lo calcula.",
			"NIT con dígito de verificación: 90012345-5", "NIT con dígito de verificación: 900123456-8",
			"¿98765432109876-6 o 987654321098766-6? Escriba el guion antes del dígito.",
			"El dígito de verificación de 900123456 es 8, no 7."},
		{LangEnglish, "Optional; without its check digit, Vigía computes it.",
			"NIT with check digit: 90012345-5", "NIT with check digit: 900123456-8",
			"98765432109876-6 or 987654321098766-6? Write the hyphen before the digit.",
			"The check digit of 900123456 is 8, not 7."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			// given the Nueva empresa dialog, in a window of the smallest screen
			env := newFitEnv(t)
			env.u.settingsSaved(app.Settings{Zone: "America/Bogota", Language: tc.lang})
			env.u.alerts.companies.onNew()
			f := env.u.alerts.companies.form
			if got := f.nitHintText(); got != tc.help {
				t.Errorf("empty NIT: hint %q, want %q", got, tc.help)
			}
			test.Type(f.name, "Comercial Andina S.A.S.")

			// when a NIT is typed digit by digit, without its check digit
			test.Type(f.nit, "900")
			short := f.nitHintText()
			test.Type(f.nit, ".123.45")
			half := f.nitHintText()
			test.Type(f.nit, "6")

			// then the hint follows the digits typed so far, once they can be a NIT
			if short != tc.help || half != tc.half {
				t.Errorf("hints while typing %q, %q; want %q, %q", short, half, tc.help, tc.half)
			}
			if got := f.nitHintText(); got != tc.computed {
				t.Errorf("900.123.456: hint %q, want %q", got, tc.computed)
			}

			// when a number that reads two ways is typed (the longest hint), or a wrong digit
			f.nit.SetText("")
			test.Type(f.nit, "987654321098766")
			two := f.nitHintText()
			fitDialogInside(t, env, "nueva empresa, NIT ambiguo", topDialog(t, env))
			f.nit.SetText("")
			test.Type(f.nit, "900.123.456-7")
			digit := f.nitHintText()

			// then the hint says so, and the dialog still fits
			if two != tc.two {
				t.Errorf("987654321098766: hint %q, want %q", two, tc.two)
			}
			if digit != tc.digit {
				t.Errorf("900.123.456-7: hint %q, want %q", digit, tc.digit)
			}

			// when the NIT without its digit is saved
			f.nit.SetText("")
			test.Type(f.nit, "900.123.456")
			f.onSubmit()

			// then it is stored with its check digit
			cs, err := env.svc.Companies(context.Background())
			if err != nil || len(cs) != 1 || cs[0].NIT != "900123456-8" {
				t.Fatalf("companies %+v, %v", cs, err)
			}
		})
	}
}

func TestCompanyDialogShowsTheStoredNITWithItsDigitWhenEditing(t *testing.T) {
	env := newTestEnv(t)
	c, err := env.svc.CreateCompany(context.Background(), app.CompanyDraft{Name: ptr("Taller Ruedas"), NIT: ptr("800197268")})
	if err != nil {
		t.Fatal(err)
	}

	env.u.alerts.companies.openForm(c)

	if got := env.u.alerts.companies.form.nitHintText(); got != "NIT con dígito de verificación: 800197268-4" {
		t.Errorf("hint %q", got)
	}
}
