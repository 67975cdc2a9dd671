package earlyenv

import (
	"os"
	"runtime"
	"strings"
)

func init() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return // their locale APIs name locales in a form Fyne understands
	}
	if CLocaleWithCharset(os.Getenv) {
		os.Setenv("LANGUAGE", "C")
	}
}

// CLocaleWithCharset reports whether the messages locale, as gettext and
// Fyne read it (the first of LC_ALL, LC_MESSAGES and LANG that is set), is
// the C locale with a charset, and LANGUAGE does not already override it.
func CLocaleWithCharset(getenv func(string) string) bool {
	if getenv("LANGUAGE") != "" {
		return false
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		base, charset, _ := strings.Cut(v, ".")
		return charset != "" && (base == "C" || base == "POSIX")
	}
	return false
}
