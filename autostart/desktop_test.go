package autostart

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDesktopExecQuotesEveryArgumentAsTheSpecSays(t *testing.T) {
	cases := []struct {
		name string
		exe  string
		args []string
		want string
	}{
		{"plain", "/usr/bin/vigia", nil, `"/usr/bin/vigia"`},
		{"spaces", "/opt/Mis Programas/vigia", []string{"--minimizado"}, `"/opt/Mis Programas/vigia" "--minimizado"`},
		// the spec's own examples: a literal backslash is four, a dollar sign \\$
		{"backslash", "/opt/vigia", []string{`a\b`}, `"/opt/vigia" "a\\\\b"`},
		{"dollar", "/opt/vigia", []string{"$HOME"}, `"/opt/vigia" "\\$HOME"`},
		{"quote and backtick", "/opt/vigia", []string{"di \"hola\" `ya`"}, `"/opt/vigia" "di \\"hola\\" \\` + "`ya\\\\`" + `"`},
		{"percent", "/opt/vigia", []string{"100%"}, `"/opt/vigia" "100%%"`},
		{"empty argument", "/opt/vigia", []string{""}, `"/opt/vigia" ""`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := desktopExec(c.exe, c.args); got != c.want {
				t.Errorf("desktopExec = %s\nwant          %s", got, c.want)
			}
		})
	}
}

func TestDesktopExecRoundTripsThroughASpecParser(t *testing.T) {
	args := []string{"--addr", "127.0.0.1:5000", "", "con espacio", `c:\ruta\`, `"citado"`, "$VAR", "`cmd`",
		"50% de %f", "línea\nnueva", "tab\tulado", "Año ñandú", `\\`, "'simple'", "a;b|c&d>e<f~g*h?i#j(k)l"}
	exe := "/home/ana/Programas de Ana/vigía"
	got, err := parseExec(desktopExec(exe, args))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if want := append([]string{exe}, args...); !slices.Equal(got, want) {
		t.Errorf("parsed %q\nwant   %q", got, want)
	}
}

func TestDesktopEntryHasTheKeysOfAnAutostartEntry(t *testing.T) {
	entry := string(desktopEntry("/opt/vigia/vigia", []string{"--minimizado"}))
	for _, line := range []string{
		"[Desktop Entry]",
		"Type=Application",
		"Name=Vigía",
		"TryExec=/opt/vigia/vigia",
		`Exec="/opt/vigia/vigia" "--minimizado"`,
		"Icon=Vigía",
		"Terminal=false",
		"X-GNOME-Autostart-enabled=true",
	} {
		if !slices.Contains(strings.Split(entry, "\n"), line) {
			t.Errorf("entry lacks line %q:\n%s", line, entry)
		}
	}
	if !strings.HasPrefix(entry, "[Desktop Entry]\n") {
		t.Errorf("entry must start with its group:\n%s", entry)
	}
	if !desktopEntryActive([]byte(entry)) {
		t.Error("a fresh entry reads as disabled")
	}
}

func TestDesktopEntryActiveHonoursHiddenAndGnomeSwitch(t *testing.T) {
	cases := []struct {
		name  string
		entry string
		want  bool
	}{
		{"plain", "[Desktop Entry]\nExec=vigia\n", true},
		{"gnome enabled", "[Desktop Entry]\nX-GNOME-Autostart-enabled=true\n", true},
		{"gnome disabled", "[Desktop Entry]\nX-GNOME-Autostart-enabled=false\n", false},
		{"gnome disabled with spaces", "[Desktop Entry]\nX-GNOME-Autostart-enabled = false\n", false},
		{"hidden", "# comentario\n[Desktop Entry]\nHidden=true\n", false},
		{"hidden false", "[Desktop Entry]\nHidden=false\n", true},
		{"key in another group", "[Desktop Entry]\nExec=vigia\n[Desktop Action x]\nHidden=true\n", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := desktopEntryActive([]byte(c.entry)); got != c.want {
				t.Errorf("desktopEntryActive = %v, want %v", got, c.want)
			}
		})
	}
}

// parseExec reads an Exec value as a launcher does: the string escapes
// first, then the quoting rules and %%.
func parseExec(value string) ([]string, error) {
	var s strings.Builder
	for i := 0; i < len(value); i++ {
		if value[i] != '\\' {
			s.WriteByte(value[i])
			continue
		}
		i++
		if i == len(value) {
			return nil, errors.New("string escape at the end")
		}
		switch value[i] {
		case 's':
			s.WriteByte(' ')
		case 'n':
			s.WriteByte('\n')
		case 't':
			s.WriteByte('\t')
		case 'r':
			s.WriteByte('\r')
		case '\\':
			s.WriteByte('\\')
		default:
			return nil, errors.New("unknown string escape")
		}
	}
	line := s.String()
	var args []string
	for i := 0; i < len(line); {
		if line[i] == ' ' {
			i++
			continue
		}
		if line[i] != '"' {
			return nil, errors.New("every argument must be quoted")
		}
		var arg strings.Builder
		for i++; ; i++ {
			if i == len(line) {
				return nil, errors.New("unterminated quote")
			}
			c := line[i]
			if c == '"' {
				i++
				break
			}
			if c == '\\' {
				i++
				if i == len(line) || !strings.ContainsRune("\"`$\\", rune(line[i])) {
					return nil, errors.New("bad escape inside quotes")
				}
				c = line[i]
			} else if c == '%' {
				i++
				if i == len(line) || line[i] != '%' {
					return nil, errors.New("field code in a literal argument")
				}
			}
			arg.WriteByte(c)
		}
		args = append(args, arg.String())
	}
	return args, nil
}
