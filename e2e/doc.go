// Package e2e holds the end-to-end tests: they build the vigia binary (the
// headless build, and the desktop build on a virtual X display) and drive it
// as a user and the system would, through flags, the environment, HTTP,
// signals and the console: restarts, a crash, two processes on one
// database, recovery of missed slots, clean stops of the desktop, the web
// interface in a real Chromium, and the office mode on PostgreSQL (two
// processes on one database, the leader killed, the server restarted in a
// burst of runs, on a cluster the test starts itself).
package e2e
