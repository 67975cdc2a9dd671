package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"vigia/app"
)

// input is a request body's JSON object, read strictly: one object, no
// duplicate keys, nothing after it. Handlers take each field they know with a
// typed getter; done reports wrong types and fields nobody took.
type input struct {
	fields map[string]json.RawMessage
	order  []string
	errs   map[string]string
}

// readInput reads r's body as one JSON object. A body that is not UTF-8 is
// refused rather than read with U+FFFD in place of its bad bytes: what is
// stored is what the client sent, or nothing.
func readInput(r *http.Request) (*input, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, jsonError(err, false)
	}
	if !utf8.Valid(body) {
		return nil, badInput("El cuerpo no es texto UTF-8 válido (byte %d): envíe el JSON codificado en UTF-8.", invalidUTF8At(body)+1)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
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

// invalidUTF8At is the offset of the first byte of b that is not UTF-8
// (the message counts bytes from 1).
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// brokenSurrogate reports whether raw, a JSON value of valid UTF-8, escapes
// half of a UTF-16 pair (\ud800 alone), which decoding would silently turn
// into U+FFFD.
func brokenSurrogate(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		if raw[i+1] != 'u' {
			i++ // an escaped character, perhaps a backslash
			continue
		}
		r, ok := hexRune(raw, i+2)
		switch {
		case !ok:
			return true
		case r >= 0xD800 && r < 0xDC00:
			next, ok := hexRune(raw, i+8)
			if !ok || raw[i+6] != '\\' || raw[i+7] != 'u' || next < 0xDC00 || next > 0xDFFF {
				return true
			}
			i += 11
		case r >= 0xDC00 && r <= 0xDFFF:
			return true
		default:
			i += 5
		}
	}
	return false
}

// hexRune is the four hex digits of raw at i as a rune.
func hexRune(raw []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(raw) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[i:i+4]), 16, 32)
	return rune(n), err == nil
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
	if brokenSurrogate(raw) {
		in.bad(key, "El texto tiene un carácter partido (\\u de una mitad de un par UTF-16 sin la otra): envíe texto UTF-8 válido.")
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
// cut where the core's recipients parser cuts it (commas, semicolons or new
// lines). The core checks the addresses, with the request's other fields.
func (in *input) recipients(key, wrong string) *[]string {
	if raw, ok := in.fields[key]; !ok || raw[0] != '"' {
		return in.list(key, wrong)
	}
	s := in.text(key, wrong)
	if s == nil {
		return nil
	}
	addrs := app.SplitRecipients(*s)
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
