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
