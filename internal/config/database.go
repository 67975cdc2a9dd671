package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"vigia/storage"
)

// EnvDatabaseURL selects PostgreSQL: the URL of the office's database.
const EnvDatabaseURL = "DATABASE_URL"

// IsPostgres reports whether Vigía runs on PostgreSQL (DatabaseURL) rather
// than on the SQLite file DBPath.
func (cfg Config) IsPostgres() bool { return cfg.DatabaseURL != "" }

// DB is the database as storage opens it: the PostgreSQL URL, password
// included, or the SQLite file. Never show it: Database() names it.
func (cfg Config) DB() string {
	if cfg.IsPostgres() {
		return cfg.DatabaseURL
	}
	return cfg.DBPath
}

// Database names the database for people: the SQLite file, or the
// PostgreSQL URL without its password (for the banner, logs and errors).
func (cfg Config) Database() string {
	return DisplayDB(cfg.DB())
}

// readDB settles the database: --db (a file, or a postgres:// URL), else
// DATABASE_URL (PostgreSQL) or DB_PATH (a file), else vigia.db in the user's
// configuration folder. A file's folder is the data folder; with PostgreSQL
// the data folder is the user's configuration folder's Vigia/, as with the
// default file. Naming a file and a server at once is refused.
func (cfg *Config) readDB(env func(string) string, given map[string]bool) error {
	dbURL := strings.TrimSpace(env(EnvDatabaseURL))
	if dbURL != "" && !storage.IsPostgresURL(dbURL) {
		return fmt.Errorf("%s no es una URL de PostgreSQL: debe empezar por postgres:// o postgresql://, "+
			"por ejemplo postgres://usuario:clave@servidor:5432/vigia", EnvDatabaseURL)
	}
	path := strings.TrimSpace(env(EnvDBPath))
	switch {
	case given["db"] && storage.IsPostgresURL(cfg.DBPath):
		return cfg.usePostgres(cfg.DBPath)
	case given["db"] && dbURL != "":
		return fmt.Errorf("--db indica el archivo %s y %s un servidor PostgreSQL (%s): use uno solo. "+
			"Quite --db para usar PostgreSQL, o quite %s (del entorno o de .env) para usar el archivo",
			cfg.DBPath, EnvDatabaseURL, storage.RedactURL(dbURL), EnvDatabaseURL)
	case given["db"]:
		return cfg.useFile(cfg.DBPath)
	case dbURL != "" && path != "":
		return fmt.Errorf("%s (PostgreSQL en %s) y %s (el archivo %s) están definidas a la vez: use una sola. "+
			"Quite %s del entorno o de .env para usar PostgreSQL, o %s para usar el archivo",
			EnvDatabaseURL, storage.RedactURL(dbURL), EnvDBPath, path, EnvDBPath, EnvDatabaseURL)
	case dbURL != "":
		return cfg.usePostgres(dbURL)
	case storage.IsPostgresURL(path):
		return fmt.Errorf("%s es la ruta de un archivo SQLite; para PostgreSQL ponga la URL en %s y quite %s", EnvDBPath, EnvDatabaseURL, EnvDBPath)
	}
	return cfg.useFile(path)
}

// useFile is SQLite at path (the default file when empty), whose folder is
// the data folder.
func (cfg *Config) useFile(path string) error {
	if path == "" {
		dir, err := userDataDir()
		if err != nil {
			return fmt.Errorf("%v: indique la base de datos con --db o %s", err, EnvDBPath)
		}
		path = filepath.Join(dir, dbFileName)
	}
	abs, err := AbsPath(path)
	if err != nil {
		return err
	}
	cfg.DBPath, cfg.DataDir, cfg.DatabaseURL = abs, filepath.Dir(abs), ""
	return nil
}

// usePostgres is PostgreSQL at url; the data folder is the user's.
func (cfg *Config) usePostgres(url string) error {
	dir, err := userDataDir()
	if err != nil {
		return fmt.Errorf("%v: Vigía guarda allí el token de la API, la bandeja de salida y el registro", err)
	}
	cfg.DBPath, cfg.DataDir, cfg.DatabaseURL = "", dir, url
	return nil
}

// AbsPath is a database file's absolute path, or a Spanish error naming it.
func AbsPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("ruta de la base de datos inválida %q: %v", path, err)
	}
	return abs, nil
}

// userDataDir is the user's configuration folder's Vigia/: the default
// file's folder, and the data folder with PostgreSQL.
func userDataDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no se encontró la carpeta de configuración del usuario (%v)", err)
	}
	if dir == "" {
		return "", errors.New("no se encontró la carpeta de configuración del usuario")
	}
	return filepath.Join(dir, appDirName), nil
}
