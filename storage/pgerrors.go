package storage

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"vigia/app"
)

// classifyPG wraps err in a storageError when PostgreSQL's answer (or its
// silence) is one the user can act on: a server that cannot be reached or
// went away (refused, timed out, closed the connection, shutting down,
// starting up: app.ErrStorageUnavailable), a full disk, a read-only server.
// server names the database (host:port/db), never its password. Any other
// error, and nil, is returned as is.
func classifyPG(server string, err error) error {
	var already *storageError
	if err == nil || errors.As(err, &already) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "53100": // disk_full
			return &storageError{kind: app.ErrStorageFull, problem: app.Msg(app.CodeStorageFull, app.Args{"Path": server}), err: err}
		case pe.Code == "25006": // read_only_sql_transaction: a standby, or default_transaction_read_only
			return &storageError{kind: app.ErrStorageReadOnly, problem: app.Msg(app.CodeStorageReadOnly, app.Args{"Path": server}), err: err}
		case isPgUnavailable(pe.Code):
			return unavailable(server, err)
		}
		return err
	}
	if isConnectionLost(err) {
		return unavailable(server, err)
	}
	return err
}

func unavailable(server string, err error) error {
	return &storageError{kind: app.ErrStorageUnavailable, problem: app.Msg(app.CodeStorageUnavailable, app.Args{"Server": server}), err: err}
}

// isPgUnavailable reports the SQLSTATEs of a server that is not there to
// answer: admin_shutdown, crash_shutdown, cannot_connect_now (starting up or
// shutting down), and the connection exceptions (class 08).
func isPgUnavailable(code string) bool {
	switch code {
	case "57P01", "57P02", "57P03":
		return true
	}
	return strings.HasPrefix(code, "08")
}

// isConnectionLost reports an error of the way to the server rather than
// of the statement: no connection could be made, or the one in use broke.
// The caller's own context ending (cancelled, its deadline passed) is not
// one, but a connection that could not be made in time is.
func isConnectionLost(err error) bool {
	var (
		connect *pgconn.ConnectError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &connect):
		return !errors.Is(err, context.Canceled)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false // context.DeadlineExceeded is a net.Error too
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.As(err, &netErr):
		return true
	}
	return strings.Contains(err.Error(), "conn closed")
}
