package app_test

import (
	"testing"

	"vigia/storage"
	"vigia/storage/storagetest"
)

// backend is a database the benchmarks that go through storage run on.
type backend = storagetest.Backend[*storage.Store, storage.Option]

// benchBackends: SQLite, and PostgreSQL on a fresh database of
// VIGIA_TEST_DATABASE_URL's server (skipped without it), so that
// PostgreSQL's figures come beside SQLite's (docs/PERFORMANCE.md).
var benchBackends = []backend{storagetest.SQLite(storage.Open), storagetest.PostgreSQL(storage.OpenPostgres)}

// onEachBackend runs bench once per backend, as sub-benchmarks sqlite and postgres.
func onEachBackend(b *testing.B, bench func(b *testing.B, be backend)) {
	for _, be := range benchBackends {
		b.Run(be.Name, func(b *testing.B) { bench(b, be) })
	}
}
