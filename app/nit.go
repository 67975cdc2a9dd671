package app

import (
	"fmt"
	"strings"
)

// What is wrong with a NIT.
const (
	CodeNITCharacters       Code = "nit.caracteres"
	CodeNITLength           Code = "nit.longitud"
	CodeNITAmbiguous        Code = "nit.ambiguo"
	CodeNITCheckDigitLength Code = "nit.dv.longitud"
	CodeNITCheckDigitWrong  Code = "nit.dv.incorrecto"
)

// NIT digits: a base of nitMinDigits to nitMaxDigits digits, then the check
// digit (dígito de verificación, DV) that DIAN computes from the base.
const (
	nitMinDigits = 5
	nitMaxDigits = 15
	// nitGluedFrom is the length from which a number written without a
	// hyphen may be a NIT with its check digit glued on: a company's NIT has
	// 9 digits, so 9001234568 may be 900123456-8, while a cédula (the NIT of
	// a person) may have 10 digits of its own.
	nitGluedFrom = 10
)

// nitWeights are DIAN's weights, applied from the rightmost digit of the base.
var nitWeights = [nitMaxDigits]int{3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71}

// NITCheckDigit is the DIAN check digit of base, a string of digits.
func NITCheckDigit(base string) int {
	sum := 0
	for i := 0; i < len(base) && i < nitMaxDigits; i++ {
		sum += int(base[len(base)-1-i]-'0') * nitWeights[i]
	}
	if r := sum % 11; r > 1 {
		return 11 - r
	}
	return sum % 11
}

// NormalizeNIT checks a Colombian NIT written as "900.123.456-8",
// "900123456-8" or "900 123 456 - 8" and returns it as "900123456-8". Without
// a hyphen the number is the NIT without its check digit, which is computed
// ("900123456" → "900123456-8"), except when it has nitGluedFrom digits or more
// and its last digit is the check digit of the others: then it reads two ways
// (900123456-8 or 9001234568-8) and is refused as ambiguous rather than
// guessed. problem says why it is invalid.
func NormalizeNIT(raw string) (nit string, problem *Message) {
	s := strings.TrimSpace(raw)
	base, dv, hasDV := strings.Cut(s, "-")
	base = strings.NewReplacer(".", "", " ", "", ",", "").Replace(base)
	dv = strings.TrimSpace(dv)
	if !digitsOnly(base) || (hasDV && !digitsOnly(dv)) {
		return "", &Message{Code: CodeNITCharacters, Args: Args{"Value": raw}}
	}
	if len(base) < nitMinDigits || len(base) > nitMaxDigits {
		return "", &Message{Code: CodeNITLength, Args: Args{"Value": raw, "Min": nitMinDigits, "Max": nitMaxDigits}}
	}
	want := NITCheckDigit(base)
	switch {
	case !hasDV:
		if glued, ok := gluedReading(base); ok {
			return "", &Message{Code: CodeNITAmbiguous, Args: Args{"Value": raw, "Glued": glued, "Whole": fmt.Sprintf("%s-%d", base, want)}}
		}
	case len(dv) != 1:
		return "", &Message{Code: CodeNITCheckDigitLength, Args: Args{"Value": raw, "Base": base, "Want": want}}
	case int(dv[0]-'0') != want:
		return "", &Message{Code: CodeNITCheckDigitWrong, Args: Args{"Base": base, "Want": want, "Got": dv}}
	}
	return fmt.Sprintf("%s-%d", base, want), nil
}

// gluedReading is digits read as a NIT with its check digit glued on
// ("9001234568" → "900123456-8"), when that reading holds: nitGluedFrom
// digits or more whose last is the check digit of the others.
func gluedReading(digits string) (string, bool) {
	if len(digits) < nitGluedFrom {
		return "", false
	}
	base, last := digits[:len(digits)-1], int(digits[len(digits)-1]-'0')
	if NITCheckDigit(base) != last {
		return "", false
	}
	return fmt.Sprintf("%s-%d", base, last), true
}

func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
