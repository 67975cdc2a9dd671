// Package httpguard holds the request checks that the API and the web
// interface share, so that both refuse the same requests: the loopback Host
// allow-list that defeats DNS rebinding.
package httpguard
