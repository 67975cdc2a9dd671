package web

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"vigia/app"
)

// historyExportTimeout bounds writing an export: a long history is read a
// page at a time (100,000 runs take a few seconds), beyond the server's
// usual write timeout.
const historyExportTimeout = 10 * time.Minute

// historyExport downloads the CSV of every run the filters select (all
// pages), the file the desktop saves (app.Service.ExportExecutionsCSV).
// Refused filters show Historial with their errors instead of a file that
// would not be what the user asked for.
func (s *Server) historyExport(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	h := s.readHistoryQuery(lang, r.URL.Query())
	refused := len(h.Form.Errors) > 0
	if !refused {
		// the core's own check of the filter, before the file starts
		f := h.Filter
		f.Limit = 1
		_, err := s.svc.Executions(r.Context(), f)
		var invalid *app.ValidationError
		if err != nil && !errors.As(err, &invalid) {
			s.fail(w, r, err)
			return
		}
		refused = err != nil
	}
	if refused {
		s.history(w, r) // the page, with the refusals next to their fields
		return
	}
	// An http.Server's WriteTimeout would cut a long export; a recorder in
	// tests has no deadline to extend.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(historyExportTimeout))
	name := fmt.Sprintf("historial-%s.csv", s.svc.Now().In(s.svc.Location()).Format("2006-01-02"))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	n, err := s.svc.ExportExecutionsCSV(r.Context(), w, h.Filter)
	if err != nil {
		// the file has started: all that is left is to log why it is short
		s.log.Error("interfaz web: exportación del historial incompleta", "filas", n, "error", err)
	}
}
