package notify

import (
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strconv"
	"strings"

	"vigia/app"
	"vigia/messages"
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

// Describe is the server for people, e.g. in Spanish
// "smtp.gmail.com:587 (STARTTLS) como tu_email@gmail.com". No password.
func (c Config) Describe() app.Message {
	from := c.From
	if from == c.User {
		from = ""
	}
	return app.Msg(app.CodeMailServer, app.Args{"Addr": c.Addr(), "TLS": string(c.TLS), "User": c.User, "From": from})
}

// String is Describe in Spanish, for the console and logs.
func (c Config) String() string { return messages.Text("es", c.Describe()) }

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

// VarError is an invalid configuration variable (SMTP_* here, VIGIA_TZ and
// EMAIL_DESTINATARIOS in internal/config). Var names the variable the user
// must change; the message names it too.
type VarError struct {
	Var string
	// Problem is what is wrong, for an edge to word in its language (the
	// desktop's Configuración).
	Problem app.Message
	// Msg is the Spanish words, for the console and logs.
	Msg string
}

func (e *VarError) Error() string { return e.Msg }

// NewVarError is the refusal of the variable name for problem, worded in
// Spanish once for the console.
func NewVarError(name string, problem app.Message) *VarError {
	return &VarError{Var: name, Problem: problem, Msg: messages.Text("es", problem)}
}

// varError is NewVarError as an error.
func varError(name string, problem app.Message) error { return NewVarError(name, problem) }

// ConfigFromEnv reads the seed's SMTP_* variables through getenv (os.Getenv,
// or a lookup that also sees the .env file). With neither SMTP_HOST nor
// SMTP_USER it returns outbox = true: digests go to files, and cfg.From holds
// SMTP_FROM if it was given. Errors are *VarError naming the variable.
func ConfigFromEnv(getenv func(string) string) (cfg Config, outbox bool, err error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	host, user, from := env("SMTP_HOST"), env("SMTP_USER"), env("SMTP_FROM")
	password := Secret(getenv("SMTP_PASSWORD")) // verbatim: blanks may belong to it

	if password != "" && user == "" {
		return Config{}, false, varError("SMTP_USER", app.Msg(app.CodeSMTPPasswordWithoutUser, nil))
	}
	if host == "" && user == "" {
		if from != "" && !bareAddress(from) {
			return Config{}, false, varError("SMTP_FROM", app.Msg(app.CodeSMTPFromInvalid, app.Args{"Value": from}))
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
		return Config{}, false, varError("SMTP_TLS", app.Msg(app.CodeSMTPTLSNoneRemote, app.Args{"Host": host}))
	}

	if from, err = sender(from, user); err != nil {
		return Config{}, false, err
	}

	return Config{Host: host, Port: port, User: user, Password: password, From: from, TLS: mode}, false, nil
}

// sender is the address digests come from: SMTP_FROM, or else SMTP_USER.
func sender(from, user string) (string, error) {
	switch {
	case from != "" && !bareAddress(from):
		return "", varError("SMTP_FROM", app.Msg(app.CodeSMTPFromInvalid, app.Args{"Value": from}))
	case from != "":
		return from, nil
	case user == "":
		return "", varError("SMTP_FROM", app.Msg(app.CodeSMTPFromRequired, nil))
	case !bareAddress(user):
		return "", varError("SMTP_FROM", app.Msg(app.CodeSMTPFromUserInvalid, app.Args{"Value": user}))
	}
	return user, nil
}

func parseHost(host string) (string, error) {
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	if net.ParseIP(host) != nil {
		return host, nil
	}
	if strings.ContainsAny(host, ": /\t@") {
		return "", varError("SMTP_HOST", app.Msg(app.CodeSMTPHostInvalid, app.Args{"Value": host}))
	}
	return host, nil
}

func parseTLSMode(s string) (TLSMode, error) {
	switch m := TLSMode(strings.ToLower(s)); m {
	case "", TLSStartTLS, TLSImplicit, TLSNone:
		return m, nil
	}
	return "", varError("SMTP_TLS", app.Msg(app.CodeSMTPTLSInvalid, app.Args{"Value": s}))
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
		return 0, varError("SMTP_PORT", app.Msg(app.CodeSMTPPortInvalid, app.Args{"Value": s}))
	}
	return port, nil
}

// bareAddress accepts a bare address only: the display name is always "Vigía".
func bareAddress(value string) bool {
	a, err := mail.ParseAddress(value)
	return err == nil && a.Address == value
}

// isLoopback reports whether host names this machine: localhost, 127.0.0.0/8 or ::1.
func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
