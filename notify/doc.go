// Package notify delivers digests by e-mail: it renders them (Spanish HTML and
// plain text from embedded templates), sends them over SMTP with go-mail, or
// writes them as .eml files to an outbox when no SMTP server is configured.
// It also reads the SMTP settings from the environment and keeps the password
// out of every printed or logged form of them.
package notify
