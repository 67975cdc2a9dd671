package app

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What keeps text from being stored as the user sees it. A name or a title
// is one line of visible characters: a line break in it would forge lines
// in the console and the log, a control character (ESC) would drive the
// terminal, a bidirectional override would show it in another order than it
// is stored, an invisible character would make two names that read alike
// different. A text of several lines (a description, a detail, a note) may
// hold line breaks and tabs, nothing else of the kind.
const (
	CodeTextLineBreak Code = "texto.salto_linea"
	CodeTextInvisible Code = "texto.invisible" // Char: the character as U+XXXX (a byte that is not UTF-8 as 0xXX)
	// CodeImportCellText is a bad cell of an import file: Column, Problem
	// (one of the above).
	CodeImportCellText Code = "importar.celda.texto"
)

// textProblem is what keeps s from being stored: nil when nothing does.
// multiline admits line feeds, carriage returns and tabs.
func textProblem(s string, multiline bool) *Message {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				m := Msg(CodeTextInvisible, Args{"Char": fmt.Sprintf("0x%02X", s[i])})
				return &m
			}
		}
		switch {
		case multiline && (r == '\n' || r == '\r' || r == '\t'):
		case isLineBreak(r):
			m := Msg(CodeTextLineBreak, nil)
			return &m
		case Unprintable(r):
			m := Msg(CodeTextInvisible, Args{"Char": fmt.Sprintf("U+%04X", r)})
			return &m
		}
	}
	return nil
}

// checkLine refuses field when value is not one line of visible text.
func checkLine(errs fieldErrors, field, value string) {
	if m := textProblem(value, false); m != nil {
		errs.add(field, m.Code, m.Args)
	}
}

// checkText refuses field when value holds what no text may hold, and
// returns it with its line breaks as line feeds (a CR LF or a lone CR of
// another system reads as one line break).
func checkText(errs fieldErrors, field, value string) string {
	if m := textProblem(value, true); m != nil {
		errs.add(field, m.Code, m.Args)
	}
	return normalizeBreaks(value)
}

// cellProblem is what keeps the cell of column from being stored, naming
// the column; nil when nothing does.
func cellProblem(column, value string, multiline bool) *Message {
	p := textProblem(value, multiline)
	if p == nil {
		return nil
	}
	m := Msg(CodeImportCellText, Args{"Column": column, "Problem": *p})
	return &m
}

// normalizeBreaks turns CR LF and a lone CR into LF.
func normalizeBreaks(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// Unprintable reports whether r may not be shown as it is: a control
// character (C0, DEL, C1), a line or paragraph separator, or a format
// character (bidirectional marks, embeddings, overrides and isolates,
// zero-width spaces, the soft hyphen, tags), except the zero-width joiner
// and non-joiner that emoji and some scripts need. It is the one rule both
// for what text may hold and for what the console escapes.
func Unprintable(r rune) bool {
	switch {
	case r == 0x200C || r == 0x200D:
		return false
	case unicode.IsControl(r), r == 0x2028, r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// EscapeUnprintable is s with every unprintable character (Unprintable)
// written as a Go escape (\n, \x1b, \u202e) and every byte that is not
// UTF-8 as \xNN: printed on a terminal or in a log line, it stays on its
// line, drives nothing and reads in the order it is stored.
func EscapeUnprintable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || Unprintable(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !Unprintable(r):
			b.WriteRune(r)
		default:
			b.WriteString(escapeRune(r))
		}
	}
	return b.String()
}

func escapeRune(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	}
	switch {
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xFFFF:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}
