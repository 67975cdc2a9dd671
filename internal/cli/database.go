package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"vigia/app"
	"vigia/internal/config"
	"vigia/messages"
	"vigia/storage"
)

// openStore opens db: a PostgreSQL URL (storage.OpenPostgres) or a SQLite
// file (storage.Open). Its errors say in Spanish what to do, and name a
// server without its password.
func openStore(ctx context.Context, db string) (*storage.Store, error) {
	name := config.DisplayDB(db)
	if !storage.IsPostgresURL(db) {
		store, err := storage.Open(ctx, db)
		if errors.Is(err, app.ErrStorageReadOnly) {
			// Started anyway, Vigía would run no trigger and could not say why.
			return nil, errors.New(messages.Text("es", app.Msg(app.CodeStorageReadOnlyAtStart, app.Args{"Path": db, "Cause": storage.Cause(err)})))
		}
		if err != nil {
			return nil, fmt.Errorf("no se pudo abrir la base de datos %s: %v", name, err)
		}
		return store, nil
	}
	store, err := storage.OpenPostgres(ctx, db)
	if errors.Is(err, app.ErrStorageUnavailable) {
		return nil, unreachableError{name: name, err: err}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "3D000": // invalid_catalog_name
			return nil, fmt.Errorf("la base de datos de %s no existe en el servidor: créela (CREATE DATABASE, vea el README) o corrija su nombre en la URL", name)
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return nil, fmt.Errorf("el servidor PostgreSQL de %s rechazó el usuario o la clave: corríjalos en DATABASE_URL (o --db) o en pg_hba.conf del servidor", name)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("no se pudo abrir la base de datos %s: %v", name, err)
	}
	return store, nil
}

// unreachableError is a PostgreSQL server that could not be reached at
// start, told in Spanish; it still is app.ErrStorageUnavailable, so a start
// at logon can wait for the server (dbwait.go).
type unreachableError struct {
	name string // the server's URL without its password
	err  error
}

func (e unreachableError) Error() string {
	return fmt.Sprintf("no se pudo conectar con el servidor PostgreSQL de %s: %s. Compruebe que el servidor "+
		"está encendido y que este equipo lo alcanza (nombre, puerto, cortafuegos, pg_hba.conf), y vuelva a iniciar Vigía", e.name, whyUnreachable(e.err))
}

func (e unreachableError) Unwrap() error { return e.err }

// whyUnreachable is, in a few words, why a server could not be reached: the
// innermost cause of err, in Spanish when it is a usual one.
func whyUnreachable(err error) string {
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "nadie atiende en ese puerto (conexión rechazada)"
	case errors.As(err, &dns):
		return "no se encontró el equipo " + dns.Name
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return "no respondió a tiempo"
	}
	for {
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			if next := u.Unwrap(); next != nil {
				err = next
				continue
			}
		case interface{ Unwrap() []error }:
			if list := u.Unwrap(); len(list) > 0 {
				err = list[len(list)-1]
				continue
			}
		}
		return err.Error()
	}
}
