package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// dotenvLine is how parseDotenv names the line it refuses.
var dotenvLine = regexp.MustCompile(`^línea ([1-9][0-9]*)`)

// FuzzParseDotenv reads any file: it never panics; a refusal names a line of
// the file; the file with CR line endings reads the same; and what it
// reads, written back with double quotes (quoteDotenv), reads the same.
func FuzzParseDotenv(f *testing.F) {
	for _, s := range []string{
		"SMTP_USER=tu_email@gmail.com\nSMTP_PASSWORD=tu_app_password\n",
		"# comentario\n\nexport EMAIL_DESTINATARIOS=admin@ejemplo.com,gerente@ejemplo.com\n",
		"DB_PATH = data/facturacion.db   # relativa\r\nVIGIA_TZ=America/Bogota\r\n",
		"SINGLE='con # y \\n literales'\nDOUBLE=\"línea 1\\nlínea \\\"2\\\"\"\n",
		"\ufeffSMTP_HOST=smtp.gmail.com\n", "EMPTY=\nHASH=abc#def\n", "A=\"x\\\\\"\n", "A=\"x\\\"\n",
		"SOLO_NOMBRE\n", "1ABC=2\n", "B=\"abierta\n", "B='x' y\n", "A='\n", "A=\"\\", "=1\n", "export\n",
		"SMTP_PASSWORD=\"pa$$w0rd con espacios\"   # la de aplicación\n", "A=1\rB=2\r", "A=1\r\r\nB=\"x\r", "A=" + strings.Repeat("x", 70000) + "\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, file string) {
		vars, err := parseDotenv(strings.NewReader(file))
		if !strings.Contains(file, "\r") {
			mac := strings.ReplaceAll(file, "\n", "\r")
			varsCR, errCR := parseDotenv(strings.NewReader(mac))
			if !maps.Equal(varsCR, vars) || fmt.Sprint(errCR) != fmt.Sprint(err) {
				t.Fatalf("parseDotenv(%q) = %q, %v; with CR line endings %q, %v", file, vars, err, varsCR, errCR)
			}
		}
		if err != nil {
			m := dotenvLine.FindStringSubmatch(err.Error())
			if m == nil {
				t.Fatalf("parseDotenv(%q): %v names no line", file, err)
			}
			if n, _ := strconv.Atoi(m[1]); n > lineCount(file) {
				t.Fatalf("parseDotenv(%q) refused line %d of a file of %d lines: %v", file, n, lineCount(file), err)
			}
			return
		}
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(vars)) {
			b.WriteString(k + "=" + quoteDotenv(vars[k]) + "\n")
		}
		again, err := parseDotenv(strings.NewReader(b.String()))
		if err != nil || !maps.Equal(again, vars) {
			t.Fatalf("parseDotenv(%q) = %q; written back as\n%s\nit reads %q, %v", file, vars, b.String(), again, err)
		}
	})
}

// FuzzDotenvQuoting writes any value as a person would by each quoting rule
// that can hold it, among other lines, and reads it back: double quotes with
// \\, \" and \n escaped hold anything but a CR; single quotes anything without a
// quote or line break; no quotes a value that does not start with a quote,
// has no line break, no " #" and no blank at either end (and, when it starts
// with "#", right after the "=").
func FuzzDotenvQuoting(f *testing.F) {
	for _, s := range []string{
		"tu_app_password", "pa$$w0rd con espacios", "con # y \\n literales", "línea 1\nlínea \"2\"", "",
		"abc#def", " espacios ", "'simple'", "\"doble\"", "\\", "a\\nb", "a\r\nb", "\t", "ñandú ☂", "x #y", "a=b=c",
		"\ufeff", "\u00a0nbsp\u00a0", "\x00", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		rules := map[string]string{}
		if !strings.Contains(value, "\r") { // a CR ends a line, and has no escape
			rules["double"] = quoteDotenv(value)
		}
		if !strings.ContainsAny(value, "'\n\r") {
			rules["single"] = "'" + value + "'"
		}
		if plainDotenv(value) {
			rules["plain"] = value
		}
		for rule, written := range rules {
			lines := []string{"CLAVE=" + written, "  CLAVE=" + written + "\t"}
			if rule != "plain" || !strings.HasPrefix(value, "#") { // "A= #x" is a comment
				lines = append(lines, "export CLAVE = "+written+"   # comentario")
			}
			for _, line := range lines {
				file := "# Vigía\nANTES=1\r\n" + line + "\r\nDESPUES='2'\n"
				vars, err := parseDotenv(strings.NewReader(file))
				if err != nil || vars["CLAVE"] != value || vars["ANTES"] != "1" || vars["DESPUES"] != "2" {
					t.Fatalf("%s quotes %q as %q; the line %q reads %q (%q), %v", rule, value, written, line, vars["CLAVE"], vars, err)
				}
			}
		}
	})
}

// quoteDotenv writes v in double quotes, escaping what parseDotenv unescapes.
func quoteDotenv(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}

// plainDotenv says v can be written without quotes.
func plainDotenv(v string) bool {
	if v == "" {
		return true
	}
	first, last := []rune(v)[0], []rune(v)[len([]rune(v))-1]
	return !strings.ContainsAny(v, "\n\r") && !strings.Contains(v, " #") &&
		v[0] != '\'' && v[0] != '"' && !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

// lineCount counts lines as parseDotenv ends them: LF, CR LF, lone CR.
func lineCount(s string) int {
	return strings.Count(strings.ReplaceAll(s, "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(s, "\r\n", ""), "\r") + 1
}
