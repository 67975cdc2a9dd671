package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const goodCSV = "empresa;nit;titulo;detalle;prioridad;vence_el\n" +
	"Ferretería El Tornillo;900123456;Renovar cámara de comercio;;ALTA;2026-03-31\n" +
	"Panadería La Espiga;;Declarar IVA;;MEDIA;15/12/2025\n"

// reviewToken is the token a review page's «Importar» form carries.
func reviewToken(t *testing.T, body string) string {
	t.Helper()
	_, rest, ok := strings.Cut(body, `name="archivo" value="`)
	token, _, ok2 := strings.Cut(rest, `"`)
	if !ok || !ok2 || token == "" {
		t.Fatalf("no confirmation token in the review page:\n%s", body)
	}
	return token
}

func TestAnImportIsReviewedFirstAndSavedOnlyWhenConfirmed(t *testing.T) {
	// given
	e := newTestEnv(t)
	b := e.login()

	// when a file is uploaded, the review says what the import would do
	res := b.upload("/alertas/importar", "archivo", "alertas.csv", []byte(goodCSV), nil)
	if loc := res.Header().Get("Location"); res.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/alertas/importar/revisar?archivo=") {
		t.Fatalf("upload: %d to %q", res.Code, loc)
	}
	review := b.follow(res)
	body := wantPage(t, review, http.StatusOK, "El archivo es válido.", "Simulación: se importarían 2 alertas nuevas",
		"alertas.csv", "Ferretería El Tornillo (nueva)", "Renovar cámara de comercio", "31/03/2026", ">nueva</td>",
		`action="/alertas/importar/confirmar"`)
	if cs, _ := e.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatalf("the dry run saved %d companies", len(cs))
	}

	// another session cannot confirm it
	token := reviewToken(t, body)
	stranger := e.login()
	wantRedirect(t, stranger.post("/alertas/importar/confirmar", url.Values{"archivo": {token}}), "/alertas/importar")
	if cs, _ := e.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatal("another session's confirmation imported the file")
	}

	// then «Importar» saves it, once
	res = b.post("/alertas/importar/confirmar", url.Values{"archivo": {token}})
	wantRedirect(t, res, "/alertas")
	wantPage(t, b.get("/alertas"), http.StatusOK, "Importación completada", "Renovar cámara de comercio", "Declarar IVA")
	if cs, _ := e.svc.Companies(context.Background()); len(cs) != 2 {
		t.Fatalf("%d companies after the import, want 2", len(cs))
	}
	again := b.post("/alertas/importar/confirmar", url.Values{"archivo": {token}})
	wantRedirect(t, again, "/alertas/importar")
	wantPage(t, b.get("/alertas/importar"), http.StatusOK, "El archivo revisado ya no está guardado")
}

func TestABadFileListsEveryBadLineAndOffersNoImport(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	file := "empresa;nit;titulo;detalle;prioridad;vence_el\n" +
		"Uno;;Bien;;ALTA;2025-12-20\n" +
		"Dos;900123456-7;Mal NIT;;ALTA;\n" +
		"Tres;;;;URGENTE;31/02/2026\n"

	review := b.follow(b.upload("/alertas/importar", "archivo", "malo.csv", []byte(file), nil))

	body := wantPage(t, review, http.StatusBadRequest, "No se importará nada: hay 2 filas con errores.",
		"<li>Línea 3: NIT inválido: el dígito de verificación de 900123456 es 8, no 7.</li>", "<li>Línea 4: Falta el título.", "URGENTE")
	if strings.Index(body, "Línea 3") > strings.Index(body, "Línea 4") {
		t.Error("the bad lines are not in line order")
	}
	if strings.Contains(body, "/alertas/importar/confirmar") {
		t.Error("a refused file can be confirmed")
	}
	if cs, _ := e.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatalf("a refused file saved %d companies", len(cs))
	}

	// a file that is no alerts file at all says why, as a whole
	whole := b.follow(b.upload("/alertas/importar", "archivo", "otro.csv", []byte("nombre;edad\nAna;3\n"), nil))
	wantPage(t, whole, http.StatusBadRequest, "No se puede importar el archivo: ")
}

func TestAnUploadWithoutAFileOrTooLargeSaysSoNextToTheField(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()

	wantPage(t, b.upload("/alertas/importar", "otro", "x.csv", []byte("a"), nil), http.StatusBadRequest,
		`id="error-archivo">Elija el archivo CSV que quiere importar.`)
	for _, size := range []int{maxAlertsUpload + 1, 6 << 20} { // the file's own size, and a body past the form's limit
		wantPage(t, b.upload("/alertas/importar", "archivo", "grande.csv", make([]byte, size), nil), http.StatusBadRequest,
			`id="error-archivo">El archivo pasa de 4 MB`)
	}
}

func TestACheckedFileWaitsAQuarterOfAnHourForItsConfirmation(t *testing.T) {
	e := newTestEnv(t)
	b := e.login()
	res := b.upload("/alertas/importar", "archivo", "alertas.csv", []byte(goodCSV), nil)
	token := reviewToken(t, wantPage(t, b.follow(res), http.StatusOK, "El archivo es válido."))

	e.clock.Advance(uploadTTL)

	wantRedirect(t, b.post("/alertas/importar/confirmar", url.Values{"archivo": {token}}), "/alertas/importar")
	wantPage(t, b.get("/alertas/importar"), http.StatusOK, "pasaron más de 15 minutos")
	if cs, _ := e.svc.Companies(context.Background()); len(cs) != 0 {
		t.Fatal("an expired file was imported")
	}
}
