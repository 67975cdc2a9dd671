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

func TestEachRunsTheBodyOnEveryBackendOnAFreshDatabase(t *testing.T) {
	// given two backends that record what they open
	var opened []string
	open := func(_ context.Context, addr string, _ ...int) (*closer, error) {
		opened = append(opened, addr)
		return &closer{}, nil
	}
	fresh := 0
	backends := []storagetest.Backend[*closer, int]{
		storagetest.SQLite(open),
		{Name: "otro", Open: open, Fresh: func(testing.TB) string { fresh++; return "otro://db" }},
	}

	// when a body opens two stores on its database
	var ran []string
	storagetest.Each(t, backends, func(t *testing.T, db storagetest.DB[*closer, int]) {
		ran = append(ran, t.Name()+" "+db.Backend)
		db.Open(t)
		db.Open(t)
	})

	// then it ran once per backend as a subtest of that name, both stores on one fresh database
	want := []string{t.Name() + "/sqlite sqlite", t.Name() + "/otro otro"}
	if len(ran) != 2 || ran[0] != want[0] || ran[1] != want[1] || fresh != 1 {
		t.Fatalf("ran %q, want %q; fresh databases of otro: %d", ran, want, fresh)
	}
	if len(opened) != 4 || opened[0] != opened[1] || filepath.Base(opened[0]) != "vigia.db" || opened[2] != "otro://db" || opened[3] != opened[2] {
		t.Fatalf("opened %q", opened)
	}
}
