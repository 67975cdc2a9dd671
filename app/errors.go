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

	// The database cannot be written (storage wraps SQLite's errors in
	// these). Reads keep working; writes work again once the cause is gone.
	ErrStorageFull     = errors.New("el disco de la base de datos está lleno")
	ErrStorageReadOnly = errors.New("la base de datos es de solo lectura")
	ErrStorageIO       = errors.New("error de entrada/salida en la base de datos")
	// The database server (PostgreSQL) cannot be reached: reads and writes
	// fail until it answers again, and storage tries again by itself.
	ErrStorageUnavailable = errors.New("el servidor de la base de datos no responde")
)

// IsStorageError reports whether err is one of the storage sentinels: the
// database could not be written (or its server reached), through no fault
// of the request; a later try may work.
func IsStorageError(err error) bool {
	return errors.Is(err, ErrStorageFull) || errors.Is(err, ErrStorageReadOnly) || errors.Is(err, ErrStorageIO) ||
		errors.Is(err, ErrStorageUnavailable)
}

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
