package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"vigia/internal/config"
)

// showTimeout bounds the whole request to the running Vigía: a second launch
// must not hang when the address belongs to something that does not answer.
const showTimeout = 3 * time.Second

// HandOver is the single-instance check of a GUI launch whose API address is
// taken: it asks the Vigía there to show its window, with the token of cfg
// (VIGIA_API_TOKEN or the token file, which it never creates).
func HandOver(ctx context.Context, cfg config.Config) (bool, error) {
	token := cfg.APIToken
	if token == "" {
		var err error
		token, err = readTokenFile(filepath.Join(cfg.DataDir, tokenFileName))
		if err != nil {
			return false, fmt.Errorf("no se encontró el token de la API de otro Vigía: %w", err)
		}
	}
	return showRunningInstance(ctx, cfg.Addr, token)
}

// showRunningInstance asks the Vigía serving the API on addr to show its
// window (POST /api/app/mostrar). It returns true when a running Vigía
// answered that it did; otherwise false and why, in Spanish.
func showRunningInstance(ctx context.Context, addr, token string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, showTimeout)
	defer cancel()
	host, err := dialAddr(addr)
	if err != nil {
		return false, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+host+"/api/app/mostrar", nil)
	if err != nil {
		return false, fmt.Errorf("no se pudo preparar la solicitud a %s: %w", host, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	// No proxy: the request is for this machine (or the address the user bound).
	client := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	res, err := client.Do(req)
	if err != nil {
		return false, fmt.Errorf("no respondió ningún Vigía en %s: %w", host, err)
	}
	defer res.Body.Close()

	var body struct {
		Success *bool  `json:"success"`
		Error   string `json:"error"`
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if err != nil {
		return false, fmt.Errorf("no se pudo leer la respuesta de %s: %w", host, err)
	}
	if json.Unmarshal(raw, &body) != nil || body.Success == nil {
		return false, fmt.Errorf("el programa que usa %s no es Vigía (respondió %s)", host, res.Status)
	}
	switch {
	case res.StatusCode == http.StatusOK && *body.Success:
		return true, nil
	case res.StatusCode == http.StatusNotFound:
		return false, fmt.Errorf("el Vigía que usa %s se ejecuta sin interfaz y no tiene ventana que mostrar", host)
	case res.StatusCode == http.StatusUnauthorized:
		return false, fmt.Errorf("el Vigía que usa %s no aceptó el token de la API: usa otra carpeta de datos u otro VIGIA_API_TOKEN", host)
	}
	return false, fmt.Errorf("el Vigía que usa %s no mostró su ventana: %s", host, body.Error)
}

// dialAddr is where a listen address is reached from this machine: an
// unspecified host (":5000", "0.0.0.0:5000", "[::]:5000") means loopback.
func dialAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("dirección de la API no válida %q: %w", addr, err)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return net.JoinHostPort(host, port), nil
}
