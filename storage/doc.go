// Package storage keeps Vigía's data in one SQLite file (modernc.org/sqlite,
// pure Go): the schema and its forward-only migrations, the repositories of
// triggers, run history, companies, alerts and settings behind app.Store, the
// tax calendar's alerts (one per company and due date, written in multi-row
// statements) and its imported data file, the schedule version other
// processes poll to see trigger changes, and the lease that names the one
// process scheduling the database.
//
// Every write goes through one writer goroutine that groups the writes queued
// at the same moment into one immediate transaction, each write inside its own
// savepoint, and answers the callers once that transaction is durably
// committed. Reads use a small read-only pool; in WAL mode they never wait for
// the writer.
//
// Times are stored as unix milliseconds and read back in UTC; every write
// returns its values as a later read will give them back.
package storage
