package messages

import (
	"testing"

	"vigia/app"
)

// A refused import line reads its problems one after another, in the words
// the API has always sent (Spanish) and in English for the desktop.
func TestAnImportLineReadsEveryProblemInEachLanguage(t *testing.T) {
	line := app.Msg(app.CodeImportLine, app.Args{"Problems": []app.Message{
		app.Msg(app.CodeImportTitleMissing, nil),
		app.Msg(app.CodeImportPriorityUnknown, app.Args{"Value": "URGENTE"}),
		app.Msg(app.CodeImportDateInvalid, app.Args{"Value": "31/02/2026"}),
		app.Msg(app.CodeImportNITMismatch, app.Args{"NIT": "800197268-4", "Company": "Uno", "CompanyNIT": "900123456-8"}),
		app.Msg(app.CodeImportRepeated, app.Args{"Line": 2}),
	}})
	for lang, want := range map[string]string{
		"es": `Falta el título. Prioridad desconocida "URGENTE": use CRITICA, ALTA, MEDIA o BAJA. ` +
			`Fecha inválida "31/02/2026": use AAAA-MM-DD o DD/MM/AAAA. ` +
			`El NIT 800197268-4 no coincide con el de la empresa "Uno" (900123456-8). ` +
			`Repite la alerta de la línea 2 (misma empresa, título y vencimiento).`,
		"en": `The title is missing. Unknown priority "URGENTE": use CRITICA, ALTA, MEDIA or BAJA. ` +
			`Invalid date "31/02/2026": use YYYY-MM-DD or DD/MM/YYYY. ` +
			`The NIT 800197268-4 does not match that of the company "Uno" (900123456-8). ` +
			`Repeats the alert of line 2 (same company, title and due date).`,
	} {
		if got := Text(lang, line); got != want {
			t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
		}
	}
}

func TestAnImportFileProblemReadsInEachLanguage(t *testing.T) {
	m := app.Msg(app.CodeImportMissingColumn, app.Args{"Value": "prioridad", "Columns": "empresa,nit,titulo,detalle,prioridad,vence_el"})
	for lang, want := range map[string]string{
		"es": `Falta la columna "prioridad": la primera línea debe tener las columnas empresa,nit,titulo,detalle,prioridad,vence_el.`,
		"en": `The column "prioridad" is missing: the first line must have the columns empresa,nit,titulo,detalle,prioridad,vence_el.`,
	} {
		if got := Text(lang, m); got != want {
			t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
		}
	}
}

// The import's summary counts with plurals that read right in both
// languages; the Spanish is the API's message as it has always been.
func TestAnImportSummaryReadsInEachLanguage(t *testing.T) {
	for _, tc := range []struct {
		res    app.ImportResult
		es, en string
	}{
		{app.ImportResult{AlertsCreated: 1, AlertsUpdated: 2, CompaniesCreated: 0},
			"Importación completada: 1 alerta nueva, 2 alertas actualizadas, 0 empresas nuevas.",
			"Import done: 1 new alert, 2 updated alerts, 0 new companies."},
		{app.ImportResult{DryRun: true, AlertsCreated: 3, AlertsUpdated: 1, CompaniesCreated: 1},
			"Simulación: se importarían 3 alertas nuevas, se actualizarían 1 alerta y se crearían 1 empresa; no se guardó nada.",
			"Dry run: it would import 3 new alerts, update 1 alert and create 1 company; nothing was saved."},
	} {
		if got := Text("es", tc.res.Summary()); got != tc.es {
			t.Errorf("es:\n got %s\nwant %s", got, tc.es)
		}
		if got := Text("en", tc.res.Summary()); got != tc.en {
			t.Errorf("en:\n got %s\nwant %s", got, tc.en)
		}
	}
}
