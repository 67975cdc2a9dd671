package app

import "testing"

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
		{"empty", nil, ""},
		{"only a BOM", []byte("\xEF\xBB\xBF"), ""},
	} {
		if got := decodeText(c.in); got != c.want {
			t.Errorf("%s: decodeText(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}
