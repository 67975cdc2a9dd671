// Package web is Vigía's web interface: server-rendered pages (html/template,
// templates and assets embedded) that do in a browser what the desktop window
// does, over the same app.Service, served by the same listener as the API.
//
// Every page works without JavaScript: forms post and redirect (Post/Redirect/Get),
// and web/static/app.js only enhances. The pages speak the stored Configuración
// language (T and the translations/*.{es,en}.json files), the core's messages
// through package messages.
//
// Security (guard.go, auth*.go): a login page takes the API token and opens a
// server-side session (cookie «vigia_sesion», HttpOnly, SameSite=Strict, Secure
// over TLS or beyond loopback, 30 minutes idle); failed logins are limited per
// client address; every request passes the Host allow-list and the
// cross-origin refusal, and gets a strict Content-Security-Policy.
package web
