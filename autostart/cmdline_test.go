package autostart

import (
	"slices"
	"strings"
	"testing"
)

func TestWindowsCommandLineQuotesTheProgramAndEscapesArguments(t *testing.T) {
	got := windowsCommandLine(`C:\Program Files\Vigía\vigia.exe`, []string{"--minimizado"})
	if want := `"C:\Program Files\Vigía\vigia.exe" --minimizado`; got != want {
		t.Errorf("command line %s, want %s", got, want)
	}
}

func TestWindowsCommandLineRoundTripsThroughCommandLineToArgv(t *testing.T) {
	exe := `C:\Users\Ana María\AppData\Local\Vigia\vigia.exe`
	args := []string{"", "simple", "con espacio", `C:\ruta\`, `C:\ruta con espacio\`, `di "hola"`, `a\"b`,
		`\\servidor\carpeta`, "tab\tulado", `termina\\`, `"`}
	got := splitWindowsCommandLine(windowsCommandLine(exe, args))
	if want := append([]string{exe}, args...); !slices.Equal(got, want) {
		t.Errorf("parsed %q\nwant   %q", got, want)
	}
}

// splitWindowsCommandLine follows CommandLineToArgvW: the program is read up
// to the next quote or blank without escapes; in arguments 2n backslashes and
// a quote are n backslashes and a quote mark toggle, 2n+1 are n and a literal
// quote, and other backslashes are literal.
func splitWindowsCommandLine(s string) []string {
	var args []string
	i := 0
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexByte(s[1:], '"')
		args = append(args, s[1:1+end])
		i = end + 2
	} else {
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			return []string{s}
		}
		args = append(args, s[:end])
		i = end
	}
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			return args
		}
		var arg strings.Builder
		quoted := false
		for ; i < len(s); i++ {
			c := s[i]
			if !quoted && (c == ' ' || c == '\t') {
				break
			}
			if c == '\\' {
				n := 0
				for i < len(s) && s[i] == '\\' {
					n++
					i++
				}
				if i < len(s) && s[i] == '"' {
					arg.WriteString(strings.Repeat(`\`, n/2))
					if n%2 == 1 {
						arg.WriteByte('"')
						continue
					}
					quoted = !quoted
					continue
				}
				arg.WriteString(strings.Repeat(`\`, n))
				i--
				continue
			}
			if c == '"' {
				quoted = !quoted
				continue
			}
			arg.WriteByte(c)
		}
		args = append(args, arg.String())
	}
}
