package config

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"vigia/app"
	"vigia/notify"
)

// The variables Vigía reads besides those of the stored settings, which the
// core names (app.SettingKeys: SMTP_*, EMAIL_DESTINATARIOS, VIGIA_TZ), and
// notify.EnvRetryWaits.
const (
	EnvAddr        = "VIGIA_ADDR"
	EnvDBPath      = "DB_PATH"
	EnvAPIToken    = "VIGIA_API_TOKEN"
	EnvLog         = "VIGIA_LOG"
	EnvStopTimeout = "VIGIA_STOP_TIMEOUT" // for tests and supervisors: not in --help
)

// helpVariable is one entry of the help's list of variables.
type helpVariable struct {
	name string
	help string // lines after the first are indented under it
}

// helpNameWidth is the column the help's descriptions start at.
const helpNameWidth = 21

// helpVariables is the help's list of variables, those of the stored
// settings as app names them.
func helpVariables() []helpVariable {
	var smtp []string
	for _, k := range app.SettingKeys() {
		if name := k.EnvVar(); strings.HasPrefix(name, "SMTP_") {
			smtp = append(smtp, name)
		}
	}
	return []helpVariable{
		{EnvAddr, "dirección de la API y de la interfaz web (como --addr)"},
		{EnvDBPath, "archivo de la base de datos SQLite (como --db)"},
		{EnvDatabaseURL, "base PostgreSQL de la oficina, en lugar de DB_PATH:\n" +
			"postgres://usuario:clave@servidor:5432/vigia?sslmode=require"},
		{EnvAPIToken, "token de la API; si falta se crea <carpeta de datos>/api-token"},
		{app.SettingZone.EnvVar(), "zona horaria IANA de las programaciones (" + app.DefaultZone + ")"},
		{app.SettingDefaultRecipients.EnvVar(), "destinatarios por defecto, separados por comas (o punto y coma)"},
		{strings.Join(smtp, ", "), "servidor de correo; sin " + app.SettingSMTPHost.EnvVar() + " ni " + app.SettingSMTPUser.EnvVar() +
			" los resúmenes\nse guardan como .eml en <carpeta de datos>/outbox"},
		{notify.EnvRetryWaits, "esperas entre intentos de envío tras un fallo temporal\n" +
			"del servidor de correo (10s,60s,5m); \"ninguno\": un solo intento"},
		{EnvLog, "nivel de los mensajes: debug, info, warn, error (info)"},
	}
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
  vigia `+TransferCommand+` --hacia postgres://usuario:clave@servidor:5432/vigia
      copia los datos de esta base a la de la oficina (vea vigia `+TransferCommand+` --help)

Opciones:
`)
	printFlags(w, fs)
	fmt.Fprint(w, `
Variables de entorno (también se leen de un archivo .env en la carpeta actual
y de <configuración del usuario>/Vigia/.env, sin reemplazar las ya definidas):
`)
	for _, v := range helpVariables() {
		lines := strings.Split(v.help, "\n")
		if len(v.name) < helpNameWidth-1 {
			fmt.Fprintf(w, "  %-*s%s\n", helpNameWidth, v.name, lines[0])
			lines = lines[1:]
		} else {
			fmt.Fprintf(w, "  %s\n", v.name)
		}
		for _, l := range lines {
			fmt.Fprintf(w, "  %*s%s\n", helpNameWidth, "", l)
		}
	}
}

// printFlags lists fs's flags: name, value, help and default.
func printFlags(w io.Writer, fs *flag.FlagSet) {
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
}
