package autostart

import "strings"

// windowsCommandLine is the command line of the Run value: the program in
// quotes (Windows reads the first token up to the next quote, without
// escapes, and a path cannot contain one) and each argument escaped for
// CommandLineToArgvW.
func windowsCommandLine(exe string, args []string) string {
	var b strings.Builder
	b.WriteString(`"` + exe + `"`)
	for _, a := range args {
		b.WriteByte(' ')
		b.WriteString(escapeWindowsArg(a))
	}
	return b.String()
}

// escapeWindowsArg quotes an argument that is empty or has blanks or quotes:
// inside the quotes, backslashes are doubled where they precede a quote (an
// escaped one or the closing one).
func escapeWindowsArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\v\"") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			slashes++
		case '"':
			b.WriteString(strings.Repeat(`\`, slashes+1))
			slashes = 0
		default:
			slashes = 0
		}
		b.WriteByte(c)
	}
	b.WriteString(strings.Repeat(`\`, slashes))
	b.WriteByte('"')
	return b.String()
}
