package web

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"

	"vigia/app"
)

// errorData is the error page's.
type errorData struct {
	Status  int
	Message string
}

// refuse answers with the error page: status and the words of key.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, key string) {
	if status == http.StatusInternalServerError || status == http.StatusServiceUnavailable {
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, Page{Template: "error", Title: errorTitle(status), Status: status,
		Data: errorData{Status: status, Message: T(s.lang(r), key)}})
}

// notFound is the page of a path no route serves.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.refuse(w, r, http.StatusNotFound, "error.pagina_no_existe")
}

// fail answers a handler's error with the error page: the status and words
// that fit it (see problem). Internal errors are logged, never shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := problemStatus(err)
	switch {
	case status == http.StatusInternalServerError && errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		s.log.Debug("interfaz web: solicitud cancelada por el navegador", "method", r.Method, "path", r.URL.Path)
		return
	case status == http.StatusInternalServerError:
		s.log.Error("error interno en la interfaz web", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	lang := s.lang(r)
	s.render(w, r, Page{Template: "error", Title: errorTitle(status), Status: status,
		Data: errorData{Status: status, Message: ProblemText(lang, err)}})
}

// problemStatus is the HTTP status of an error of the core.
func problemStatus(err error) int {
	switch {
	case errors.Is(err, app.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, app.ErrRunInProgress), errors.Is(err, app.ErrConflict), errors.Is(err, app.ErrSlotTaken):
		return http.StatusConflict
	case errors.Is(err, app.ErrStorageFull):
		return http.StatusInsufficientStorage
	case app.IsStorageError(err), errors.Is(err, app.ErrShuttingDown):
		return http.StatusServiceUnavailable
	}
	var ve *app.ValidationError
	if errors.As(err, &ve) {
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// ProblemText words an error of the core for the user (a flash or the error
// page): what happened and what to do. An internal error says only that.
func ProblemText(lang string, err error) string {
	var ve *app.ValidationError
	switch {
	case errors.As(err, &ve):
		return T(lang, "error.datos_invalidos") + " " + joinProblems(FieldTexts(lang, ve))
	case errors.Is(err, app.ErrNotFound):
		return T(lang, "error.no_encontrado")
	case errors.Is(err, app.ErrRunInProgress):
		return T(lang, "error.en_curso")
	case errors.Is(err, app.ErrConflict), errors.Is(err, app.ErrSlotTaken):
		return T(lang, "error.conflicto")
	case errors.Is(err, app.ErrShuttingDown):
		return T(lang, "error.cerrando")
	case app.IsStorageError(err):
		return TM(lang, app.ProblemOf(err))
	}
	return T(lang, "error.interno")
}

// joinProblems is "campo: texto; campo: texto", by field.
func joinProblems(fields map[string]string) string {
	keys := slices.Sorted(maps.Keys(fields))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + fields[k]
	}
	return strings.Join(parts, "; ")
}

// errorTitle is the T key of an error page's title.
func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return K("error.titulo.404")
	case http.StatusForbidden:
		return K("error.titulo.403")
	case http.StatusTooManyRequests:
		return K("error.titulo.429")
	case http.StatusBadRequest, http.StatusConflict:
		return K("error.titulo.400")
	case http.StatusServiceUnavailable, http.StatusInsufficientStorage:
		return K("error.titulo.503")
	}
	return K("error.titulo.500")
}
