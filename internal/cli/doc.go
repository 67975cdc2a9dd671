// Package cli is Vigía's lifecycle: a run of the program from its command
// line to its exit code (run.go). It reads the configuration
// (internal/config), sets up the console (internal/console), builds the core
// from that configuration (core.go: the stored settings and their mailer, the
// Service, the scheduler and the coordinator of the database's lease, the API
// token), starts it in order (serve.go: port, database, timers, lease,
// banner, API) and stops it in the reverse order on a signal, so a digest
// being sent finishes and is recorded. With a desktop it hands Server.Serve
// to internal/desktop (through the Desktop interface main gives it, so this
// package never imports Fyne), which runs it beside the window; a second
// desktop launch hands over to the running Vigía (instance.go). It also owns
// the API's token file (token.go), the opening of the database, a SQLite
// file or PostgreSQL, with errors that say what to do and never show the
// URL's password (database.go), and the subcommand `vigia migrar-datos`,
// which copies one database into another (transfer.go).
package cli
