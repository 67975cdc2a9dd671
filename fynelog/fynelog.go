package fynelog

import (
	"bytes"
	"context"
	"log"
	"log/slog"
	"strings"
	"sync"
)

// Writer receives what Fyne writes through the standard log package and
// hands it to Vigía's log: one record per Fyne error, in the console format
// and the log file (the Windows GUI build has no standard error, where these
// lines would otherwise vanish).
//
// Fyne writes each error as up to three lines: «Fyne error:  <what>»,
// «  Cause: <error>» and «  At: <file:line>». They become one warning, except
// the harmless one Fyne logs when it reloads its own preferences file in the
// instant it is rewriting it (the file watcher fires between the truncation
// and the write, fyne-io/fyne#2936): debug.
type Writer struct {
	log *slog.Logger

	mu          sync.Mutex
	what, cause string
	buf         bytes.Buffer // a line not yet ended
}

// Route sends the standard log package, which only Fyne uses in Vigía, to l.
func Route(l *slog.Logger) {
	log.SetFlags(0)
	log.SetOutput(New(l))
}

// New is a Writer that logs to l.
func New(l *slog.Logger) *Writer { return &Writer{log: l} }

func (f *Writer) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.buf.Write(p)
	for {
		line, err := f.buf.ReadString('\n')
		if err != nil { // no newline yet: keep the partial line
			f.buf.Reset()
			f.buf.WriteString(line)
			return len(p), nil
		}
		f.line(strings.TrimRight(line, "\n"))
	}
}

// line takes one line of Fyne's log.
func (f *Writer) line(s string) {
	switch {
	case strings.HasPrefix(s, "Fyne error:"):
		f.flush()
		f.what = strings.TrimSpace(strings.TrimPrefix(s, "Fyne error:"))
	case strings.HasPrefix(s, "  Cause:") && f.what != "":
		f.cause = strings.TrimSpace(strings.TrimPrefix(s, "  Cause:"))
	case strings.HasPrefix(s, "  At:") && f.what != "":
		f.emit(strings.TrimSpace(strings.TrimPrefix(s, "  At:")))
	default:
		f.flush()
		if s = strings.TrimSpace(s); s != "" {
			f.log.Warn("Fyne: " + s)
		}
	}
}

// flush emits a record still waiting for its «At:» line.
func (f *Writer) flush() {
	if f.what != "" {
		f.emit("")
	}
}

func (f *Writer) emit(at string) {
	level := slog.LevelWarn
	if strings.HasPrefix(f.what, "Preferences load error") && f.cause == "EOF" {
		level = slog.LevelDebug
	}
	attrs := []any{}
	if f.cause != "" {
		attrs = append(attrs, "causa", f.cause)
	}
	if at != "" {
		attrs = append(attrs, "en", at)
	}
	f.log.Log(context.Background(), level, "Fyne: "+f.what, attrs...)
	f.what, f.cause = "", ""
}
