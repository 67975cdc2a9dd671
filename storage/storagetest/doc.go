// Package storagetest holds the test helpers for a real SQLite store in
// t.TempDir(): open a fresh database, close it when the test ends. It takes
// storage.Open as an argument instead of importing storage, so that storage's
// own internal tests can use it too.
package storagetest
