// Package console owns what Vigía writes to its console, in the seed's
// format: the start-up banner, the block of each finished run, recoveries,
// the pause, the role lines of a leader or a standby (console.go) and the
// `INFO: message key=value` log lines of its slog handler (logging.go). It
// also decides where that console goes (output.go): the standard output, and
// the rotating log file and crash log when nobody reads the standard output
// (a desktop process, a daemon); on Windows it attaches the GUI build to the
// terminal it was started from.
package console
