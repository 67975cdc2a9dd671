package app_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"vigia/app"
)

// normalNIT is NormalizeNIT's output: the base's 5 to 15 digits, a hyphen, the check digit.
var normalNIT = regexp.MustCompile(`^([0-9]{5,15})-([0-9])$`)

// FuzzNormalizeNIT checks NormalizeNIT on anything typed: either a problem
// and no NIT, or a NIT in the one normal form whose check digit is DIAN's;
// the NIT keeps the digits typed, in order (the check digit may be computed);
// and normalising it again gives it back unchanged.
func FuzzNormalizeNIT(f *testing.F) {
	for _, s := range []string{
		"900.123.456-8", "900123456-8", " 900 123 456 - 8 ", "900,123,456-8", "900123456", "900.123.456",
		"9001234568", "900123456-7", "900123456-18", "1234", "12345", "1234567890123456", "900-123-456",
		"NIT 900123456-8", "900123456-", "-8", "", "９００１２３４５６-８", "900123456–8", "900\u00a0123\u00a0456-8",
		"000000000-0", "900123456-8\n", "1020456787", "123456789012345-1", "12.34.5-8",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		nit, problem := app.NormalizeNIT(raw)
		if problem != nil {
			if nit != "" || problem.Code == "" {
				t.Fatalf("NormalizeNIT(%q) = %q with problem %v: a refusal gives no NIT and names its problem", raw, nit, problem.Code)
			}
			return
		}
		m := normalNIT.FindStringSubmatch(nit)
		if m == nil {
			t.Fatalf("NormalizeNIT(%q) = %q, not BASE-DV", raw, nit)
		}
		if want := strconv.Itoa(app.NITCheckDigit(m[1])); m[2] != want {
			t.Fatalf("NormalizeNIT(%q) = %q: check digit %s, DIAN's is %s", raw, nit, m[2], want)
		}
		if typed := asciiDigits(raw); typed != m[1] && typed != m[1]+m[2] {
			t.Fatalf("NormalizeNIT(%q) = %q: the digits typed were %s", raw, nit, typed)
		}
		if again, problem := app.NormalizeNIT(nit); problem != nil || again != nit {
			t.Fatalf("NormalizeNIT(%q) = %q, %v; want it unchanged", nit, again, problem)
		}
	})
}

func asciiDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
