package api

import "net/http"

// showWindowPattern is served only by a process with a window (Options.ShowWindow).
const showWindowPattern = "POST /api/app/mostrar"

// showWindow brings the GUI's window forward: a second launch of Vigía asks
// for it instead of starting a second scheduler.
func (h *handler) showWindow(w http.ResponseWriter, r *http.Request) {
	h.show()
	h.respond(w, r, http.StatusOK, nil, "Ventana de Vigía mostrada")
}
