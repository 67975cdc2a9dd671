package fynelog

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// Fyne's three-line errors become one line of Vigía's log; its harmless
// preferences reload is debug; anything else Fyne prints is a warning.
func TestFyneLogBecomesOneRecordPerError(t *testing.T) {
	var out strings.Builder
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	f := New(slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: noTime})))
	write := func(s string) { fmt.Fprint(f, s) }

	write("Fyne error:  Failed to send message to bus\n")
	write("  Cause: The name org.freedesktop.Notifications was not provided\n")
	write("  At: /x/app_xdg.go:83\n")
	write("Fyne error:  Preferences load error:\n  Cause: EOF\n  At: /x/preferences.go:103\n") // debug: not shown at info
	write("*** Error in Fyne call")                                                            // a line in two writes
	write(" thread ***\n")

	want := `level=WARN msg="Fyne: Failed to send message to bus" causa="The name org.freedesktop.Notifications was not provided" en=/x/app_xdg.go:83` + "\n" +
		`level=WARN msg="Fyne: *** Error in Fyne call thread ***"` + "\n"
	if got := out.String(); got != want {
		t.Errorf("log:\n%s\nwant:\n%s", got, want)
	}
}
