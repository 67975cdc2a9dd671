package console

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"vigia/app"
)

// Console is the process's standard output. Every write is whole: log lines
// and the multi-line blocks of concurrent runs never interleave.
type Console struct {
	mu sync.Mutex
	w  io.Writer
}

// New is a Console over w.
func New(w io.Writer) *Console { return &Console{w: w} }

// Print writes s whole.
func (c *Console) Print(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	io.WriteString(c.w, s)
}

// Handler is a slog.Handler that writes the seed's console format:
// `INFO: message key=value`.
type Handler struct {
	out    *Console
	level  slog.Leveler
	prefix string // rendered attributes of WithAttrs, each with a leading space
	group  string // dotted group of WithGroup, with a trailing dot
}

// NewHandler is a Handler writing to out the records of level and above.
func NewHandler(out *Console, level slog.Leveler) *Handler {
	return &Handler{out: out, level: level}
}

func (h *Handler) Enabled(_ context.Context, l slog.Level) bool {
	return l >= h.level.Level()
}

func (h *Handler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(levelWord(r.Level))
	b.WriteString(": ")
	b.WriteString(app.EscapeUnprintable(r.Message))
	b.WriteString(h.prefix)
	r.Attrs(func(a slog.Attr) bool {
		appendAttr(&b, h.group, a)
		return true
	})
	b.WriteByte('\n')
	h.out.Print(b.String())
	return nil
}

func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	var b strings.Builder
	for _, a := range attrs {
		appendAttr(&b, h.group, a)
	}
	h2 := *h
	h2.prefix += b.String()
	return &h2
}

func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.group += name + "."
	return &h2
}

// levelWord names levels as the seed's (Python) console does.
func levelWord(l slog.Level) string {
	switch {
	case l >= slog.LevelError:
		return "ERROR"
	case l >= slog.LevelWarn:
		return "WARNING"
	case l >= slog.LevelInfo:
		return "INFO"
	}
	return "DEBUG"
}

func appendAttr(b *strings.Builder, group string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return
	}
	if a.Value.Kind() == slog.KindGroup {
		if a.Key != "" {
			group += a.Key + "."
		}
		for _, ga := range a.Value.Group() {
			appendAttr(b, group, ga)
		}
		return
	}
	b.WriteByte(' ')
	b.WriteString(app.EscapeUnprintable(group + a.Key))
	b.WriteByte('=')
	b.WriteString(quoteIfNeeded(valueString(a.Value)))
}

func valueString(v slog.Value) string {
	switch v.Kind() {
	case slog.KindTime:
		return v.Time().Format(time.RFC3339)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return err.Error()
		}
		return fmt.Sprint(v.Any())
	}
	return v.String()
}

// quoteIfNeeded is s, or s quoted as Go does when it has a space, a sign
// of the format, or an unprintable character (escaped by the quoting: a
// value never spans lines nor drives the terminal).
func quoteIfNeeded(s string) string {
	if s == "" {
		return `""`
	}
	for _, r := range s {
		if r == '=' || r == '"' || unicode.IsSpace(r) || !unicode.IsPrint(r) || app.Unprintable(r) || r == utf8.RuneError {
			return strconv.Quote(s)
		}
	}
	return s
}
