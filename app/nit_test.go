package app_test

import (
	"testing"

	"vigia/app"
)

func TestNITCheckDigitFollowsDIAN(t *testing.T) {
	for base, want := range map[string]int{
		"900123456": 8, // the example of the docs
		"800197268": 4, // DIAN itself
		"890900608": 9, // Almacenes Éxito
		"860002964": 4,
		"900000009": 0, // remainder 0: the digit is 0
		"900000002": 1, // remainder 1: the digit is 1
		"12345":     8, // 5·3+4·7+3·13+2·17+1·19 = 135, 135 mod 11 = 3, 11-3 = 8
	} {
		if got := app.NITCheckDigit(base); got != want {
			t.Errorf("NITCheckDigit(%s) = %d, want %d", base, got, want)
		}
	}
}

func TestNormalizeNIT(t *testing.T) {
	cases := []struct {
		in, want string
		code     app.Code // the problem, when invalid
		args     app.Args // some of its arguments
	}{
		{in: "900.123.456-8", want: "900123456-8"},
		{in: "900123456-8", want: "900123456-8"},
		{in: " 900 123 456 - 8 ", want: "900123456-8"},
		{in: "900,123,456-8", want: "900123456-8"},
		{in: "900.123.456-7", code: app.CodeNITCheckDigitWrong, args: app.Args{"Base": "900123456", "Want": 8, "Got": "7"}},
		// without a hyphen: the NIT without its check digit, which is computed
		{in: "900123456", want: "900123456-8"},
		{in: "900.123.456", want: "900123456-8"},
		{in: " 800 197 268 ", want: "800197268-4"},
		{in: "52123456", want: "52123456-2"},
		{in: "12345", want: "12345-8"},
		{in: "1020456789", want: "1020456789-3"}, // 10 digits, 9 is not the check digit of 102045678: a cédula
		{in: "1234567890", want: "1234567890-2"},
		{in: "12345678901", want: "12345678901-2"},
		// 10 digits or more whose last is the check digit of the others: two readings, refused
		{in: "9001234568", code: app.CodeNITAmbiguous, args: app.Args{"Value": "9001234568", "Glued": "900123456-8", "Whole": "9001234568-8"}},
		{in: "900.123.456.8", code: app.CodeNITAmbiguous, args: app.Args{"Glued": "900123456-8"}},
		{in: "900123456 8", code: app.CodeNITAmbiguous, args: app.Args{"Glued": "900123456-8"}},
		{in: "1020456787", code: app.CodeNITAmbiguous, args: app.Args{"Glued": "102045678-7", "Whole": "1020456787-9"}},
		{in: "10204567893", code: app.CodeNITAmbiguous, args: app.Args{"Glued": "1020456789-3"}},
		// with the hyphen, the reading is the writer's
		{in: "900123456-8", want: "900123456-8"},
		{in: "9001234568-8", want: "9001234568-8"},
		{in: "1234", code: app.CodeNITLength},
		{in: "1234567890123456", code: app.CodeNITLength},
		{in: "900123456-18", code: app.CodeNITCheckDigitLength, args: app.Args{"Want": 8}},
		{in: "900-123-456", code: app.CodeNITCharacters},
		{in: "NIT 900123456-8", code: app.CodeNITCharacters, args: app.Args{"Value": "NIT 900123456-8"}},
		{in: "1234-1", code: app.CodeNITLength, args: app.Args{"Min": 5, "Max": 15}},
		{in: "1234567890123456-1", code: app.CodeNITLength},
		{in: "-8", code: app.CodeNITCharacters},
	}
	for _, c := range cases {
		got, problem := app.NormalizeNIT(c.in)
		switch {
		case c.code == "" && (got != c.want || problem != nil):
			t.Errorf("NormalizeNIT(%q) = %q, %v; want %q", c.in, got, problem, c.want)
		case c.code != "" && (got != "" || problem == nil || problem.Code != c.code):
			t.Errorf("NormalizeNIT(%q) = %q, %v; want %s", c.in, got, problem, c.code)
		case c.code != "":
			for k, v := range c.args {
				if problem.Args[k] != v {
					t.Errorf("NormalizeNIT(%q) %s = %v, want %v", c.in, k, problem.Args[k], v)
				}
			}
		}
	}
}
