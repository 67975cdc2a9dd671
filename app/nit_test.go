package app_test

import (
	"strings"
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
		msg      string // a part of the error, when invalid
	}{
		{in: "900.123.456-8", want: "900123456-8"},
		{in: "900123456-8", want: "900123456-8"},
		{in: " 900 123 456 - 8 ", want: "900123456-8"},
		{in: "900,123,456-8", want: "900123456-8"},
		{in: "900.123.456-7", msg: "el dígito de verificación de 900123456 es 8"},
		{in: "900123456", msg: "para 900123456 es 8 (900123456-8)"},
		{in: "9001234568", msg: "Falta el dígito de verificación"},
		{in: "900123456-18", msg: "un solo dígito"},
		{in: "900-123-456", msg: "use solo dígitos"},
		{in: "NIT 900123456-8", msg: "use solo dígitos"},
		{in: "1234-1", msg: "entre 5 y 15 dígitos"},
		{in: "1234567890123456-1", msg: "entre 5 y 15 dígitos"},
		{in: "-8", msg: "use solo dígitos"},
	}
	for _, c := range cases {
		got, msg := app.NormalizeNIT(c.in)
		switch {
		case c.msg == "" && (got != c.want || msg != ""):
			t.Errorf("NormalizeNIT(%q) = %q, %q; want %q", c.in, got, msg, c.want)
		case c.msg != "" && (got != "" || !strings.Contains(msg, c.msg)):
			t.Errorf("NormalizeNIT(%q) = %q, %q; want an error containing %q", c.in, got, msg, c.msg)
		}
	}
}
