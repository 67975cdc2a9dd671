package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"vigia/app"
	"vigia/messages"
)

// input is a request body's JSON object, read strictly: one object, no
// duplicate keys, nothing after it. Handlers take each field they know with a
// typed getter; done reports wrong types and fields nobody took.
type input struct {
	fields map[string]json.RawMessage
	order  []string
	errs   map[string]string
}

// readInput reads r's body as one JSON object.
func readInput(r *http.Request) (*input, error) {
	dec := json.NewDecoder(r.Body)
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(err, true)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, badInput("Se esperaba un objeto JSON, por ejemplo {\"nombre\": \"...\"}.")
	}
	in := &input{fields: map[string]json.RawMessage{}, errs: map[string]string{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(err, false)
		}
		key, _ := tok.(string) // inside an object the decoder only yields string keys here
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonError(err, false)
		}
		if _, dup := in.fields[key]; dup {
			return nil, fieldError(key, "El campo aparece más de una vez en el JSON.")
		}
		in.fields[key] = raw
		in.order = append(in.order, key)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, jsonError(err, false)
	}
	if _, err := dec.Token(); err != io.EOF {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		return nil, badInput("Hay datos después del objeto JSON: envíe un solo objeto.")
	}
	return in, nil
}

// jsonError turns a decoding error into the user's message.
func jsonError(err error, first bool) error {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &tooLarge):
		return err
	case first && errors.Is(err, io.EOF):
		return badInput("El cuerpo de la solicitud está vacío: envíe un objeto JSON.")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badInput("El JSON está incompleto.")
	case errors.As(err, &syntax):
		return badInput("El cuerpo no es JSON válido (error cerca del carácter %d).", syntax.Offset)
	}
	return badInput("El cuerpo no es JSON válido.")
}

// take returns the raw value of key, marking it known; null counts as absent.
func (in *input) take(key string) (json.RawMessage, bool) {
	raw, ok := in.fields[key]
	if !ok {
		return nil, false
	}
	delete(in.fields, key)
	if bytes.Equal(raw, []byte("null")) {
		return nil, false
	}
	return raw, true
}

func (in *input) bad(key, msg string) {
	if _, ok := in.errs[key]; !ok {
		in.errs[key] = msg
	}
}

// text reads a JSON string; wrong is the message for any other type.
func (in *input) text(key, wrong string) *string {
	raw, ok := in.take(key)
	if !ok {
		return nil
	}
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		in.bad(key, wrong)
		return nil
	}
	return &s
}

// list reads a list of strings, or one string of comma-separated items.
func (in *input) list(key, wrong string) *[]string {
	raw, ok := in.take(key)
	if !ok {
		return nil
	}
	var items []string
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			in.bad(key, wrong)
			return nil
		}
		items = strings.Split(s, ",")
	case '[':
		if json.Unmarshal(raw, &items) != nil {
			in.bad(key, wrong)
			return nil
		}
	default:
		in.bad(key, wrong)
		return nil
	}
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	return &items
}

// recipients reads a list of addresses: a list of strings, or one string
// read as the user types it, by the core's one recipients parser
// (app.ParseRecipients: commas, semicolons or new lines).
func (in *input) recipients(key, wrong string) *[]string {
	if raw, ok := in.fields[key]; !ok || raw[0] != '"' {
		return in.list(key, wrong)
	}
	s := in.text(key, wrong)
	if s == nil {
		return nil
	}
	addrs, problem := app.ParseRecipients(*s)
	if problem != nil {
		in.bad(key, messages.Text("es", *problem))
		return nil
	}
	return &addrs
}

// integer reads a JSON number without fraction or exponent.
func (in *input) integer(key, wrong string) *int {
	raw, ok := in.take(key)
	if !ok {
		return nil
	}
	n, err := strconv.Atoi(string(raw))
	if err != nil {
		in.bad(key, wrong)
		return nil
	}
	return &n
}

// id reads a positive integer identifier.
func (in *input) id(key, wrong string) *int64 {
	raw, ok := in.take(key)
	if !ok {
		return nil
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		in.bad(key, wrong)
		return nil
	}
	return &n
}

// flag reads true/false or 1/0, the seed's "activo": 1.
func (in *input) flag(key, wrong string) *bool {
	raw, ok := in.take(key)
	if !ok {
		return nil
	}
	var b bool
	switch string(raw) {
	case "true", "1":
		b = true
	case "false", "0":
		b = false
	default:
		in.bad(key, wrong)
		return nil
	}
	return &b
}

// done reports the fields nobody took and the type errors, as field errors.
func (in *input) done() error {
	for _, key := range in.order {
		if _, left := in.fields[key]; left {
			in.bad(key, "Campo desconocido: "+strconv.Quote(key)+" no es un campo de esta solicitud.")
		}
	}
	if len(in.errs) == 0 {
		return nil
	}
	return fieldsError(in.errs)
}
