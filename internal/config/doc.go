// Package config reads what a run of Vigía is told from outside: the command
// line's flags, the environment, the .env file of the current folder (our own
// parser, dotenv.go: godotenv would expand a `$` in a password) and the
// defaults, in that order (config.go). It owns --help with the one list of
// the variables Vigía reads (usage.go: those of the stored settings as the
// core names them, app.SettingKeys), the Spanish messages for bad flags and
// variables, and the process's exit codes. The part that can change while
// Vigía runs (zone, default recipients, mail server) is Live (live.go), which
// internal/settings reads again over the stored settings. The database is a
// SQLite file or, with DATABASE_URL (or --db given a postgres:// URL), the
// office's PostgreSQL, named for people without its password (database.go);
// `vigia migrar-datos` has options of its own (transfer.go).
package config
