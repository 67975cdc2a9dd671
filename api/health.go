package api

import (
	"net/http"
)

// health answers GET /api/salud without a token and without the envelope:
// exactly {"estado":"ok","version":"..."}, for probes and scripts.
func (h *handler) health(w http.ResponseWriter, r *http.Request) {
	b, err := marshal(struct {
		Status  string `json:"estado"`
		Version string `json:"version"`
	}{"ok", h.version})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}
