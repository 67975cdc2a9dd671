package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"vigia/app"
	"vigia/messages"
)

// importPath is the one endpoint whose body is CSV, not JSON.
const importPath = "/api/alertas/importar"

type importRowJSON struct {
	Line       int     `json:"linea"`
	Company    string  `json:"empresa"`
	NIT        string  `json:"nit"`
	NewCompany bool    `json:"empresa_nueva"`
	Title      string  `json:"titulo"`
	Priority   string  `json:"prioridad"`
	Effective  string  `json:"prioridad_efectiva"`
	DueOn      *string `json:"vence_el"`
	Action     string  `json:"accion"` // crear | actualizar | empresa (a row without an alert)
	AlertID    *int64  `json:"alerta_id"`
	// Responsibilities are the company's obligations the file sets; absent
	// when it leaves them as they are.
	Responsibilities *[]string `json:"responsabilidades,omitempty"`
}

type importJSON struct {
	DryRun           bool            `json:"simulacion"`
	CompaniesCreated int             `json:"empresas_nuevas"`
	AlertsCreated    int             `json:"alertas_nuevas"`
	AlertsUpdated    int             `json:"alertas_actualizadas"`
	Rows             []importRowJSON `json:"filas"`
	// Obligations are the companies whose obligations change.
	Obligations []obligationChangeJSON `json:"responsabilidades_cambiadas"`
}

type obligationChangeJSON struct {
	Company    string   `json:"empresa"`
	NewCompany bool     `json:"empresa_nueva"`
	Before     []string `json:"antes"`
	After      []string `json:"ahora"`
}

func (h *handler) importAlerts(w http.ResponseWriter, r *http.Request) {
	dryRun, err := simulate(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.ContentLength == 0 {
		h.fail(w, r, fieldError("archivo", "El cuerpo está vacío: envíe el archivo CSV con Content-Type: text/csv."))
		return
	}
	res, err := h.svc.ImportAlerts(r.Context(), r.Body, dryRun)
	if err != nil {
		h.fail(w, r, importErr(err))
		return
	}
	out := importJSON{DryRun: res.DryRun, CompaniesCreated: res.CompaniesCreated, AlertsCreated: res.AlertsCreated,
		AlertsUpdated: res.AlertsUpdated, Rows: make([]importRowJSON, len(res.Items)),
		Obligations: make([]obligationChangeJSON, len(res.Responsibilities))}
	for i, it := range res.Items {
		out.Rows[i] = importRowOut(it)
	}
	for i, c := range res.Responsibilities {
		out.Obligations[i] = obligationChangeJSON{Company: c.Company, NewCompany: c.NewCompany, Before: c.Before, After: c.After}
	}
	h.respond(w, r, http.StatusOK, out, messages.Text("es", res.Summary()))
}

func importRowOut(it app.ImportItem) importRowJSON {
	row := importRowJSON{Line: it.Line, Company: it.Company.Name, NIT: it.Company.NIT, Title: it.Alert.Title,
		Priority: string(it.Alert.Priority), Effective: string(it.Alert.EffectivePriority), Action: it.Action,
		NewCompany: it.NewCompany}
	if !it.Alert.DueOn.IsZero() {
		due := it.Alert.DueOn.UTC().Format(app.DateLayout)
		row.DueOn = &due
	}
	if it.Alert.ID != 0 {
		id := it.Alert.ID
		row.AlertID = &id
	}
	if it.SetResponsibilities {
		duties := append([]string{}, it.Company.Responsibilities...)
		row.Responsibilities = &duties
	}
	return row
}

// importErr summarises the bad rows of a refused import.
func importErr(err error) error {
	var ve *app.ValidationError
	if errors.As(err, &ve) {
		fields := fieldTexts(ve)
		if _, whole := fields["archivo"]; whole {
			return describe(err, "%s No se importó nada.", fields["archivo"])
		}
		return describe(err, "El archivo tiene %s con errores; no se importó nada. Corrija %s y vuelva a enviarlo.",
			count(len(fields), "fila", "filas"), map[bool]string{true: "la fila", false: "las filas"}[len(fields) == 1])
	}
	return err
}

// The exports: the service writes them for Excel (UTF-8 BOM, ';', CRLF);
// they are buffered so that a failure still answers with an error envelope.

func (h *handler) exportAlerts(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := h.svc.ExportAlertsCSV(r.Context(), &buf); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCSV(w, "alertas", buf.Bytes())
}

// sampleAlerts serves an example file to import, its due dates counted from
// today, so it imports with the priorities it is written with.
func (h *handler) sampleAlerts(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := h.svc.SampleAlertsCSV(&buf); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCSV(w, "alertas-ejemplo", buf.Bytes())
}

func (h *handler) exportCompanies(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := h.svc.ExportCompaniesCSV(r.Context(), &buf); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCSV(w, "empresas", buf.Bytes())
}

// sendCSV sends file as an attachment named after what and today.
func (h *handler) sendCSV(w http.ResponseWriter, what string, file []byte) {
	hdr := w.Header()
	hdr.Set("Content-Type", "text/csv; charset=utf-8")
	hdr.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.csv"`, what, h.svc.Now().Format(app.DateLayout)))
	hdr["X-Content-Type-Options"] = noSniff
	hdr["Cache-Control"] = noStore
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(file)
}
