package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"vigia/app"
	"vigia/notify"
)

// Defaults of the command line and the environment.
const (
	defaultAddr = "127.0.0.1:5000"
	defaultZone = app.DefaultZone
	appDirName  = "Vigia"
	dbFileName  = "vigia.db"
)

// Config is everything a run of Vigía is told from outside: flags, then the
// environment, then the .env file, then the defaults.
type Config struct {
	Headless    bool
	Tray        bool // start hidden in the tray (--bandeja, used at logon)
	Demo        bool // load example data into a new database
	Addr        string
	AllowRemote bool
	DBPath      string // the SQLite file, absolute; empty with PostgreSQL
	// DatabaseURL is PostgreSQL's URL (DATABASE_URL, or --db given one),
	// password included: open the database with it, name it with Database().
	DatabaseURL string
	DataDir     string // the file's folder, or the user's Vigia/ with PostgreSQL: outbox/, api-token and logs live there

	// Live is what the Configuración screen can change later; at start it
	// comes from the environment only (the settings manager adds the stored
	// settings).
	Live
	// Env looks a variable up in the real environment, then in the .env file.
	Env func(string) string
	// SMTPRetryWaits are the waits between SMTP attempts after a transient
	// failure (VIGIA_SMTP_REINTENTOS; notify.DefaultRetryWaits when unset).
	SMTPRetryWaits []time.Duration
	APIToken       string // VIGIA_API_TOKEN; empty: the token file is used
	LogLevel       slog.Level
	// StopTimeout is how long running digests may go on after SIGTERM before
	// they are cancelled and their rows finalised interrumpida
	// (VIGIA_STOP_TIMEOUT, for tests and supervisors with a short grace period).
	StopTimeout time.Duration
}

// Live is the part of the configuration that can change while Vigía runs
// (internal/settings): the zone, the default recipients and how digests
// leave. Its variables are VIGIA_TZ, EMAIL_DESTINATARIOS and SMTP_*.
type Live struct {
	Location          *time.Location
	DefaultRecipients []string
	SMTP              notify.Config
	Outbox            bool // no SMTP server configured: digests go to DataDir/outbox
}

// The process's exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1 // could not start, or stopped on an error
	ExitConfig = 2 // bad flags, environment or .env
)

// defaultStopTimeout is StopTimeout when VIGIA_STOP_TIMEOUT is unset.
const defaultStopTimeout = 30 * time.Second

// Load reads the flags in args and the variables of getenv (the real
// environment) and dotenv (the .env file, which never overrides the former).
// It returns flag.ErrHelp after printing the help to stdout.
func Load(args []string, getenv func(string) string, dotenv map[string]string, stdout io.Writer) (Config, error) {
	env := func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return dotenv[key]
	}
	cfg, given, err := parseFlags(args, stdout)
	if err != nil {
		return Config{}, err
	}
	cfg.Env = env
	if err := cfg.readAPI(env, given); err != nil {
		return Config{}, err
	}
	if err := cfg.readDB(env, given); err != nil {
		return Config{}, err
	}
	if cfg.Live, err = LoadLive(env); err != nil {
		return Config{}, err
	}
	if cfg.SMTPRetryWaits, err = notify.ParseRetryWaits(env(notify.EnvRetryWaits)); err != nil {
		return Config{}, err
	}
	if cfg.LogLevel, err = parseLogLevel(env(EnvLog)); err != nil {
		return Config{}, err
	}
	if cfg.StopTimeout, err = parseStopTimeout(env(EnvStopTimeout)); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// parseFlags reads the command line into a Config and reports which flags
// it gave (a flag given wins over its variable, even with the default value).
func parseFlags(args []string, stdout io.Writer) (Config, map[string]bool, error) {
	fs := flag.NewFlagSet("vigia", flag.ContinueOnError)
	var cfg Config
	fs.BoolVar(&cfg.Headless, "headless", false, "sin interfaz de escritorio: el scheduler, la API y la interfaz web")
	fs.StringVar(&cfg.Addr, "addr", defaultAddr, "dirección `host:puerto` de la API y de la interfaz web (variable VIGIA_ADDR)")
	fs.StringVar(&cfg.DBPath, "db", "", "`base` de datos: un archivo SQLite (variable DB_PATH; por defecto <configuración del usuario>/Vigia/vigia.db)\n"+
		"      o la URL postgres:// de la base PostgreSQL de la oficina (variable DATABASE_URL)")
	fs.BoolVar(&cfg.Tray, "bandeja", false, "abre Vigía oculto en la bandeja del sistema, sin mostrar la ventana (así se inicia con el sistema)")
	fs.BoolVar(&cfg.Demo, "demo", false, "en una base de datos nueva, carga empresas, alertas y los tres triggers de ejemplo")
	fs.BoolVar(&cfg.AllowRemote, "allow-remote", false, "permite escuchar en una dirección que no es local (exige VIGIA_API_TOKEN)")
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return Config{}, nil, flag.ErrHelp
		}
		return Config{}, nil, flagError(err)
	}
	if fs.NArg() > 0 {
		return Config{}, nil, fmt.Errorf("argumento inesperado %q: Vigía solo acepta opciones y la orden %s (vea --help)", DisplayDB(fs.Arg(0)), TransferCommand)
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	return cfg, given, nil
}

// readAPI settles the API's address and token: VIGIA_ADDR unless --addr was
// given, VIGIA_API_TOKEN, and whether that address may be used.
func (cfg *Config) readAPI(env func(string) string, given map[string]bool) error {
	if !given["addr"] {
		if v := strings.TrimSpace(env(EnvAddr)); v != "" {
			cfg.Addr = v
		}
	}
	cfg.APIToken = strings.TrimSpace(env(EnvAPIToken))
	return checkAddr(cfg.Addr, cfg.AllowRemote, cfg.APIToken != "")
}

// checkAddr refuses what is not host:port, and a non-loopback host unless the
// user allowed it and set a token of their choosing.
func checkAddr(addr string, allowRemote, tokenSet bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("dirección inválida %q para --addr/VIGIA_ADDR: use host:puerto, por ejemplo %s", addr, defaultAddr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("puerto inválido %q en --addr/VIGIA_ADDR: use un número entre 1 y 65535", port)
	}
	if isLoopback(host) {
		return nil
	}
	shown := host
	if shown == "" {
		shown = "todas las interfaces"
	}
	if !allowRemote {
		return fmt.Errorf("la dirección %s (%s) no es local: la API quedaría expuesta a la red. "+
			"Use 127.0.0.1, o añada --allow-remote y defina VIGIA_API_TOKEN si de verdad la necesita", addr, shown)
	}
	if !tokenSet {
		return fmt.Errorf("--allow-remote exige definir VIGIA_API_TOKEN con un token secreto propio antes de escuchar en %s", addr)
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func parseLogLevel(s string) (slog.Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "debug":
		return slog.LevelDebug, nil
	case "", "info":
		return slog.LevelInfo, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("VIGIA_LOG inválido: %q (valores posibles: debug, info, warn, error)", s)
}

func parseStopTimeout(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return defaultStopTimeout, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("VIGIA_STOP_TIMEOUT inválido: %q (use una duración positiva, por ejemplo 30s o 2m)", s)
	}
	return d, nil
}
