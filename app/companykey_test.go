package app_test

import (
	"testing"

	"vigia/app"
)

// The company key decides which names are one company, in the store's UNIQUE
// column and in the import's matching; a change here splits or merges the
// companies of existing databases, so its meaning is pinned.
func TestCompanyKeyFoldsCaseAndBlanksButNotAccents(t *testing.T) {
	same := [][2]string{
		{"Panadería La Espiga", "PANADERÍA LA ESPIGA"},  // case, accented letters too
		{"Ferretería Ñandú", "ferretería ñandú"},        // Ñ and Ú beyond ASCII
		{"Σοφία Ltda", "ΣΟΦΊΑ LTDA"},                    // any script, not only Latin
		{"  La   Espiga\t S.A.S. ", "la espiga s.a.s."}, // runs of blanks, tabs, ends
		{"La\u00a0Espiga", "la espiga"},                 // a no-break space from Excel
		{"Café\nDel Parque", "café del parque"},         // a line break inside a cell
	}
	for _, p := range same {
		if a, b := app.CompanyKey(p[0]), app.CompanyKey(p[1]); a != b {
			t.Errorf("CompanyKey(%q) = %q, CompanyKey(%q) = %q: want one company", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"Panadería La Espiga", "Panaderia La Espiga"}, // accents count
		{"Ñandú", "Nandu"},
		{"La Espiga", "LaEspiga"},             // a blank between words counts
		{"La Espiga S.A.S.", "La Espiga SAS"}, // punctuation counts
	}
	for _, p := range different {
		if a, b := app.CompanyKey(p[0]), app.CompanyKey(p[1]); a == b {
			t.Errorf("CompanyKey(%q) = CompanyKey(%q) = %q: want two companies", p[0], p[1], a)
		}
	}
	if got := app.CompanyKey("  PANADERÍA   la Espiga "); got != "panadería la espiga" {
		t.Errorf("CompanyKey = %q, want the lower-case name with single spaces", got)
	}
}
