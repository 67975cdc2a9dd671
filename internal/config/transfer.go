package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"vigia/storage"
)

// TransferCommand is the subcommand that copies a database into another:
// `vigia migrar-datos --hacia postgres://…`.
const TransferCommand = "migrar-datos"

// Transfer is what `vigia migrar-datos` is told: the database to copy, the
// one to copy it into (each a SQLite file, absolute, or a PostgreSQL URL),
// and whether a target that has data may be emptied first.
type Transfer struct {
	From    string
	To      string
	Replace bool
}

// FromName and ToName name the databases for people (see DisplayDB).
func (t Transfer) FromName() string { return DisplayDB(t.From) }
func (t Transfer) ToName() string   { return DisplayDB(t.To) }

// DisplayDB names a database for people: a file's path, or a PostgreSQL URL
// without its password.
func DisplayDB(db string) string {
	if storage.IsPostgresURL(db) {
		return storage.RedactURL(db)
	}
	return db
}

// LoadTransfer reads the flags of `vigia migrar-datos` (args after the
// subcommand's name) and the variables: the source is --desde, else DB_PATH,
// else the default file (the database Vigía uses without DATABASE_URL); the
// target is --hacia, else DATABASE_URL. It returns flag.ErrHelp after
// printing the help to stdout.
func LoadTransfer(args []string, getenv func(string) string, dotenv map[string]string, stdout io.Writer) (Transfer, error) {
	env := func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return dotenv[key]
	}
	fs := flag.NewFlagSet("vigia "+TransferCommand, flag.ContinueOnError)
	var t Transfer
	fs.StringVar(&t.From, "desde", "", "`base` de origen: archivo SQLite o URL postgres:// (por defecto DB_PATH o <configuración del usuario>/Vigia/vigia.db)")
	fs.StringVar(&t.To, "hacia", "", "`base` de destino: URL postgres://usuario:clave@servidor:5432/vigia, o un archivo SQLite (por defecto DATABASE_URL)")
	fs.BoolVar(&t.Replace, "reemplazar", false, "vacía el destino antes de copiar si ya tiene datos (sin esta opción, un destino con datos se rechaza)")
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			transferUsage(stdout, fs)
			return Transfer{}, flag.ErrHelp
		}
		return Transfer{}, flagError(err)
	}
	if fs.NArg() > 0 {
		return Transfer{}, fmt.Errorf("argumento inesperado %q: %s solo acepta opciones (vea vigia %s --help)",
			DisplayDB(fs.Arg(0)), TransferCommand, TransferCommand)
	}
	return t.settle(env)
}

// settle fills the defaults and checks the two databases.
func (t Transfer) settle(env func(string) string) (Transfer, error) {
	var err error
	if t.From = strings.TrimSpace(t.From); t.From == "" {
		t.From = strings.TrimSpace(env(EnvDBPath))
	}
	if t.From == "" {
		var cfg Config
		if err := cfg.useFile(""); err != nil {
			return Transfer{}, fmt.Errorf("%v (o con --desde)", err)
		}
		t.From = cfg.DBPath
	}
	if t.To = strings.TrimSpace(t.To); t.To == "" {
		t.To = strings.TrimSpace(env(EnvDatabaseURL))
	}
	if t.To == "" {
		return Transfer{}, fmt.Errorf("falta --hacia: indique la base de destino, por ejemplo " +
			"--hacia postgres://usuario:clave@servidor:5432/vigia, o defina DATABASE_URL en el entorno o en .env")
	}
	if t.From, err = settleDB(t.From); err != nil {
		return Transfer{}, err
	}
	if t.To, err = settleDB(t.To); err != nil {
		return Transfer{}, err
	}
	if t.From == t.To {
		return Transfer{}, fmt.Errorf("el origen y el destino son la misma base de datos (%s)", t.FromName())
	}
	return t, nil
}

// settleDB is a database as Transfer keeps it: a URL as given, a file's
// path made absolute.
func settleDB(db string) (string, error) {
	if storage.IsPostgresURL(db) {
		return db, nil
	}
	return AbsPath(db)
}

func transferUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `Copia todos los datos de Vigía (triggers, historial, empresas, alertas, calendario y
ajustes) de una base de datos a otra, en una sola transacción, y comprueba que
el destino tiene las mismas filas que el origen. Sirve para pasar la base SQLite
de un equipo a la base PostgreSQL de la oficina. Detenga Vigía antes de copiar.

Uso:
  vigia %s --hacia postgres://usuario:clave@servidor:5432/vigia [opciones]

Opciones:
`, TransferCommand)
	printFlags(w, fs)
	fmt.Fprint(w, `
Para no escribir la clave en la línea de órdenes, defina DATABASE_URL (en el
entorno o en .env) y omita --hacia.
`)
}
