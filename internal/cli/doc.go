// Package cli is Vigía's lifecycle: a run of the program from its command line
// to its exit code. It reads the configuration (internal/config), sets up the
// console (internal/console), builds the core from that configuration (the
// database, the settings, the mailer, the Service, the scheduler and its
// coordinator, the API token), starts it in order (timers, lease, banner,
// API) and stops it in the reverse order on a signal, so a digest being sent
// finishes and is recorded. With a desktop it hands Serve to internal/desktop,
// which runs it beside the window; a second desktop launch hands over to the
// running Vigía (instance.go). It also owns the API's token file (token.go).
package cli
