package ui

import (
	"errors"
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

// errorText is what the user reads about err. The core's messages are
// Spanish already; only its sentinels get a friendlier sentence.
func errorText(err error) string {
	var v *app.ValidationError
	switch {
	case errors.As(err, &v):
		keys := make([]string, 0, len(v.Fields))
		for k := range v.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		lines := make([]string, len(keys))
		for i, k := range keys {
			lines[i] = "• " + v.Fields[k]
		}
		return T("error.datos_invalidos") + "\n" + strings.Join(lines, "\n")
	case errors.Is(err, app.ErrNotFound):
		return T("error.no_encontrado")
	case errors.Is(err, app.ErrRunInProgress):
		return T("error.en_curso")
	case errors.Is(err, app.ErrShuttingDown):
		return T("error.cerrando")
	}
	return err.Error()
}
