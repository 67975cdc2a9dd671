package messages

import (
	"testing"

	"vigia/app"
)

func TestAMessageNamesOthersInItsLanguage(t *testing.T) {
	// given words for a line of problems and two problems
	cats, err := load(fsWith(map[string]string{
		"catalog/x.es.json": `{"x.linea": "Línea {{.Line}}: {{.Problems}}", "x.titulo": "Falta el título.", "x.n": {"one": "{{.N}} alerta", "other": "{{.N}} alertas"}, "x.total": "Total: {{.Alerts}}."}`,
		"catalog/x.en.json": `{"x.linea": "Line {{.Line}}: {{.Problems}}", "x.titulo": "The title is missing.", "x.n": {"one": "{{.N}} alert", "other": "{{.N}} alerts"}, "x.total": "Total: {{.Alerts}}."}`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	saved := catalogs
	catalogs = cats
	defer func() { catalogs = saved }()
	line := app.Msg("x.linea", app.Args{"Line": 4, "Problems": []app.Message{app.Msg("x.titulo", nil), app.Msg("x.titulo", nil)}})
	total := app.Msg("x.total", app.Args{"Alerts": app.Msg("x.n", app.Args{"N": 1})})

	// when they are worded, then each inner message reads in the same language
	for _, tc := range []struct {
		lang string
		m    app.Message
		want string
	}{
		{"es", line, "Línea 4: Falta el título. Falta el título."},
		{"en", line, "Line 4: The title is missing. The title is missing."},
		{"es", total, "Total: 1 alerta."},
		{"en", total, "Total: 1 alert."},
	} {
		if got := Text(tc.lang, tc.m); got != tc.want {
			t.Errorf("Text(%s) = %q, want %q", tc.lang, got, tc.want)
		}
	}
}
