package storage

import (
	"context"
	"testing"

	"vigia/storage/storagetest"
)

// contractBackends are the databases the contract tests run on, each test
// body once per backend as subtests "sqlite" and "postgres", so that the two
// cannot drift. The postgres subtests skip without VIGIA_TEST_DATABASE_URL
// (and fail under VIGIA_CI=1).
var contractBackends = []storagetest.Backend[*Store, Option]{
	storagetest.SQLite(Open),
	storagetest.PostgreSQL(OpenPostgres),
}

// testDB is one backend's fresh database in a contract test.
type testDB = storagetest.DB[*Store, Option]

// eachBackend runs body on every contract backend.
func eachBackend(t *testing.T, body func(t *testing.T, db testDB)) {
	t.Helper()
	storagetest.Each(t, contractBackends, body)
}

// EachBackend and TestDB give the external tests (package storage_test) the
// same backends; they exist only in the test binary.
var EachBackend = eachBackend

// TestDB is testDB for the external tests.
type TestDB = testDB

// ExecSQL runs statement on the store's database as one write of its own,
// for tests that put the database in a state no method writes (a row as an
// older version wrote it, a rule that refuses a value). Its placeholders are
// ?, on every backend.
func (s *Store) ExecSQL(ctx context.Context, statement string, args ...any) error {
	return s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, statement, args...)
		return err
	})
}
