package storage

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"

	"vigia/app"
	"vigia/messages"
)

// A run's Problem is kept as its code (error_codigo) and its arguments
// (error_args, a JSON object), next to its Spanish words (error) for the
// rows' other readers. JSON has neither integers nor messages: a whole
// number reads back as an int (a plural needs an integer N), a nested
// Message is an object {"codigo": …, "args": {…}}, a list of messages an
// array of those, and a list of names an array of strings.

// storedMessage is a Message as error_args holds a nested one.
type storedMessage struct {
	Code app.Code       `json:"codigo"`
	Args map[string]any `json:"args,omitempty"`
}

// problemArgs are the error_codigo, error_args and error values of run e.
func problemArgs(e app.Execution) (code, args any, text string, err error) {
	text = messages.RunReason("es", e)
	if e.Problem == nil {
		return nil, nil, text, nil
	}
	if len(e.Problem.Args) == 0 {
		return string(e.Problem.Code), nil, text, nil
	}
	b, err := json.Marshal(storedArgs(e.Problem.Args))
	if err != nil {
		return nil, nil, "", fmt.Errorf("problem %s: %w", e.Problem.Code, err)
	}
	return string(e.Problem.Code), string(b), text, nil
}

func storedArgs(args app.Args) map[string]any {
	out := make(map[string]any, len(args))
	for k, v := range args {
		switch v := v.(type) {
		case app.Message:
			out[k] = storedMessage{v.Code, storedArgs(v.Args)}
		case []app.Message:
			list := make([]storedMessage, len(v))
			for i, m := range v {
				list[i] = storedMessage{m.Code, storedArgs(m.Args)}
			}
			out[k] = list
		default:
			out[k] = v
		}
	}
	return out
}

// problemCol reads error_codigo and error_args back into a Message; nil for
// a row without a code (written before codes, or nothing went wrong).
func problemCol(code, args sql.NullString) (*app.Message, error) {
	if !code.Valid || code.String == "" {
		return nil, nil
	}
	m := &app.Message{Code: app.Code(code.String)}
	if !args.Valid || args.String == "" {
		return m, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(args.String)))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("problem %s: arguments %q: %w", m.Code, args.String, err)
	}
	m.Args = argsOf(raw)
	return m, nil
}

func argsOf(raw map[string]any) app.Args {
	if raw == nil {
		return nil
	}
	out := make(app.Args, len(raw))
	for k, v := range raw {
		out[k] = argOf(v)
	}
	return out
}

// argOf is one decoded JSON value as the Message gave it.
func argOf(v any) any {
	switch v := v.(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return int(n)
		}
		f, _ := v.Float64()
		return f
	case map[string]any:
		if m, ok := messageOf(v); ok {
			return m
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = argOf(x)
		}
		return out
	case []any:
		return listOf(v)
	}
	return v
}

// messageOf reads a nested Message ({"codigo": …, "args": {…}}).
func messageOf(v map[string]any) (app.Message, bool) {
	code, ok := v["codigo"].(string)
	if !ok || len(v) > 2 {
		return app.Message{}, false
	}
	args, _ := v["args"].(map[string]any)
	return app.Message{Code: app.Code(code), Args: argsOf(args)}, true
}

// listOf reads an array: messages, names, or anything else as it is.
func listOf(v []any) any {
	msgs := make([]app.Message, 0, len(v))
	names := make([]string, 0, len(v))
	for _, x := range v {
		if obj, ok := x.(map[string]any); ok {
			if m, ok := messageOf(obj); ok {
				msgs = append(msgs, m)
			}
		}
		if s, ok := x.(string); ok {
			names = append(names, s)
		}
	}
	switch {
	case len(v) > 0 && len(msgs) == len(v):
		return msgs
	case len(names) == len(v):
		return names
	}
	out := make([]any, len(v))
	for i, x := range v {
		out[i] = argOf(x)
	}
	return out
}
