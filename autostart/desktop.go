package autostart

import (
	"bufio"
	"bytes"
	"strings"
)

// desktopEntry is the XDG autostart entry that starts exe with args
// (Desktop Entry Specification 1.5). Icon names the icon `fyne package`
// installs for Vigía; TryExec makes session managers skip the entry once the
// program is gone instead of failing at every login.
func desktopEntry(exe string, args []string) []byte {
	var b strings.Builder
	b.WriteString("[Desktop Entry]\n")
	b.WriteString("Type=Application\n")
	b.WriteString("Version=1.5\n")
	b.WriteString("Name=" + displayName + "\n")
	b.WriteString("Comment=Envía por correo los resúmenes programados de alertas\n")
	b.WriteString("TryExec=" + escapeDesktopString(exe) + "\n")
	b.WriteString("Exec=" + desktopExec(exe, args) + "\n")
	b.WriteString("Icon=" + displayName + "\n")
	b.WriteString("Terminal=false\n")
	b.WriteString("X-GNOME-Autostart-enabled=true\n")
	return []byte(b.String())
}

// desktopExec is the value of the Exec key: every argument quoted, then the
// whole value escaped as a string (the spec applies the string escapes before
// the quoting rules, so a literal backslash is written as four).
func desktopExec(exe string, args []string) string {
	parts := make([]string, 0, 1+len(args))
	parts = append(parts, quoteExecArg(exe))
	for _, a := range args {
		parts = append(parts, quoteExecArg(a))
	}
	return escapeDesktopString(strings.Join(parts, " "))
}

// quoteExecArg double-quotes one argument of Exec. Inside the quotes the
// spec reserves ", `, $ and \ (escaped with a backslash); % starts a field
// code anywhere, so a literal one is doubled.
func quoteExecArg(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '`', '$', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '%':
			b.WriteString("%%")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escapeDesktopString applies the escapes of the spec's string values.
func escapeDesktopString(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == ' ' && i == 0:
			b.WriteString(`\s`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// desktopEntryActive reports whether an autostart entry starts its program:
// the XDG autostart spec disables it with Hidden=true, and GNOME's startup
// applications settings with X-GNOME-Autostart-enabled=false.
func desktopEntryActive(data []byte) bool {
	inMain := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "["):
			inMain = line == "[Desktop Entry]"
			continue
		case !inMain:
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch {
		case key == "Hidden" && value == "true":
			return false
		case key == "X-GNOME-Autostart-enabled" && value == "false":
			return false
		}
	}
	return true
}
