package taxcal

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// decodeProblem is the decoder's refusal of b as a DataError that says where
// and what, in arguments the edges word: never the decoder's own English.
func decodeProblem(b []byte, err error) *DataError {
	var syntax *json.SyntaxError
	var kind *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return dataError("", CodeBadJSON, map[string]any{"Line": lineAt(b, syntax.Offset)})
	case errors.As(err, &kind):
		path := kind.Field
		if path == "" {
			path = "(el archivo entero)"
		}
		return dataError(path, CodeWrongType, map[string]any{"Expected": kindName(kind.Type)})
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(b)) == 0:
		return dataError("", CodeEmpty, nil)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return dataError("", CodeBadJSON, map[string]any{"Line": lineAt(b, int64(len(b)))})
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if f, uerr := strconv.Unquote(field); uerr == nil {
			field = f
		}
		return dataError("", CodeUnknownField, map[string]any{"Field": field})
	}
	return dataError("", CodeBadJSON, map[string]any{"Line": 1})
}

// lineAt is the 1-based line of byte offset in b.
func lineAt(b []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(b)))
	return bytes.Count(b[:offset], []byte("\n")) + 1
}

// kindName names what a field holds, as a token the catalogs word:
// "numero", "texto", "lista", "objeto" or "si_no".
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "numero"
	case reflect.String:
		return "texto"
	case reflect.Slice, reflect.Array:
		return "lista"
	case reflect.Bool:
		return "si_no"
	}
	return "objeto"
}
