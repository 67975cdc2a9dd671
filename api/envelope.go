package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"vigia/app"
	"vigia/messages"
)

// Refusals decided by the API itself. fail maps them, like the app's errors,
// to a status code and a Spanish message.
var (
	errNoRoute      = errors.New("ruta no encontrada")
	errMethod       = errors.New("método no permitido")
	errHost         = errors.New("host no permitido")
	errCrossSite    = errors.New("solicitud de otro sitio")
	errUnauthorized = errors.New("token ausente o inválido")
	errMediaType    = errors.New("tipo de contenido no soportado")
	errBadInput     = errors.New("solicitud inválida")
)

// userError carries the Spanish message to show for err (the cause that picks
// the status code).
type userError struct {
	msg string
	err error
}

func (e *userError) Error() string { return e.msg + ": " + e.err.Error() }
func (e *userError) Unwrap() error { return e.err }

// describe gives err the Spanish message the user sees (ignored for
// internal errors, which never show their text).
func describe(err error, format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...), err: err}
}

// badInput is a 400 without field errors (malformed JSON, a bad query).
func badInput(format string, args ...any) error { return describe(errBadInput, format, args...) }

// fieldError is a 400 naming one field, in the API's own words.
func fieldError(field, msg string) error { return fieldsError{field: msg} }

type successBody struct {
	Success bool   `json:"success"`
	Message string `json:"message,omitempty"`
	Data    any    `json:"datos"`
}

type errorBody struct {
	Success bool              `json:"success"`
	Error   string            `json:"error"`
	Fields  map[string]string `json:"errores,omitempty"`
}

// respond writes the success envelope.
func (h *handler) respond(w http.ResponseWriter, r *http.Request, status int, data any, message string) {
	b, err := marshal(successBody{Success: true, Message: message, Data: data})
	if err != nil {
		h.fail(w, r, fmt.Errorf("encode response: %w", err))
		return
	}
	writeJSON(w, status, b)
}

// fail writes the error envelope for err: the one place that maps errors to
// status codes. Internal errors are logged and answered with a generic message.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, body := problem(err)
	switch {
	case status == http.StatusInternalServerError && errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		h.log.Debug("solicitud cancelada por el cliente", "method", r.Method, "path", r.URL.Path)
	case status == http.StatusInternalServerError:
		h.log.Error("error interno en la API", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	b, mErr := marshal(body)
	if mErr != nil { // a map of strings always encodes; keep a valid answer anyway
		b = []byte(`{"success":false,"error":"Error interno del servidor."}`)
	}
	writeJSON(w, status, b)
}

func problem(err error) (int, errorBody) {
	body := errorBody{}
	var ue *userError
	if errors.As(err, &ue) {
		body.Error = ue.msg
	}
	var ve *app.ValidationError
	var fe fieldsError
	var tooLarge *http.MaxBytesError
	status := http.StatusInternalServerError
	switch {
	case errors.As(err, &fe):
		status, body.Fields = http.StatusBadRequest, fe
		if body.Error == "" {
			body.Error = validationMessage(fe)
		}
	case errors.As(err, &ve):
		status, body.Fields = http.StatusBadRequest, fieldTexts(ve)
		if body.Error == "" {
			body.Error = validationMessage(body.Fields)
		}
	case errors.Is(err, errBadInput):
		status = http.StatusBadRequest
	case errors.As(err, &tooLarge):
		status = http.StatusRequestEntityTooLarge
		body.Error = fmt.Sprintf("El cuerpo de la solicitud es demasiado grande: el máximo es %d KiB.", tooLarge.Limit>>10)
	case errors.Is(err, errUnauthorized):
		status = http.StatusUnauthorized
	case errors.Is(err, errHost), errors.Is(err, errCrossSite):
		status = http.StatusForbidden
	case errors.Is(err, errNoRoute), errors.Is(err, app.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, errMethod):
		status = http.StatusMethodNotAllowed
	case errors.Is(err, app.ErrRunInProgress), errors.Is(err, app.ErrConflict), errors.Is(err, app.ErrSlotTaken):
		status = http.StatusConflict
	case errors.Is(err, errMediaType):
		status = http.StatusUnsupportedMediaType
	case errors.Is(err, app.ErrStorageFull):
		// The disk may get room again: the client retries later, reads work.
		status, body.Error = http.StatusInsufficientStorage, messages.Text("es", app.ProblemOf(err))
	case errors.Is(err, app.ErrStorageReadOnly), errors.Is(err, app.ErrStorageIO), errors.Is(err, app.ErrStorageUnavailable):
		status, body.Error = http.StatusServiceUnavailable, messages.Text("es", app.ProblemOf(err))
	case errors.Is(err, app.ErrShuttingDown):
		status = http.StatusServiceUnavailable
	}
	if status == http.StatusInternalServerError || body.Error == "" {
		body.Error = defaultMessage(status, err)
	}
	return status, body
}

func defaultMessage(status int, err error) string {
	switch status {
	case http.StatusBadRequest:
		return "La solicitud no es válida."
	case http.StatusUnauthorized:
		return "Falta el token de la API o no es válido."
	case http.StatusForbidden:
		return "Solicitud rechazada."
	case http.StatusNotFound:
		return "No se encontró el recurso solicitado."
	case http.StatusMethodNotAllowed:
		return "Método no permitido para esta ruta."
	case http.StatusConflict:
		if errors.Is(err, app.ErrRunInProgress) {
			return "El trigger ya se está ejecutando."
		}
		return "La operación entra en conflicto con datos existentes."
	case http.StatusUnsupportedMediaType:
		return "El cuerpo debe ser JSON: envíe la cabecera Content-Type: application/json."
	case http.StatusServiceUnavailable:
		return "Vigía se está cerrando; intente de nuevo en unos segundos."
	}
	return "Error interno del servidor. Consulte el registro de Vigía para más detalles."
}

// fieldTexts words the field errors of ve in Spanish, the API's language.
func fieldTexts(ve *app.ValidationError) map[string]string {
	out := make(map[string]string, len(ve.Problems))
	for field, m := range ve.Problems {
		out[field] = messages.Text("es", m)
	}
	return out
}

// validationMessage summarises field errors: "Datos inválidos. hora: ...; nombre: ...".
func validationMessage(fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + fields[k]
	}
	return "Datos inválidos. " + strings.Join(parts, " ")
}

// marshal encodes v without HTML escaping, so messages such as
// "Bearer <token>" read as written in curl's output; responses are never HTML.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

var (
	jsonContentType = []string{"application/json; charset=utf-8"}
	noSniff         = []string{"nosniff"}
	noStore         = []string{"no-store"}
)

// writeJSON writes an already encoded body. Header values are shared slices
// (net/http never modifies them) so the hot path does not allocate them.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	hdr := w.Header()
	hdr["Content-Type"] = jsonContentType
	hdr["X-Content-Type-Options"] = noSniff
	hdr["Cache-Control"] = noStore
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
