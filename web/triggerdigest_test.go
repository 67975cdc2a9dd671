package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"vigia/app"
)

func TestTheEmailPreviewFramesTheDigestUnderItsOwnPolicy(t *testing.T) {
	// given a trigger
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))

	// when its e-mail preview is opened, then the page names it and frames the e-mail
	wantPage(t, b.get(idPath(tr.ID, "vista-previa")), http.StatusOK, "Vista previa del correo de «Diario»",
		"contador@ejemplo.com", `<iframe class="trigger-correo" src="`+idPath(tr.ID, "vista-previa/correo")+`"`, " sandbox>")

	// and the e-mail's HTML comes alone, its inline styles allowed and no script
	res := b.get(idPath(tr.ID, "vista-previa/correo"))
	wantPage(t, res, http.StatusOK, "<html")
	if got := res.Header().Get("Content-Security-Policy"); got != digestPolicy {
		t.Errorf("CSP %q, want %q", got, digestPolicy)
	}
}

func TestATestSendGoesToTheTypedAddressAndItsPageTellsTheOutcome(t *testing.T) {
	// given a trigger
	e := newTestEnv(t)
	b := e.login()
	tr := e.createTrigger(draft("Diario", nil))
	wantPage(t, b.get(idPath(tr.ID, "prueba")), http.StatusOK, `value="contador@ejemplo.com"`)

	// when a bad address is posted, then it comes back refused, as typed
	wantPage(t, b.post(idPath(tr.ID, "prueba"), url.Values{"destinatario": {"jefe.ejemplo.com"}}), http.StatusBadRequest,
		`id="error-destinatario">Dirección de correo inválida`, `value="jefe.ejemplo.com"`)

	// when a good one is posted, then the send starts and its page follows it to the end
	finished := waitRun(t, e)
	res := b.post(idPath(tr.ID, "prueba"), url.Values{"destinatario": {"jefe@ejemplo.com"}})
	if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Header().Get("Location"), idPath(tr.ID, "prueba/")) {
		t.Fatalf("got %d to %q", res.Code, res.Header().Get("Location"))
	}
	x := finished()
	if x.Origin != app.OriginTest || len(x.Recipients) != 1 || x.Recipients[0] != "jefe@ejemplo.com" {
		t.Fatalf("test run %+v", x)
	}
	wantPage(t, b.get(res.Header().Get("Location")), http.StatusOK,
		"Correo de prueba de «Diario» para jefe@ejemplo.com guardado en la bandeja de salida (archivo .eml)", `href="/historial/`+strconv.FormatInt(x.ID, 10)+`"`)
}
