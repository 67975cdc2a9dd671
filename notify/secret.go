package notify

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// Secret is a password. Every printed, logged or JSON form of it is redacted;
// only Reveal gives the real value, for the code that authenticates.
type Secret string

const redacted = "[oculto]"

// Reveal returns the password itself.
func (s Secret) Reveal() string { return string(s) }

// String is redacted. An empty secret prints as empty, so logs can tell "not set".
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString is redacted for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("notify.Secret(%q)", s.String()) }

// Format makes every verb (%s, %v, %q, %x, %d, ...) print the redacted form.
func (s Secret) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, s.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", s.String())
	default:
		fmt.Fprint(f, s.String())
	}
}

// LogValue is redacted for log/slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON is redacted: the password never leaves through an API response.
// Code that must persist it stores Reveal() explicitly.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }
