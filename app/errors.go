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
// (API) field names and messages are Spanish, ready to show to the user.
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return "datos inválidos (" + strings.Join(parts, "; ") + ")"
}

// fieldErrors collects validation messages, keeping the first per field.
type fieldErrors map[string]string

func (f fieldErrors) add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

func (f fieldErrors) err() error {
	if len(f) == 0 {
		return nil
	}
	return &ValidationError{Fields: f}
}
