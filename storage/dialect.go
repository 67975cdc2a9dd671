package storage

import (
	"net/url"
	"strings"
)

// The databases a Store can run on: the repositories are one implementation,
// written in SQLite's SQL with ? placeholders; on PostgreSQL a querier
// rewrites each statement once (see rebind.go).
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// Dialect is the database the store runs on: DialectSQLite or DialectPostgres.
func (s *Store) Dialect() string {
	if s.pg != nil {
		return DialectPostgres
	}
	return DialectSQLite
}

// IsPostgresURL reports whether s names a PostgreSQL database
// (postgres:// or postgresql://) rather than an SQLite file.
func IsPostgresURL(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	return ok && (strings.EqualFold(scheme, "postgres") || strings.EqualFold(scheme, "postgresql"))
}

// RedactURL is s with its password replaced by xxxxx (as url.URL.Redacted),
// (and a password=… parameter's value too), for every log, status, error
// and banner that names the database. A text
// that does not parse as a URL keeps only the user name of what lies
// between :// and its last @, so no password survives, even unescaped; a
// path is returned as is.
func RedactURL(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	if u, err := url.Parse(s); err == nil {
		if q := u.Query(); q.Has("password") { // libpq takes one there too
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.Redacted()
	}
	scheme, rest, _ := strings.Cut(s, "://")
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return s
	}
	user, _, hasPassword := strings.Cut(rest[:at], ":")
	if !hasPassword {
		return s
	}
	return scheme + "://" + user + ":xxxxx" + rest[at:]
}
