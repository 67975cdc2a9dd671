package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"vigia/app"
)

// «Importar CSV», as the desktop's (ui/alertimport.go): the upload is
// checked by a dry run that says what the import would do, or lists every
// bad line with its reason; only «Importar» saves it. The file waits in the
// session between the two (alertsupload.go). Every step ends in a GET:
// upload → 303 to the review, confirm → 303 to the list.

// importShownRows bounds the rows the review lists (a file holds up to
// app.MaxImportRows): the summary counts them all.
const importShownRows = 300

// importFormData is the upload page.
type importFormData struct {
	Form Form
}

// importReviewData is the dry run's page: the summary and the rows, or
// every bad line; Token confirms it.
type importReviewData struct {
	Token    string
	File     string
	Summary  string
	Problems []string // every bad line, in line order ("Línea 3: …"); nothing is imported
	Refusal  string   // what the problems come under
	Rows     []importRow
	More     int // rows not listed
	Changes  []obligationChange
	Empty    bool // only the header row
}

// importRow is one row of the dry run.
type importRow struct {
	Line                    int
	Company, Title, Due     string
	Priority, PriorityClass string
	Action                  string
}

// obligationChange is a company whose obligations the import changes.
type obligationChange struct {
	Company, Text string
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, Page{Template: "alerts_import", Title: K("alertas.importar.titulo"), Area: AreaAlertas,
		Data: importFormData{Form: NewForm(nil)}})
}

// importUpload keeps the uploaded file and sends the browser to its review.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	data, name, err := readUpload(w, r, "archivo", maxAlertsUpload)
	if err != nil {
		msg := uploadProblem(lang, err, K("alertas.importar.falta_archivo"), K("alertas.importar.muy_grande"), maxAlertsUpload)
		if msg == "" {
			s.refuse(w, r, http.StatusBadRequest, "error.formulario")
			return
		}
		f := NewForm(nil)
		f.Errors["archivo"] = msg
		s.render(w, r, Page{Template: "alerts_import", Title: K("alertas.importar.titulo"), Area: AreaAlertas,
			Status: http.StatusBadRequest, Data: importFormData{Form: f}})
		return
	}
	token, err := s.keepUpload(r, uploadAlerts, name, data)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/alertas/importar/revisar?"+url.Values{"archivo": {token}}.Encode())
}

// importReview runs the dry run of the pending file and shows what it would do.
func (s *Server) importReview(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	p, ok := s.pendingFile(r, uploadAlerts, r.URL.Query().Get("archivo"), false)
	if !ok {
		s.flash(r, FlashError, T(lang, "alertas.importar.vencido", "Min", int(uploadTTL.Minutes())))
		s.redirect(w, r, "/alertas/importar")
		return
	}
	res, err := s.svc.ImportAlerts(r.Context(), bytes.NewReader(p.data), true)
	d := importReviewData{Token: p.token, File: p.name}
	if !d.refused(lang, err) && err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if err != nil {
		status = http.StatusBadRequest
	} else {
		d.fill(lang, res)
	}
	s.render(w, r, Page{Template: "alerts_import_review", Title: K("alertas.importar.titulo"), Area: AreaAlertas,
		Status: status, Data: d})
}

// importConfirm imports the pending file for real.
func (s *Server) importConfirm(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	if err := parseForm(w, r); err != nil {
		s.refuse(w, r, http.StatusBadRequest, "error.formulario")
		return
	}
	p, ok := s.pendingFile(r, uploadAlerts, r.PostForm.Get("archivo"), true)
	if !ok {
		s.flash(r, FlashError, T(lang, "alertas.importar.vencido", "Min", int(uploadTTL.Minutes())))
		s.redirect(w, r, "/alertas/importar")
		return
	}
	res, err := s.svc.ImportAlerts(r.Context(), bytes.NewReader(p.data), false)
	d := importReviewData{File: p.name}
	if d.refused(lang, err) { // the data changed since the dry run
		s.render(w, r, Page{Template: "alerts_import_review", Title: K("alertas.importar.titulo"), Area: AreaAlertas,
			Status: http.StatusBadRequest, Data: d})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, FlashOK, TM(lang, res.Summary()))
	s.redirect(w, r, "/alertas")
}

