package storage

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The repositories write SQLite's SQL. For PostgreSQL each statement is
// rewritten once (rebind) and the result kept (rebinder):
//   - each ? placeholder becomes $1, $2… in order;
//   - SQLite's planner hints, which PostgreSQL has no words for, are
//     dropped: INDEXED BY name and NOT INDEXED (its planner chooses alone);
//   - COLLATE BINARY (byte order) becomes COLLATE "C", the same order.
//
// Text in quotes ('…', "…") and comments (-- to the end of the line, /* … */)
// is copied untouched: a ? or a keyword there is not SQL.

// rebind is q rewritten for PostgreSQL (see above).
func rebind(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := quotedEnd(q, i)
			b.WriteString(q[i:j])
			i = j
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			j := len(q)
			if k := strings.IndexByte(q[i:], '\n'); k >= 0 {
				j = i + k
			}
			b.WriteString(q[i:j])
			i = j
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			j := len(q)
			if k := strings.Index(q[i+2:], "*/"); k >= 0 {
				j = i + 2 + k + 2
			}
			b.WriteString(q[i:j])
			i = j
		case c == '?':
			n++
			b.WriteString("$" + strconv.Itoa(n))
			i++
		case isWordStart(c):
			i = rewriteWord(&b, q, i)
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// rewriteWord copies the word at q[i:], or its rewrite when it starts one of
// the hints above, and returns where the copy ended.
func rewriteWord(b *strings.Builder, q string, i int) int {
	end := wordEnd(q, i)
	word := q[i:end]
	next, nextEnd := nextWord(q, end)
	switch {
	case strings.EqualFold(word, "NOT") && strings.EqualFold(next, "INDEXED"):
		return nextEnd
	case strings.EqualFold(word, "INDEXED") && strings.EqualFold(next, "BY"):
		if _, nameEnd := nextWord(q, nextEnd); nameEnd > nextEnd {
			return nameEnd
		}
	case strings.EqualFold(word, "COLLATE") && strings.EqualFold(next, "BINARY"):
		b.WriteString(`COLLATE "C"`)
		return nextEnd
	}
	b.WriteString(word)
	return end
}

// nextWord is the word after the blanks from q[i:] and where it ends; ""
// when something else comes first.
func nextWord(q string, i int) (string, int) {
	j := i
	for j < len(q) && (q[j] == ' ' || q[j] == '\t' || q[j] == '\n' || q[j] == '\r') {
		j++
	}
	if j == len(q) || !isWordStart(q[j]) {
		return "", i
	}
	end := wordEnd(q, j)
	return q[j:end], end
}

func isWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func wordEnd(q string, i int) int {
	j := i + 1
	for j < len(q) && (isWordStart(q[j]) || q[j] >= '0' && q[j] <= '9' || q[j] == '$') {
		j++
	}
	return j
}

// quotedEnd is the index just past the quoted text that starts at q[i]
// (its quote doubled inside stands for itself); len(q) when unterminated.
func quotedEnd(q string, i int) int {
	quote := q[i]
	for j := i + 1; j < len(q); j++ {
		if q[j] != quote {
			continue
		}
		if j+1 < len(q) && q[j+1] == quote {
			j++
			continue
		}
		return j + 1
	}
	return len(q)
}

// maxRebound bounds the statements a rebinder keeps: the repositories'
// statements are a few hundred (multi-row writes in a few chunk sizes, IN
// lists by their length); a statement past the bound is rewritten each time.
const maxRebound = 4096

// rebinder keeps each statement's rewrite.
type rebinder struct {
	done sync.Map // query → rebind(query)
	size atomic.Int64
}

func (r *rebinder) rebind(q string) string {
	if out, ok := r.done.Load(q); ok {
		return out.(string)
	}
	out := rebind(q)
	if r.size.Load() < maxRebound {
		if _, loaded := r.done.LoadOrStore(q, out); !loaded {
			r.size.Add(1)
		}
	}
	return out
}

// pgArgs are args as PostgreSQL takes them: a Go bool is the integer 1 or
// 0, as SQLite stores it (the columns are integers on both). args is
// returned as is when it holds no bool.
func pgArgs(args []any) []any {
	for i, a := range args {
		if _, ok := a.(bool); !ok {
			continue
		}
		out := make([]any, len(args))
		copy(out, args)
		for j := i; j < len(out); j++ {
			if v, ok := out[j].(bool); ok {
				out[j] = boolInt(v)
			}
		}
		return out
	}
	return args
}

func boolInt(v bool) int64 {
	if v {
		return 1
	}
	return 0
}
