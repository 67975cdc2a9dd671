package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

const tokenFileName = "api-token"

// apiToken is the bearer token of the API and where it comes from, for the
// banner and for the API's 401 message. The token itself is never printed.
type apiToken struct {
	Value string
	Hint  string // "el archivo /ruta/api-token" or "la variable VIGIA_API_TOKEN"
	File  string // the token file; empty when the token comes from VIGIA_API_TOKEN
	// Warning is set when the token file can be read by other users.
	Warning string
}

// loadToken returns VIGIA_API_TOKEN when set; otherwise the token of
// <dataDir>/api-token, created at the first run with 32 random bytes (hex) and
// mode 0600.
func loadToken(fromEnv, dataDir string) (apiToken, error) {
	if fromEnv != "" {
		return apiToken{Value: fromEnv, Hint: "la variable VIGIA_API_TOKEN"}, nil
	}
	path := filepath.Join(dataDir, tokenFileName)
	tok := apiToken{Hint: "el archivo " + path, File: path}
	value, err := readTokenFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		value, err = createTokenFile(path)
	}
	if err != nil {
		return apiToken{}, err
	}
	tok.Value = value
	if info, err := os.Stat(path); err == nil && runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		tok.Warning = fmt.Sprintf("El archivo del token %s tiene permisos %04o: otros usuarios pueden leerlo. Ejecute: chmod 600 %s",
			path, info.Mode().Perm(), path)
	}
	return tok, nil
}

func readTokenFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		return "", fmt.Errorf("no se pudo leer el token de la API en %s: %w", path, err)
	}
	value := strings.TrimSpace(string(b))
	if value == "" {
		return "", fmt.Errorf("el archivo del token %s está vacío: bórrelo para que Vigía cree uno nuevo", path)
	}
	return value, nil
}

// createTokenFile writes a new token to a temporary file and links it into
// place, so the file is never seen half written and, when two first starts
// race, the loser reads the winner's token.
func createTokenFile(path string) (string, error) {
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("generar el token de la API: %w", err)
	}
	value := hex.EncodeToString(buf)
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("no se pudo crear la carpeta de datos %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, tokenFileName+".*.tmp") // mode 0600
	if err != nil {
		return "", fmt.Errorf("no se pudo crear el token de la API en %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(value + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp.Name(), path)
	}
	if errors.Is(err, fs.ErrExist) {
		return readTokenFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("no se pudo escribir el token de la API en %s: %w", path, err)
	}
	return value, nil
}
