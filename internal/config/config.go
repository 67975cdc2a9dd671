package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // VIGIA_TZ works on machines without a zoneinfo database (Windows, distroless)

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
	DBPath      string // absolute
	DataDir     string // the DB's directory: outbox/ and api-token live there

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

	fs := flag.NewFlagSet("vigia", flag.ContinueOnError)
	var cfg Config
	fs.BoolVar(&cfg.Headless, "headless", false, "sin interfaz de escritorio: solo el scheduler y la API")
	fs.StringVar(&cfg.Addr, "addr", defaultAddr, "dirección `host:puerto` de la API (variable VIGIA_ADDR)")
	fs.StringVar(&cfg.DBPath, "db", "", "`archivo` de la base de datos SQLite (variable DB_PATH; por defecto <configuración del usuario>/Vigia/vigia.db)")
	fs.BoolVar(&cfg.Tray, "bandeja", false, "abre Vigía oculto en la bandeja del sistema, sin mostrar la ventana (así se inicia con el sistema)")
	fs.BoolVar(&cfg.Demo, "demo", false, "en una base de datos nueva, carga empresas, alertas y los tres triggers de ejemplo")
	fs.BoolVar(&cfg.AllowRemote, "allow-remote", false, "permite escuchar en una dirección que no es local (exige VIGIA_API_TOKEN)")
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return Config{}, flag.ErrHelp
		}
		return Config{}, flagError(err)
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("argumento inesperado %q: Vigía solo acepta opciones (vea --help)", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	if !set["addr"] {
		if v := strings.TrimSpace(env("VIGIA_ADDR")); v != "" {
			cfg.Addr = v
		}
	}
	cfg.APIToken = strings.TrimSpace(env("VIGIA_API_TOKEN"))
	if err := checkAddr(cfg.Addr, cfg.AllowRemote, cfg.APIToken != ""); err != nil {
		return Config{}, err
	}

	if !set["db"] {
		cfg.DBPath = strings.TrimSpace(env("DB_PATH"))
	}
	if cfg.DBPath == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return Config{}, fmt.Errorf("no se encontró la carpeta de configuración del usuario (%v): indique la base de datos con --db o DB_PATH", err)
		}
		cfg.DBPath = filepath.Join(dir, appDirName, dbFileName)
	}
	abs, err := filepath.Abs(cfg.DBPath)
	if err != nil {
		return Config{}, fmt.Errorf("ruta de la base de datos inválida %q: %v", cfg.DBPath, err)
	}
	cfg.DBPath, cfg.DataDir = abs, filepath.Dir(abs)

	cfg.Env = env
	if cfg.Live, err = LoadLive(env); err != nil {
		return Config{}, err
	}

	if cfg.SMTPRetryWaits, err = notify.ParseRetryWaits(env(notify.EnvRetryWaits)); err != nil {
		return Config{}, err
	}

	if cfg.LogLevel, err = parseLogLevel(env("VIGIA_LOG")); err != nil {
		return Config{}, err
	}
	if cfg.StopTimeout, err = parseStopTimeout(env("VIGIA_STOP_TIMEOUT")); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// LoadLive reads VIGIA_TZ, EMAIL_DESTINATARIOS and SMTP_* through env: the
// environment and .env at start, plus the stored settings later
// (internal/settings). Every invalid variable is reported (VarErrors).
func LoadLive(env func(string) string) (Live, error) {
	var (
		live Live
		bad  VarErrors
		err  error
	)
	zone := strings.TrimSpace(env("VIGIA_TZ"))
	if zone == "" {
		zone = defaultZone
	}
	if live.Location, err = loadZone(zone); err != nil {
		bad = append(bad, &notify.VarError{Var: "VIGIA_TZ", Msg: err.Error()})
	}

	if list := strings.TrimSpace(env("EMAIL_DESTINATARIOS")); list != "" {
		addrs, msg := app.ParseAddresses(strings.Split(list, ","))
		if msg != "" {
			bad = append(bad, &notify.VarError{Var: "EMAIL_DESTINATARIOS", Msg: "EMAIL_DESTINATARIOS inválido: " + msg})
		}
		live.DefaultRecipients = addrs
	}

	if live.SMTP, live.Outbox, err = notify.ConfigFromEnv(env); err != nil {
		var ve *notify.VarError
		if !errors.As(err, &ve) {
			ve = &notify.VarError{Var: "SMTP_HOST", Msg: err.Error()}
		}
		bad = append(bad, ve)
	}
	if len(bad) > 0 {
		return Live{}, bad
	}
	return live, nil
}

// VarErrors are the invalid variables, in the order they were checked.
type VarErrors []*notify.VarError

func (e VarErrors) Error() string {
	msgs := make([]string, len(e))
	for i, v := range e {
		msgs[i] = v.Msg
	}
	return strings.Join(msgs, "; ")
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

func loadZone(name string) (*time.Location, error) {
	if name == "Local" {
		return nil, fmt.Errorf("VIGIA_TZ inválido: %q no es una zona IANA; use por ejemplo %s", name, defaultZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("VIGIA_TZ inválido: zona horaria desconocida %q; use un nombre IANA como %s o America/Mexico_City", name, defaultZone)
	}
	return loc, nil
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

// flagError says in Spanish what the flag package reported.
func flagError(err error) error {
	msg := err.Error()
	for english, spanish := range map[string]string{
		"flag provided but not defined: ": "opción desconocida ",
		"flag needs an argument: ":        "falta el valor de la opción ",
		"bad flag syntax: ":               "opción mal escrita ",
	} {
		if rest, ok := strings.CutPrefix(msg, english); ok {
			return fmt.Errorf("%s%s (vea --help)", spanish, rest)
		}
	}
	if m := badBoolFlag.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("valor inválido %s para --%s: las opciones de sí o no aceptan true o false, o nada (vea --help)", m[1], m[2])
	}
	return fmt.Errorf("opción inválida: %s (vea --help)", msg)
}

// badBoolFlag is the flag package's message for --bandeja=quizas and the like.
var badBoolFlag = regexp.MustCompile(`^invalid boolean value ("[^"]*") for -+([A-Za-z-]+)`)

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Vigía: envía por correo los resúmenes de alertas según la programación de cada trigger.

Uso:
  vigia [opciones]

Opciones:
`)
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s", f.Name)
		if name != "" {
			fmt.Fprintf(w, " %s", name)
		}
		fmt.Fprintf(w, "\n      %s", help)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (por defecto %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
	fmt.Fprint(w, `
Variables de entorno (también se leen de un archivo .env en la carpeta actual,
sin reemplazar las ya definidas):
  VIGIA_ADDR           dirección de la API (como --addr)
  DB_PATH              archivo de la base de datos (como --db)
  VIGIA_API_TOKEN      token de la API; si falta se crea <carpeta de datos>/api-token
  VIGIA_TZ             zona horaria IANA de las programaciones (America/Bogota)
  EMAIL_DESTINATARIOS  destinatarios por defecto, separados por comas
  SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_TLS
                       servidor de correo; sin SMTP_HOST ni SMTP_USER los resúmenes
                       se guardan como .eml en <carpeta de datos>/outbox
  VIGIA_SMTP_REINTENTOS
                       esperas entre intentos de envío tras un fallo temporal
                       del servidor de correo (10s,60s,5m); "ninguno": un solo intento
  VIGIA_LOG            nivel de los mensajes: debug, info, warn, error (info)
`)
}
