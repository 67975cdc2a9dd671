// Package notify delivers digests by e-mail: it renders them (Spanish HTML and
// plain text from embedded templates; Renderer lends the same rendering to
// app's previews), sends them over SMTP with go-mail, or
// writes them as .eml files to an outbox when no SMTP server is configured.
// A failed SMTP attempt is classified (smtperror.go): transient failures
// (4xx, timeouts, dropped connections, failed dials) are retried within the
// run after the waits of VIGIA_SMTP_REINTENTOS (retry.go), permanent ones
// (5xx) are not, and refused credentials or TLS settings are reported as a
// configuration problem. Every attempt for one (trigger, slot) carries the
// same Message-ID.
// It also reads the SMTP settings from the environment and keeps the password
// out of every printed or logged form of them.
package notify
