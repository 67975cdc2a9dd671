package app

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// utf8BOM starts files that Excel saves as "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText reads a text file as Excel writes it: UTF-8 with or without a
// BOM, or Windows-1252 (what "CSV" means in Excel on a Spanish Windows) when
// the bytes are not valid UTF-8.
func decodeText(b []byte) string {
	if rest, ok := bytes.CutPrefix(b, utf8BOM); ok {
		return string(rest)
	}
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(cp1252[c-0x80])
		default: // 0xA0-0xFF are Latin-1, the same code points
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

// cp1252 maps Windows-1252's 0x80-0x9F; the five unassigned bytes keep their
// C1 code points, as Windows itself does.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}
