package app

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestDecodeTextReadsWhatExcelWrites(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF-8 with a BOM", []byte("\xEF\xBB\xBFempresa;título\n"), "empresa;título\n"},
		{"UTF-8 without a BOM", []byte("Ñandú;€50\n"), "Ñandú;€50\n"},
		// "é" in UTF-8 is C3 A9, which Windows-1252 would read as "Ã©":
		// valid UTF-8 is taken as UTF-8.
		{"UTF-8 that is also Windows-1252", []byte("Panader\xC3\xADa"), "Panadería"},
		{"Windows-1252 Latin-1 letters", []byte("Panader\xEDa \xD1and\xFA"), "Panadería Ñandú"},
		{"Windows-1252 signs of its own", []byte("\x80 \x93saldo\x94 \x96 \x85 \x99"), "€ “saldo” – … ™"},
		{"Windows-1252 unassigned byte", []byte("a\x81b\xE9"), "a\uFFFDbé"},
		{"Windows-1252 no-break space", []byte("La\xA0Espiga \xE1"), "La\u00A0Espiga á"},
		// A BOM whose file was then saved by a Windows-1252 tool: the BOM
		// does not make its bytes UTF-8.
		{"a BOM before Windows-1252", []byte("\xEF\xBB\xBFempresa\nPanader\xEDa\n"), "empresa\nPanadería\n"},
		{"empty", nil, ""},
		{"only a BOM", []byte("\xEF\xBB\xBF"), ""},
	} {
		got, err := decodeText(c.in)
		if err != nil || got != c.want {
			t.Errorf("%s: decodeText(%q) = %q, %v, want %q", c.name, c.in, got, err, c.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("%s: %q is not UTF-8", c.name, got)
		}
	}
}

func TestDecodeTextRefusesAFileOfBothEncodingsNamingTheLine(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		line int
	}{
		{"a BOM, UTF-8 then Windows-1252", []byte("\xEF\xBB\xBFempresa\nÑandú\nPanader\xEDa\n"), 3},
		{"no BOM, Windows-1252 first", []byte("empresa\r\nPanader\xEDa\r\nÑandú\r\n"), 2},
		{"lines ended by a lone CR", []byte("empresa\rÑandú\r\rPanader\xEDa\r"), 4},
	} {
		_, err := decodeText(c.in)
		want := Invalid(FieldImportFile, CodeImportMixedEncoding, Args{"Line": c.line})
		if !reflect.DeepEqual(err, want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, want)
		}
	}
}
