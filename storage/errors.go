package storage

import (
	"errors"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"vigia/app"
)

// storageError is SQLite's error when the database cannot be written for a
// reason the user can act on (a full disk, a read-only file or folder, an I/O
// failure). It is both app's sentinel and SQLite's error (errors.Is/As reach
// either), and it carries the Message that tells the user what to do.
type storageError struct {
	kind    error // app.ErrStorageFull, app.ErrStorageReadOnly or app.ErrStorageIO
	problem app.Message
	err     error
}

func (e *storageError) Error() string        { return e.kind.Error() + ": " + e.err.Error() }
func (e *storageError) Unwrap() []error      { return []error{e.kind, e.err} }
func (e *storageError) Problem() app.Message { return e.problem }

// classify wraps err in a storageError when SQLite's result code (primary or
// extended) says the database at path cannot be written; any other error,
// and nil, is returned as is.
func classify(path string, err error) error {
	var already *storageError
	if err == nil || errors.As(err, &already) {
		return err
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL:
		return &storageError{kind: app.ErrStorageFull, problem: app.Msg(app.CodeStorageFull, app.Args{"Path": path}), err: err}
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return &storageError{kind: app.ErrStorageReadOnly, problem: app.Msg(app.CodeStorageReadOnly, app.Args{"Path": path}), err: err}
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
		return &storageError{kind: app.ErrStorageIO, problem: app.Msg(app.CodeStorageIO, app.Args{"Path": path, "Detail": se.Error()}), err: err}
	}
	return err
}

// classifyOS is classify for the system's errors about the database's file
// and folder, before SQLite opens them: no permission or a read-only file
// system is a read-only database, no space left a full disk.
func classifyOS(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return &storageError{kind: app.ErrStorageReadOnly, problem: app.Msg(app.CodeStorageReadOnly, app.Args{"Path": path}), err: err}
	case errors.Is(err, syscall.ENOSPC):
		return &storageError{kind: app.ErrStorageFull, problem: app.Msg(app.CodeStorageFull, app.Args{"Path": path}), err: err}
	}
	return err
}

// Cause is what SQLite or the system said of a database that cannot be
// written (e.g. "attempt to write a readonly database (8)"), without the
// layers above it; for any other error, its whole text.
func Cause(err error) string {
	var se *storageError
	if errors.As(err, &se) {
		return se.err.Error()
	}
	return err.Error()
}