// refused fills the page with every problem of a refused file; false when
// err is no refusal.
func (d *importReviewData) refused(lang string, err error) bool {
	var v *app.ValidationError
	if !errors.As(err, &v) {
		return false
	}
	d.Token = "" // nothing to confirm
	d.Problems = importProblems(lang, v)
	fields := FieldTexts(lang, v)
	if whole, ok := fields[app.FieldImportFile]; ok && len(fields) == 1 {
		d.Refusal, d.Problems = T(lang, "alertas.importar.archivo_invalido", "Motivo", whole), nil
	} else {
		d.Refusal = T(lang, "alertas.importar.filas_invalidas", "N", len(d.Problems))
	}
	return true
}

// fill words what the dry run would do.
func (d *importReviewData) fill(lang string, res app.ImportResult) {
	if len(res.Items) == 0 {
		d.Empty, d.Token = true, ""
		return
	}
	d.Summary = T(lang, "alertas.importar.valido") + " " + TM(lang, res.Summary())
	for i, it := range res.Items {
		if i == importShownRows {
			d.More = len(res.Items) - i
			break
		}
		d.Rows = append(d.Rows, newImportRow(lang, it))
	}
	none := T(lang, "alertas.importar.ninguna")
	for _, c := range res.Responsibilities {
		company := c.Company
		if c.NewCompany {
			company = T(lang, "alertas.importar.empresa_nueva", "Empresa", company)
		}
		d.Changes = append(d.Changes, obligationChange{Company: company, Text: T(lang, "alertas.importar.antes_ahora",
			"Antes", obligationList(lang, c.Before, none), "Ahora", obligationList(lang, c.After, none))})
	}
}

func newImportRow(lang string, it app.ImportItem) importRow {
	row := importRow{Line: it.Line, Company: it.Company.Name, Title: it.Alert.Title, Due: formatDate(it.Alert.DueOn)}
	if it.NewCompany {
		row.Company = T(lang, "alertas.importar.empresa_nueva", "Empresa", row.Company)
	}
	switch it.Action {
	case app.ImportCreate:
		row.Action = T(lang, "alertas.importar.crear")
	case app.ImportUpdate:
		row.Action = T(lang, "alertas.importar.actualizar")
	default:
		row.Action, row.Due = T(lang, "alertas.importar.solo_empresa"), ""
	}
	if it.Alert.EffectivePriority != "" {
		row.Priority, row.PriorityClass = priorityLabel(lang, it.Alert.EffectivePriority), priorityClass(it.Alert.EffectivePriority)
	}
	return row
}

// obligationList names codes in lang, «none» when empty.
func obligationList(lang string, codes []string, none string) string {
	if len(codes) == 0 {
		return none
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = obligationName(lang, c)
	}
	return strings.Join(names, ", ")
}

// importProblems are a refused file's problems, "Línea 3: Falta el título."
// in line order; a problem of the whole file comes first.
func importProblems(lang string, v *app.ValidationError) []string {
	type problem struct {
		line int
		text string
	}
	var ps []problem
	for field, msg := range FieldTexts(lang, v) {
		n, isLine := strings.CutPrefix(field, "linea ")
		line, err := strconv.Atoi(n)
		if !isLine || err != nil {
			ps = append(ps, problem{line: -1, text: msg})
			continue
		}
		ps = append(ps, problem{line: line, text: T(lang, "alertas.importar.linea", "Linea", line, "Motivo", msg)})
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].line != ps[j].line {
			return ps[i].line < ps[j].line
		}
		return ps[i].text < ps[j].text
	})
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}
