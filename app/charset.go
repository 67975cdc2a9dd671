package app

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// CodeImportMixedEncoding refuses a file that is partly UTF-8 and partly
// something else (a file saved as "CSV UTF-8" and then edited by a tool
// that wrote Windows-1252): Line is the first line with a byte that is not
// UTF-8. Read either way, some of its letters would be stored wrong.
const CodeImportMixedEncoding Code = "importar.archivo.codificacion"

// utf8BOM starts files that Excel saves as "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText reads a text file as Excel writes it: UTF-8 with or without a
// BOM, or Windows-1252 (what "CSV" means in Excel on a Spanish Windows) when
// no letter of it is UTF-8. A file with a BOM is checked like any other: the
// BOM promises UTF-8, a hand edit may have broken the promise. A file that
// mixes both is refused naming the first line that is not UTF-8: the text
// returned is always valid UTF-8. The five bytes Windows-1252 leaves
// unassigned read as U+FFFD.
func decodeText(b []byte) (string, error) {
	b, _ = bytes.CutPrefix(b, utf8BOM)
	if utf8.Valid(b) {
		return string(b), nil
	}
	if bad, mixed := utf8Mixed(b); mixed {
		return "", Invalid(FieldImportFile, CodeImportMixedEncoding, Args{"Line": lineAt(b, bad)})
	}
	// Windows-1252 maps every byte, so decoding cannot fail.
	text, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(text), nil
}

// utf8Mixed reports whether b, which is not valid UTF-8, still holds a
// character of several bytes in UTF-8, and where its first invalid byte is.
func utf8Mixed(b []byte) (firstBad int, mixed bool) {
	firstBad = -1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if firstBad < 0 {
				firstBad = i
			}
		} else {
			mixed = true
		}
		i += size
	}
	return firstBad, mixed
}

// lineAt is the line of b (from 1) that holds byte offset: LF, CR LF and a
// lone CR each end a line.
func lineAt(b []byte, offset int) int {
	line := 1
	for i := 0; i < offset; i++ {
		switch {
		case b[i] == '\n':
			line++
		case b[i] == '\r' && (i+1 >= len(b) || b[i+1] != '\n'):
			line++
		}
	}
	return line
}
