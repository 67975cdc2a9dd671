// Package storagetest holds the test helpers for real stores: open a fresh
// SQLite database in t.TempDir() or create a fresh PostgreSQL database on the
// test server (VIGIA_TEST_DATABASE_URL), close and drop them when the test
// ends, and run one contract test body on every backend. It takes storage.Open
// and storage.OpenPostgres as arguments instead of importing storage, so that
// storage's own internal tests can use it too.
package storagetest
