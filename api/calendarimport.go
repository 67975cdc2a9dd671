package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"vigia/app"
)

// calendarImportPath takes a calendar file: its JSON as the body, or a
// multipart form (curl -F archivo=@calendario.json) whose part "archivo",
// or else its first file, is the file.
const calendarImportPath = "/api/calendario/importar"

// MaxCalendarBytes bounds a calendar file sent to the import.
const MaxCalendarBytes = 1 << 20

// calendarFilePart is the form field of the file in a multipart request.
const calendarFilePart = "archivo"

type calendarImportJSON struct {
	DryRun   bool               `json:"simulacion"`
	Calendar calendarStatusJSON `json:"calendario"`
	syncJSON
}

// importCalendar answers POST /api/calendario/importar[?simular=1]: the new
// status and what the regeneration did, or on a dry run would do.
func (h *handler) importCalendar(w http.ResponseWriter, r *http.Request) {
	dryRun, err := simulate(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	file, err := calendarFile(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, sync, err := h.svc.ImportCalendar(r.Context(), file, dryRun)
	if err != nil {
		h.fail(w, r, calendarFileErr(err))
		return
	}
	if !dryRun {
		h.forgetCalendarBrief()
	}
	out := calendarImportJSON{DryRun: dryRun, Calendar: h.calendarStatusOut(st), syncJSON: syncOut(sync)}
	counts := fmt.Sprintf("%s, %s, %s", count(sync.Created, "alerta nueva", "alertas nuevas"),
		count(sync.Moved, "alerta movida", "alertas movidas"), count(sync.Closed, "alerta cerrada", "alertas cerradas"))
	msg := fmt.Sprintf("Calendario %s importado: %s.", st.Info.Version, counts)
	if dryRun {
		msg = fmt.Sprintf("Simulación: el calendario %s es válido; al importarlo habría %s. No se cambió nada.", st.Info.Version, counts)
	}
	h.respond(w, r, http.StatusOK, out, msg)
}

// simulate reads ?simular=1 (a dry run) or 0.
func simulate(r *http.Request) (bool, error) {
	switch v := r.URL.Query().Get("simular"); v {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	default:
		return false, fieldError("simular", "simular debe ser 1 o 0, no "+strconv.Quote(v)+".")
	}
}

// calendarFile is the file a request carries, raw or in a multipart form.
func calendarFile(r *http.Request) ([]byte, error) {
	if r.ContentLength == 0 {
		return nil, fieldError(calendarFilePart, "El cuerpo está vacío: envíe el archivo JSON del calendario "+
			"(Content-Type: application/json) o un formulario con el campo archivo.")
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return io.ReadAll(r.Body)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, badInput("El formulario no se pudo leer: %s.", err)
	}
	var first []byte
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, formError(err)
		}
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, part); err != nil {
			return nil, formError(err)
		}
		if part.FormName() == calendarFilePart {
			return buf.Bytes(), nil
		}
		if first == nil && part.FileName() != "" {
			first = buf.Bytes()
		}
	}
	if first == nil {
		return nil, fieldError(calendarFilePart, "El formulario no trae el archivo: envíelo en el campo archivo.")
	}
	return first, nil
}

// formError words a multipart body that could not be read; a body over
// the limit stays a 413.
func formError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return badInput("El formulario no se pudo leer: está incompleto o mal formado.")
}

// calendarFileErr words a refused calendar file: what is wrong, and that
// nothing changed.
func calendarFileErr(err error) error {
	var ve *app.ValidationError
	if errors.As(err, &ve) {
		if why, ok := fieldTexts(ve)[calendarFilePart]; ok {
			return describe(err, "El archivo del calendario no es válido: %s No se cambió nada.", why)
		}
	}
	return err
}
