//go:build !nogui && cgo

package desktop

import (
	"slices"
	"testing"

	"vigia/internal/config"
)

func TestGivenFindsFlagsInEveryForm(t *testing.T) {
	args := []string{"--db", "x.db", "-addr=127.0.0.1:6000", "--demo"}
	for _, tt := range []struct {
		name string
		want bool
	}{{"db", true}, {"addr", true}, {"demo", true}, {"headless", false}, {"x.db", false}} {
		if got := given(args, tt.name); got != tt.want {
			t.Errorf("given(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAutostartArguments(t *testing.T) {
	// The arguments do not depend on where the binary lives: check them on
	// the program newAutostartEntry would register from a real install.
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"--bandeja"}},
		{[]string{"--db", "rel/vigia.db", "--demo"}, []string{"--bandeja", "--db=/datos/vigia.db"}},
		{[]string{"-addr=127.0.0.1:6000"}, []string{"--bandeja", "--addr=127.0.0.1:6000"}},
	} {
		got := autostartArgs(config.Config{DBPath: "/datos/vigia.db", Addr: "127.0.0.1:6000"}, tt.args)
		if !slices.Equal(got, tt.want) {
			t.Errorf("autostartArgs(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestAutostartNeverWritesAPostgreSQLURLWithItsPassword(t *testing.T) {
	// given: Vigía started on the office's PostgreSQL with --db
	url := "postgres://vigia:s3creta@oficina:5432/vigia"
	cfg := config.Config{DatabaseURL: url, Addr: "127.0.0.1:6000"}

	// when
	got := autostartArgs(cfg, []string{"--db", url, "--addr", "127.0.0.1:6000"})

	// then: the login item keeps the address, and finds the database in DATABASE_URL
	if want := []string{"--bandeja", "--addr=127.0.0.1:6000"}; !slices.Equal(got, want) {
		t.Errorf("autostartArgs = %q, want %q", got, want)
	}
}
