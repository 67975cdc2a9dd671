package web

import (
	"errors"
	"net/http"
	"net/url"

	"vigia/app"
)

// Form is a form page's memory between a refused POST and the page shown
// again: what the user typed, and the core's refusal of each field in the
// page's language. Name the inputs as the core's fields (app.ValidationError
// keys: "nombre", "hora", ...) so each error lands next to its field.
type Form struct {
	Values url.Values
	Errors map[string]string // field → words
	// Message is the line above the form: "Revise los datos:" when fields
	// are refused, or the words of another error (not found, conflict).
	Message string
}

// NewForm is a form filled with values (e.g. r.PostForm), without errors.
func NewForm(values url.Values) Form {
	if values == nil {
		values = url.Values{}
	}
	return Form{Values: values, Errors: map[string]string{}}
}

// Refused fills f's errors from err: a *app.ValidationError's problems go to
// their fields (true: show the form again, status 400); any other error is
// not a form's (false: hand it to Server.fail).
func (f *Form) Refused(lang string, err error) bool {
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	f.Errors = FieldTexts(lang, ve)
	f.Message = T(lang, "error.datos_invalidos")
	return true
}

// Value is what the user typed in field name.
func (f Form) Value(name string) string { return f.Values.Get(name) }

// Checked reports whether a checkbox or radio named name had value v.
func (f Form) Checked(name, v string) bool {
	for _, x := range f.Values[name] {
		if x == v {
			return true
		}
	}
	return false
}

// Error is the refusal of field name in words, "" when none.
func (f Form) Error(name string) string { return f.Errors[name] }

// Field is what the "field-error" partial and aria attributes need of one
// field: {{template "field-error" (.Data.Form.Field "nombre")}}.
func (f Form) Field(name string) FieldState {
	return FieldState{Name: name, Error: f.Errors[name]}
}

// FieldState is one field's name and refusal.
type FieldState struct {
	Name, Error string
}

// ErrorID is the id of the field's error paragraph, for aria-describedby.
func (fs FieldState) ErrorID() string { return "error-" + fs.Name }

// parseForm reads a form's body within maxFormBytes (a url-encoded form; a
// multipart upload sets its own limit with ParseMultipartForm).
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	return r.ParseForm()
}
