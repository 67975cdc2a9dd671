package api

import (
	"net/http"

	"vigia/app"
)

type escalationJSON struct {
	CriticalDays int `json:"critica_dias"`
	HighDays     int `json:"alta_dias"`
	MediumDays   int `json:"media_dias"`
}

func escalationOut(e app.Escalation) escalationJSON {
	return escalationJSON{CriticalDays: e.CriticalDays, HighDays: e.HighDays, MediumDays: e.MediumDays}
}

func (h *handler) getEscalation(w http.ResponseWriter, r *http.Request) {
	e, err := h.svc.Escalation(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, escalationOut(e), "")
}

func (h *handler) updateEscalation(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	const wrong = " debe ser un número entero de días."
	d := app.EscalationDraft{
		CriticalDays: in.integer("critica_dias", "critica_dias"+wrong),
		HighDays:     in.integer("alta_dias", "alta_dias"+wrong),
		MediumDays:   in.integer("media_dias", "media_dias"+wrong),
	}
	if err := in.done(); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.svc.SetEscalation(r.Context(), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, escalationOut(e), "Escalamiento actualizado")
}
