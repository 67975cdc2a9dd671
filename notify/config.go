package notify

import (
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strconv"
	"strings"
)

// TLSMode is how the connection to the SMTP server is protected.
type TLSMode string

const (
	TLSStartTLS TLSMode = "starttls" // plain connect, then STARTTLS, which is mandatory (port 587)
	TLSImplicit TLSMode = "ssl"      // TLS from the first byte (port 465)
	TLSNone     TLSMode = "none"     // no TLS: only for a relay on this machine
)

// Default ports and the server assumed for a bare SMTP_USER (the seed's Gmail example).
const (
	DefaultHost    = "smtp.gmail.com"
	DefaultPort    = 587
	DefaultPortSSL = 465
)

// label is the mode as the banner and messages show it.
func (m TLSMode) label() string {
	switch m {
	case TLSStartTLS:
		return "STARTTLS"
	case TLSImplicit:
		return "SSL/TLS"
	case TLSNone:
		return "sin TLS"
	}
	return string(m)
}

// Config is how to reach the SMTP server. Password is a Secret: printing or
// logging a Config never shows it.
type Config struct {
	Host     string
	Port     int
	User     string
	Password Secret
	From     string // bare address the digests come from
	TLS      TLSMode
}

// Addr is host:port.
func (c Config) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// String describes the server for people, e.g.
// "smtp.gmail.com:587 (STARTTLS) como tu_email@gmail.com". No password.
func (c Config) String() string {
	s := fmt.Sprintf("%s (%s)", c.Addr(), c.TLS.label())
	if c.User != "" {
		s += " como " + c.User
	} else {
		s += " sin autenticación"
	}
	if c.From != "" && c.From != c.User {
		s += ", remitente " + c.From
	}
	return s
}

// GoString keeps %#v redacted as well.
func (c Config) GoString() string {
	return fmt.Sprintf("notify.Config{Host:%q, Port:%d, User:%q, Password:%#v, From:%q, TLS:%q}",
		c.Host, c.Port, c.User, c.Password, c.From, c.TLS)
}

// LogValue logs the settings with the password redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("host", c.Host),
		slog.Int("port", c.Port),
		slog.String("tls", string(c.TLS)),
		slog.String("user", c.User),
		slog.Any("password", c.Password),
		slog.String("from", c.From),
	)
}

// VarError is an invalid configuration variable (SMTP_* here). Var names the
// variable the user must change; the message names it too.
type VarError struct {
	Var string
	Msg string // Spanish
}

func (e *VarError) Error() string { return e.Msg }

func varErrorf(name, format string, args ...any) error {
	return &VarError{Var: name, Msg: fmt.Sprintf(format, args...)}
}

// ConfigFromEnv reads the seed's SMTP_* variables through getenv (os.Getenv,
// or a lookup that also sees the .env file). With neither SMTP_HOST nor
// SMTP_USER it returns outbox = true: digests go to files, and cfg.From holds
// SMTP_FROM if it was given. Errors are Spanish *VarError naming the variable.
func ConfigFromEnv(getenv func(string) string) (cfg Config, outbox bool, err error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	host, user, from := env("SMTP_HOST"), env("SMTP_USER"), env("SMTP_FROM")
	password := Secret(getenv("SMTP_PASSWORD")) // verbatim: blanks may belong to it

	if password != "" && user == "" {
		return Config{}, false, varErrorf("SMTP_USER", "SMTP_PASSWORD está definido pero SMTP_USER está vacío: indique el usuario SMTP")
	}
	if host == "" && user == "" {
		if from != "" {
			if err := checkAddress("SMTP_FROM", from, ""); err != nil {
				return Config{}, false, err
			}
		}
		return Config{From: from}, true, nil
	}

	if host == "" {
		host = DefaultHost
	}
	if host, err = parseHost(host); err != nil {
		return Config{}, false, err
	}

	mode, err := parseTLSMode(env("SMTP_TLS"))
	if err != nil {
		return Config{}, false, err
	}
	port, err := parsePort(env("SMTP_PORT"), mode)
	if err != nil {
		return Config{}, false, err
	}
	if mode == "" {
		mode = TLSStartTLS
		if port == DefaultPortSSL {
			mode = TLSImplicit
		}
	}
	if mode == TLSNone && !isLoopback(host) {
		return Config{}, false, varErrorf("SMTP_TLS",
			"SMTP_TLS=none solo se permite con un servidor local (localhost, 127.0.0.1 o ::1) y SMTP_HOST es %q: use starttls o ssl", host)
	}

	switch {
	case from != "":
		err = checkAddress("SMTP_FROM", from, "")
	case user != "":
		from = user
		err = checkAddress("SMTP_FROM", from, " (tomado de SMTP_USER; defina SMTP_FROM con la dirección remitente)")
	default:
		err = varErrorf("SMTP_FROM", "SMTP_FROM es obligatorio cuando SMTP_USER está vacío: indique la dirección remitente")
	}
	if err != nil {
		return Config{}, false, err
	}

	return Config{Host: host, Port: port, User: user, Password: password, From: from, TLS: mode}, false, nil
}

func parseHost(host string) (string, error) {
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	if net.ParseIP(host) != nil {
		return host, nil
	}
	if strings.ContainsAny(host, ": /\t@") {
		return "", varErrorf("SMTP_HOST", "SMTP_HOST inválido: %q no es un nombre de servidor (el puerto va en SMTP_PORT)", host)
	}
	return host, nil
}

func parseTLSMode(s string) (TLSMode, error) {
	switch m := TLSMode(strings.ToLower(s)); m {
	case "", TLSStartTLS, TLSImplicit, TLSNone:
		return m, nil
	}
	return "", varErrorf("SMTP_TLS", "SMTP_TLS inválido: %q (valores posibles: starttls, ssl, none)", s)
}

// parsePort defaults to 465 for implicit TLS and 587 otherwise.
func parsePort(s string, mode TLSMode) (int, error) {
	if s == "" {
		if mode == TLSImplicit {
			return DefaultPortSSL, nil
		}
		return DefaultPort, nil
	}
	port, err := strconv.Atoi(s)
	if err != nil || port < 1 || port > 65535 {
		return 0, varErrorf("SMTP_PORT", "SMTP_PORT inválido: %q no es un número de puerto (1-65535)", s)
	}
	return port, nil
}

// checkAddress accepts a bare address only: the display name is always "Vigía".
func checkAddress(name, value, hint string) error {
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value {
		return varErrorf(name, "%s inválido: %q no es una dirección de correo válida%s", name, value, hint)
	}
	return nil
}

// isLoopback reports whether host names this machine: localhost, 127.0.0.0/8 or ::1.
func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
