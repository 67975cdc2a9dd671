package app

import (
	"errors"
	"sort"
	"strings"
)

// Sentinel errors that adapters map to their own vocabulary (HTTP status codes, dialogs).
var (
	ErrNotFound      = errors.New("no encontrado")
	ErrRunInProgress = errors.New("el trigger ya se está ejecutando")
	ErrSlotTaken     = errors.New("la ejecución programada ya fue registrada")
	ErrShuttingDown  = errors.New("Vigía se está cerrando")
	ErrConflict      = errors.New("conflicto con datos existentes")
)

// ValidationError reports invalid input field by field. Keys are the product's
// (API) field names; each field has one Message (the first problem found),
// which the edges word in the user's language.
type ValidationError struct {
	Problems map[string]Message
}

// Invalid is the refusal of one field.
func Invalid(field string, code Code, args Args) *ValidationError {
	return &ValidationError{Problems: map[string]Message{field: Msg(code, args)}}
}

// Error lists the fields and their codes, for logs: app cannot word them.
func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Problems))
	for k, m := range e.Problems {
		parts = append(parts, k+": "+m.String())
	}
	sort.Strings(parts)
	return "datos inválidos (" + strings.Join(parts, "; ") + ")"
}

// fieldErrors collects validation messages, keeping the first per field.
type fieldErrors map[string]Message

func (f fieldErrors) add(field string, code Code, args Args) {
	if _, ok := f[field]; !ok {
		f[field] = Msg(code, args)
	}
}

func (f fieldErrors) err() error {
	if len(f) == 0 {
		return nil
	}
	return &ValidationError{Problems: f}
}
