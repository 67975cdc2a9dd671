package app

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// utf8BOM starts files that Excel saves as "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText reads a text file as Excel writes it: UTF-8 with or without a
// BOM, or Windows-1252 (what "CSV" means in Excel on a Spanish Windows) when
// the bytes are not valid UTF-8. A BOM says UTF-8 whatever follows it. The
// five bytes Windows-1252 leaves unassigned read as U+FFFD.
func decodeText(b []byte) string {
	if rest, ok := bytes.CutPrefix(b, utf8BOM); ok {
		return string(rest)
	}
	if utf8.Valid(b) {
		return string(b)
	}
	// Windows-1252 maps every byte, so decoding cannot fail.
	text, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(text)
}
