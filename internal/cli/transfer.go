package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"vigia/internal/config"
	"vigia/storage"
)

// tableNames are the copied tables as the report names them.
var tableNames = map[string]string{
	"triggers":         "triggers",
	"executions":       "historial",
	"empresas":         "empresas",
	"alertas":          "alertas",
	"settings":         "ajustes",
	"calendario_datos": "calendario importado",
}

// transfer is `vigia migrar-datos`: it copies one database into another
// (storage.Transfer) and prints the rows it verified on both sides. It
// returns the process's exit code: 0 when every table matches, 1 when the
// copy failed or a count differs, 2 for bad options.
func (p Program) transfer(args []string, dotenv map[string]string) int {
	t, err := config.LoadTransfer(args, p.Getenv, dotenv, p.Stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return config.ExitOK
	case err != nil:
		fmt.Fprintf(p.Stderr, "ERROR: %v\n", err)
		return config.ExitConfig
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := runTransfer(ctx, t, p.Stdout); err != nil {
		fmt.Fprintf(p.Stderr, "ERROR: %v\n", err)
		return config.ExitFailed
	}
	return config.ExitOK
}

// runTransfer opens both databases, copies and reports.
func runTransfer(ctx context.Context, t config.Transfer, out io.Writer) error {
	if !storage.IsPostgresURL(t.From) {
		if _, err := os.Stat(t.From); err != nil {
			return fmt.Errorf("no se encontró la base de datos de origen %s: indíquela con --desde (o DB_PATH)", t.FromName())
		}
	}
	from, err := openStore(ctx, t.From)
	if err != nil {
		return err
	}
	defer from.Close()
	to, err := openStore(ctx, t.To)
	if err != nil {
		return err
	}
	defer to.Close()

	fmt.Fprintf(out, "Origen:  %s\nDestino: %s\nCopiando en una sola transacción...\n", t.FromName(), t.ToName())
	report, err := storage.Transfer(ctx, from, to, storage.TransferOptions{
		Replace: t.Replace,
		Progress: func(table string, rows int64) {
			fmt.Fprintf(out, "  %-21s %d filas\n", tableNames[table]+":", rows)
		},
	})
	var full *storage.TargetNotEmptyError
	switch {
	case errors.As(err, &full):
		return fmt.Errorf("la base de destino %s ya tiene datos (%s): no se copió nada. "+
			"Para vaciarla y copiar de nuevo, repita la orden con --reemplazar", t.ToName(), countsText(full.Tables))
	case ctx.Err() != nil:
		return fmt.Errorf("copia interrumpida: la base de destino %s quedó como estaba", t.ToName())
	case err != nil:
		return fmt.Errorf("no se pudieron copiar los datos: %v. La base de destino %s quedó como estaba", err, t.ToName())
	}
	printReport(out, report)
	if !report.Verified() {
		return fmt.Errorf("el destino %s no tiene las mismas filas que el origen (vea la tabla): revise el servidor y repita la copia con --reemplazar", t.ToName())
	}
	fmt.Fprintf(out, "Copia completa y verificada. Para usarla, defina en cada equipo DATABASE_URL con la URL de %s\n"+
		"(en el entorno o en .env) y quite DB_PATH.\n", t.ToName())
	return nil
}

// printReport is the table of each table's rows in the source and in the target.
func printReport(out io.Writer, r storage.TransferReport) {
	fmt.Fprintf(out, "Filas verificadas (el destino, leído de nuevo tras confirmar la copia):\n")
	fmt.Fprintf(out, "  %-21s %10s %10s\n", "tabla", "origen", "destino")
	for _, c := range r.Tables {
		mark := ""
		if c.Source != c.Target {
			mark = "  ← DISTINTO"
		}
		fmt.Fprintf(out, "  %-21s %10d %10d%s\n", tableNames[c.Table], c.Source, c.Target, mark)
	}
}

// countsText is "triggers: 3, alertas: 120".
func countsText(tables []storage.TableCount) string {
	parts := make([]string, len(tables))
	for i, c := range tables {
		parts[i] = fmt.Sprintf("%s: %d", tableNames[c.Table], c.Target)
	}
	return strings.Join(parts, ", ")
}
