package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"vigia/app"
)

// The CSV downloads of Alertas, Empresas and Calendario: the core writes
// the file (UTF-8 BOM, ';', CRLF: Excel opens it), the same one the desktop
// saves, named as the desktop proposes («alertas-2025-12-08.csv»).

// sendCSV answers with the file write produces, named name-<today>.csv. It
// is written whole first, so a failure is the error page, not half a file.
func (s *Server) sendCSV(w http.ResponseWriter, r *http.Request, name string, write func(context.Context, io.Writer) error) {
	var b bytes.Buffer
	if err := write(r.Context(), &b); err != nil {
		s.fail(w, r, err)
		return
	}
	file := fmt.Sprintf("%s-%s.csv", name, s.svc.Now().Format(app.DateLayout))
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+file+`"`)
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	_, _ = w.Write(b.Bytes())
}
