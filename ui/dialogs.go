package ui

import (
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"vigia/app"
)

// showError shows err in a dialog, in the user's words: validation messages
// field by field, the service's sentinel errors explained.
func (u *UI) showError(err error) {
	text := []rune(errorText(err))
	if len(text) > 0 {
		text[0] = unicode.ToUpper(text[0])
	}
	u.showText(lang.L("Error"), string(text), theme.ErrorIcon())
}

// formError is a refusal the ui words itself, by field (a company name
// already taken).
type formError map[string]string

func (e formError) Error() string {
	keys := slices.Sorted(maps.Keys(e))
	for i, k := range keys {
		keys[i] = k + ": " + e[k]
	}
	return strings.Join(keys, "; ")
}

// fieldErrorsOf is the field errors of err in the chosen language, by field
// (a new map); false when err names no field.
func fieldErrorsOf(err error) (map[string]string, bool) {
	var v *app.ValidationError
	var f formError
	switch {
	case errors.As(err, &v):
		return fieldTexts(v), true
	case errors.As(err, &f):
		return maps.Clone(map[string]string(f)), true
	}
	return nil, false
}

// errorText is what the user reads about err: the core's field errors in
// the chosen language, its sentinels in a friendlier sentence, the problem
// of an error that tells one (a send failure) in the chosen language, else
// err's own text.
func errorText(err error) string {
	fields, invalid := fieldErrorsOf(err)
	switch {
	case invalid:
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		lines := make([]string, len(keys))
		for i, k := range keys {
			lines[i] = "• " + fields[k]
		}
		return T("error.datos_invalidos") + "\n" + strings.Join(lines, "\n")
	case errors.Is(err, app.ErrNotFound):
		return T("error.no_encontrado")
	case errors.Is(err, app.ErrRunInProgress):
		return T("error.en_curso")
	case errors.Is(err, app.ErrShuttingDown):
		return T("error.cerrando")
	case errors.Is(err, app.ErrConflict):
		return T("error.conflicto")
	case errors.Is(err, app.ErrStorageUnavailable):
		// The office's database server: its words name the server, not a file.
		return TM(app.ProblemOf(err))
	case app.IsStorageError(err):
		return storageErrorText(err)
	}
	return TM(app.ProblemOf(err))
}

// storageErrorText says that a change was not saved because the database
// cannot be written, and what to do about it.
func storageErrorText(err error) string {
	path, _ := app.ProblemOf(err).Args["Path"].(string)
	args := map[string]any{"Ruta": path}
	switch {
	case errors.Is(err, app.ErrStorageFull):
		return T("error.almacenamiento.lleno", args)
	case errors.Is(err, app.ErrStorageReadOnly):
		return T("error.almacenamiento.solo_lectura", args)
	}
	return T("error.almacenamiento.es", args)
}
