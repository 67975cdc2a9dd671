// Package storage keeps Vigía's data in one SQLite file (modernc.org/sqlite,
// pure Go; Open) or, for an office of several workstations, in a PostgreSQL
// database (pgx; OpenPostgres): the schema and its forward-only migrations
// (one set per database), the repositories of triggers, run history,
// companies, alerts and settings behind app.Store, the tax calendar's alerts
// (one per company and due date, written in multi-row statements) and its
// imported data file, the schedule version other processes poll to see
// trigger changes, and the lease that names the one process scheduling the
// database.
//
// The repositories are one implementation for both: they write SQLite's SQL
// with ? placeholders, and on PostgreSQL a querier rewrites each statement
// once ($1, $2…; SQLite's planner hints dropped) and passes bools as the
// integers SQLite stores (rebind.go). What differs is said where it does:
// the lease on PostgreSQL takes the server's clock, new alert IDs come from
// its identity sequence, errors of a server that cannot be reached are
// app.ErrStorageUnavailable.
//
// On SQLite every write goes through one writer goroutine that groups the
// writes queued at the same moment into one immediate transaction, each write
// inside its own savepoint, and answers the callers once that transaction is
// durably committed. Reads use a small read-only pool; in WAL mode they never
// wait for the writer. On PostgreSQL each write is a transaction of its own
// on the pool, run again when it loses a deadlock (poolwriter.go), and a read
// of several statements is one repeatable-read snapshot.
//
// Times are stored as unix milliseconds and read back in UTC; every write
// returns its values as a later read will give them back.
package storage
