package cli

import (
	"fmt"
	"net"
	"net/http"
	"strings"

	"vigia/api"
	"vigia/web"
)

// handler is what the listener serves: the API under /api/ (byte for byte
// as when it was alone), the web interface at every other path.
func (c *core) handler(ln net.Listener, showWindow func()) (http.Handler, error) {
	apiHandler := api.New(c.svc, api.Options{
		Token:       c.token.Value,
		TokenHint:   c.token.Hint,
		Version:     c.version,
		Logger:      c.log,
		AllowRemote: c.cfg.AllowRemote,
		ShowWindow:  showWindow,
	})
	webHandler, err := web.New(c.svc, web.Options{
		Token:       c.token.Value,
		TokenFile:   c.token.File,
		AllowRemote: c.cfg.AllowRemote,
		Secure:      beyondLoopback(ln.Addr()),
		Settings:    c.prefs,
		Logger:      c.log,
		Version:     c.version,
	})
	if err != nil {
		return nil, fmt.Errorf("no se pudo preparar la interfaz web: %v", err)
	}
	return splitAPI(apiHandler, webHandler), nil
}

// splitAPI sends /api and everything under /api/ to apiHandler, the rest to
// webHandler. It is not a ServeMux: a ServeMux would clean and redirect paths
// before the API's own guard sees them.
func splitAPI(apiHandler, webHandler http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == "/api" || strings.HasPrefix(p, "/api/") {
			apiHandler.ServeHTTP(w, r)
			return
		}
		webHandler.ServeHTTP(w, r)
	})
}

// beyondLoopback reports whether addr is reachable from other machines (any
// address but a loopback one, 0.0.0.0 included): the session cookie is then
// Secure.
func beyondLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return !ok || !tcp.IP.IsLoopback()
}
