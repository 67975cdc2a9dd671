package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"vigia/internal/config"
	"vigia/internal/console"
	"vigia/logfile"
)

// HTTPStopTimeout bounds the HTTP server's last requests at shutdown; then
// running digests get config.StopTimeout to finish before they are cancelled
// and finalised.
const HTTPStopTimeout = 5 * time.Second

// Program is one run of Vigía as main starts it: the process's arguments,
// environment and console, so the whole program can be driven by tests.
type Program struct {
	Args           []string
	Getenv         func(string) string
	Stdout, Stderr io.Writer
	Version        string // the release, for the API and the interface
	// Desktop opens the window and the tray (internal/desktop); main hands
	// it over, so the lifecycle does not depend on Fyne.
	Desktop Desktop
}

// Desktop is the desktop interface as the lifecycle sees it.
type Desktop interface {
	// Wanted says whether this run opens the window.
	Wanted(cfg config.Config, getenv func(string) string) bool
	// AnnounceHeadless explains, where it matters, why there is no window.
	AnnounceHeadless(cfg config.Config, getenv func(string) string, log *slog.Logger)
	// CloseToTrayByDefault is the close-to-tray preference while the user
	// never chose.
	CloseToTrayByDefault() bool
	// Run runs Vigía with its window: s.Serve beside the interface. It
	// returns the process's exit code.
	Run(ctx context.Context, s Server) int
}

// Server is what one process serves with: its configuration, console and
// log. Run makes it; the desktop starts its Serve beside the window.
type Server struct {
	Config  config.Config
	Console *console.Console
	Log     *slog.Logger
	LogFile *logfile.Writer // the rotating log; nil when the console is the standard output only
	Args    []string        // the command line, for the autostart entry
	Version string
	// CloseToTray is the close-to-tray preference while the user never chose.
	CloseToTray func() bool
}

// Run is the whole program: it returns the process's exit code.
func (p Program) Run() int {
	args, getenv, stdout, stderr := p.Args, p.Getenv, p.Stdout, p.Stderr
	dotenv, err := config.ReadDotenvFiles()
	if err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitConfig
	}
	if len(args) > 0 && args[0] == config.TransferCommand {
		return p.transfer(args[1:], dotenv)
	}
	cfg, err := config.Load(args, getenv, dotenv, stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return config.ExitOK
	case err != nil:
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitConfig
	}

	gui := p.Desktop.Wanted(cfg, getenv)
	out, logFile, err := console.Output(stdout, cfg.DataDir, gui)
	if err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitFailed
	}
	if logFile != nil {
		defer logFile.Close()
		stderr = io.MultiWriter(logFile, stderr) // file first: the Windows GUI has no stderr
	}
	con := console.New(out)
	log := slog.New(console.NewHandler(con, cfg.LogLevel))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // from now on a second Ctrl+C ends the process at once
	}()

	s := Server{Config: cfg, Console: con, Log: log, LogFile: logFile, Args: args, Version: p.Version,
		CloseToTray: p.Desktop.CloseToTrayByDefault}
	if gui {
		return p.Desktop.Run(ctx, s)
	}
	p.Desktop.AnnounceHeadless(cfg, getenv, log)
	if err := s.Serve(ctx, Hooks{}); err != nil {
		fmt.Fprintf(stderr, "ERROR: %v\n", err)
		return config.ExitFailed
	}
	log.Info("Vigía detenido")
	return config.ExitOK
}
