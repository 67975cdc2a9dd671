// Package earlyenv fixes, before Fyne's packages initialise, the one
// environment value Fyne misreads: the C locale with a charset.
//
// Fyne reads the locale while its package fyne.io/fyne/v2/lang initialises,
// before main runs. It takes LANG=C.UTF-8 (the default of containers, minimal
// installs and many root shells) for a language tag "C", which is not one,
// and logs «Fyne error: Error parsing user locale C» on every start
// (fyne-io/fyne#5271). This package sets LANGUAGE=C in that case: to every
// program that reads it, that means the same as the C locale (untranslated
// messages), and Fyne then reads no language at all, as with LANG=C. The
// charset (LC_CTYPE) is untouched.
//
// It is a module of its own only for its import path: Go initialises
// packages in import-path order among those whose imports are ready
// (The Go Programming Language Specification, «Package initialization»), and
// this path sorts before fyne.io/..., while every package of the module vigia
// sorts after it. The .invalid domain says it is never downloaded: go.mod
// replaces it with this folder.
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
