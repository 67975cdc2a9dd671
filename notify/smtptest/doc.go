// Package smtptest runs a real SMTP server (emersion/go-smtp) on 127.0.0.1 for
// tests: it records what it receives, can require AUTH, speak STARTTLS or
// implicit TLS with a certificate made at start, and refuse commands on cue
// or go silent (a greeting never sent, a DATA never answered).
// Tests of notify, the API and the end-to-end run share it.
package smtptest
