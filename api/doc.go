// Package api serves Vigía's localhost HTTP API over app.Service: the seed's
// trigger, history and scheduler endpoints, the scheduler's pause, minimal
// companies and alerts, and the security around them (Host allow-list, bearer
// token, cross-site refusal, JSON-only bodies with a size limit). Responses use
// the seed's envelope {"success", "datos", "message"} and, on errors,
// {"success": false, "error", "errores"} with Spanish messages.
package api
