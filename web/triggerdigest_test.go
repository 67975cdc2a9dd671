package web

import (
	"context"
	"net/http"
	"net/http/httptest"
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

func TestABigDigestsPreviewWeighsUnder150KBWithItsFrameAndSaysHowMuchItShows(t *testing.T) {
	// given 2,500 open alerts of 2,000 companies, all of the trigger's priorities
	e := newTestEnv(t)
	ids := e.fill(pageLoad{triggers: 1, companies: 2000, alerts: 2500, runs: 1})
	b := e.login()
	want, err := e.svc.PreviewDigestHead(context.Background(), ids.trigger, previewAlerts, previewHTMLBytes)
	if err != nil {
		t.Fatal(err)
	}
	if want.TotalAlerts != 2500 || want.ShownAlerts < previewAlerts/2 || want.ShownAlerts > previewAlerts {
		t.Fatalf("the core's head shows %d of %d alerts", want.ShownAlerts, want.TotalAlerts)
	}
	page := idPath(ids.trigger, "vista-previa")

	// when its preview is opened, then the page counts the whole digest and
	// says how many alerts its e-mail and text show
	wantPage(t, b.get(page), http.StatusOK, "2500 alertas", "<dd>2\u00a0000</dd>", "<dd>2\u00a0500</dd>",
		"La vista previa muestra las primeras "+strconv.Itoa(want.ShownAlerts)+" de 2\u00a0500 alertas; el correo enviado las lleva todas.",
		`<iframe class="trigger-correo" src="`+idPath(ids.trigger, "vista-previa/correo")+`"`,
		`href="`+idPath(ids.trigger, "vista-previa/texto")+`"`)

	// and the page, what it links and its framed e-mail (pageWeight counts
	// frames) weigh under 150 KB
	total, parts := pageWeight(t, b, page)
	frame := b.get(idPath(ids.trigger, "vista-previa/correo"))
	if frame.Body.String() != want.HTML {
		t.Errorf("the frame is not the head's HTML (%d bytes, want %d)", frame.Body.Len(), len(want.HTML))
	}
	if parts[idPath(ids.trigger, "vista-previa/correo")] != frame.Body.Len() {
		t.Errorf("the weight does not count the framed e-mail: %v", parts)
	}
	if total > maxPageWeight {
		t.Errorf("the preview weighs %d bytes with its frame (%d) and %v", total, frame.Body.Len(), parts)
	}
	t.Logf("%d of %d alerts shown; %d bytes: the frame %d and %v", want.ShownAlerts, want.TotalAlerts, total, frame.Body.Len(), parts)

	// and the text version is the head's, as plain text
	text := b.get(idPath(ids.trigger, "vista-previa/texto"))
	if text.Code != http.StatusOK || text.Body.String() != want.Text || !strings.HasPrefix(text.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("text version: %d %q, %d bytes (want %d)", text.Code, text.Header().Get("Content-Type"), text.Body.Len(), len(want.Text))
	}
	if cc := text.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("text version Cache-Control %q", cc)
	}

	// and in English the note is in English
	e.settings.setLanguage("en")
	wantPage(t, b.get(page), http.StatusOK, "<dd>2,500</dd>",
		"The preview shows the first "+strconv.Itoa(want.ShownAlerts)+" of 2,500 alerts; the e-mail sent carries them all.")
}

func TestASmallDigestsPreviewShowsItAllWithoutANote(t *testing.T) {
	// given a trigger with two alerts to send
	e := newTestEnv(t)
	b := e.login()
	c := e.company("Andes Ltda.", "")
	e.alert(c.ID, "Declaración de IVA", "CRITICA", "2025-12-10")
	e.alert(c.ID, "Conciliación bancaria", "BAJA", "2025-12-20")
	tr := e.createTrigger(draft("Diario", nil))

	// when its preview, frame and text are opened
	res := b.get(idPath(tr.ID, "vista-previa"))
	frame := b.get(idPath(tr.ID, "vista-previa/correo"))
	text := b.get(idPath(tr.ID, "vista-previa/texto"))

	// then the page counts both and says nothing of a cut; both show them all
	wantPage(t, res, http.StatusOK, "<dd>1</dd>", "<dd>2</dd>", "Versión de texto del correo")
	if strings.Contains(res.Body.String(), "La vista previa muestra") || strings.Contains(res.Body.String(), "<pre") {
		t.Error("a small digest's preview has the cut's note or the text inline")
	}
	for _, r := range []*httptest.ResponseRecorder{frame, text} {
		wantPage(t, r, http.StatusOK, "Declaración de IVA", "Conciliación bancaria")
	}
	if got := text.Header().Get("Content-Type"); got != "text/plain; charset=utf-8" {
		t.Errorf("text version Content-Type %q", got)
	}

	// and an unknown trigger has no text version
	if got := b.get("/triggers/999/vista-previa/texto").Code; got != http.StatusNotFound {
		t.Errorf("unknown trigger's text version: %d", got)
	}
}

func TestCountsAreWrittenWithTheirThousandsGrouped(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"es", 0, "0"}, {"es", 999, "999"}, {"es", 1000, "1\u00a0000"}, {"es", 2500, "2\u00a0500"},
		{"es", 1234567, "1\u00a0234\u00a0567"}, {"en", 2500, "2,500"}, {"en", 100, "100"}, {"en", 100000, "100,000"},
	} {
		if got := formatCount(tt.lang, tt.n); got != tt.want {
			t.Errorf("formatCount(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
