package storagetest_test

import (
	"context"
	"path/filepath"
	"testing"

	"vigia/storage"
	"vigia/storage/storagetest"
)

func TestOpenGivesAWorkingStoreInItsOwnDirectory(t *testing.T) {
	// given two stores opened by one test
	a := storagetest.Open(t, storage.Open)
	b := storagetest.Open(t, storage.Open, storage.WithReadConns(1))

	// when one of them is written
	if err := a.SetSetting(context.Background(), "zona_horaria", "Europe/Madrid"); err != nil {
		t.Fatal(err)
	}

	// then the other, a database of its own, does not see it
	if v, err := b.Setting(context.Background(), "zona_horaria"); err != nil || v != "" {
		t.Errorf("second store reads %q, %v", v, err)
	}
}

// closer records whether it was closed, and fails to when told.
type closer struct {
	closed bool
	err    error
}

func (c *closer) Close() error { c.closed = true; return c.err }

func TestOpenAtClosesTheStoreWhenTheTestEnds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "otro.db")
	var got *closer
	var gotPath string
	t.Run("inner", func(t *testing.T) {
		got = storagetest.OpenAt(t, path, func(_ context.Context, p string, _ ...int) (*closer, error) {
			gotPath = p
			return &closer{}, nil
		})
		if got.closed {
			t.Error("closed before the test ended")
		}
	})
	if !got.closed || gotPath != path {
		t.Errorf("closed %v, opened %q, want %q", got.closed, gotPath, path)
	}
}
