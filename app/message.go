package app

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Code names a message the core gives the user: a refusal, a warning, a
// summary. The core never words it; the edges do (package messages renders
// every code in Spanish and English), so the English interface shows no
// Spanish sentence. A code's value is stable: the catalogs are keyed by it.
type Code string

// Args are the named arguments a message's words refer to ({{.Max}}). An
// integer N chooses the plural form ("1 destinatario", "2 destinatarios").
type Args map[string]any

// Message is a code with its arguments: what to tell the user, unworded.
type Message struct {
	Code Code
	Args Args
}

// Msg is the message code with args (nil for none).
func Msg(code Code, args Args) Message { return Message{Code: code, Args: args} }

// String is the code and its arguments, for logs and test failures: the
// core cannot word a message.
func (m Message) String() string {
	if len(m.Args) == 0 {
		return string(m.Code)
	}
	keys := slices.Sorted(maps.Keys(m.Args))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + fmt.Sprint(m.Args[k])
	}
	return string(m.Code) + "(" + strings.Join(parts, ", ") + ")"
}
