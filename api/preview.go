package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"vigia/app"
)

// The trigger sub-view that previews its digest (see triggerView).
const previewView = "vista-previa"

// previewJSON is what a trigger would send now.
type previewJSON struct {
	TriggerID   int64    `json:"trigger_id"`
	TriggerName string   `json:"trigger_nombre"`
	Subject     string   `json:"asunto"`
	Recipients  []string `json:"destinatarios"`
	Companies   int      `json:"empresas_con_alertas"`
	TotalAlerts int      `json:"total_alertas"`
	HTML        string   `json:"html"`
	Text        string   `json:"texto"`
	GeneratedAt string   `json:"generado_en"`
}

// previewTrigger serves GET /api/triggers/{id}/vista-previa: the digest the
// trigger would send now, neither sent nor recorded.
func (h *handler) previewTrigger(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "el trigger")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.svc.PreviewDigest(r.Context(), id)
	if err != nil {
		h.fail(w, r, triggerErr(err, id))
		return
	}
	h.respond(w, r, http.StatusOK, previewJSON{
		TriggerID: p.TriggerID, TriggerName: p.TriggerName, Subject: p.Subject,
		Recipients: append([]string{}, p.Recipients...), Companies: p.Companies, TotalAlerts: p.TotalAlerts,
		HTML: p.HTML, Text: p.Text, GeneratedAt: h.stamp(p.GeneratedAt),
	}, "")
}

// testTrigger serves POST /api/triggers/{id}/probar {"destinatario": "..."}:
// the digest goes to that address only, recorded with origen prueba.
func (h *handler) testTrigger(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "el trigger")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in, err := readInput(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	address := in.text("destinatario", "destinatario debe ser un texto con una dirección de correo, por ejemplo \"admin@ejemplo.com\".")
	if err := in.done(); err != nil {
		h.fail(w, r, err)
		return
	}
	var to string
	if address != nil {
		to = *address
	}
	e, err := h.svc.SendTest(r.Context(), id, to)
	if errors.Is(err, app.ErrRunInProgress) {
		err = describe(err, "El trigger ya se está ejecutando: espere a que termine la ejecución en curso.")
	}
	if err != nil {
		h.fail(w, r, triggerErr(err, id))
		return
	}
	w.Header().Set("Location", "/api/triggers/ejecuciones/"+strconv.FormatInt(e.ID, 10))
	h.respond(w, r, http.StatusAccepted, h.executionOut(e), "Envío de prueba iniciado a "+strings.Join(e.Recipients, ", "))
}
