package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ReadDotenvFiles reads the current folder's .env, then the user's
// (UserDotenv); a variable set in the first wins.
func ReadDotenvFiles() (map[string]string, error) {
	vars, err := ReadDotenv(".env")
	if err != nil {
		return nil, err
	}
	path := UserDotenv()
	if path == "" {
		return vars, nil
	}
	user, err := ReadDotenv(path)
	if err != nil {
		return nil, err
	}
	for k, v := range user {
		if _, ok := vars[k]; !ok {
			vars[k] = v
		}
	}
	return vars, nil
}

// UserDotenv is the .env file in the user's configuration folder's Vigia/,
// beside the default database: found whatever folder Vigía starts in (at
// logon, the autostart entry's start is in no folder of the user's choosing),
// so DATABASE_URL can live there instead of in the login item. It is ""
// where the user has no configuration folder.
func UserDotenv() string {
	dir, err := userDataDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, ".env")
}

// ReadDotenv reads the .env file at path; a missing file is an empty one.
func ReadDotenv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("no se pudo leer %s: %w", path, err)
	}
	defer f.Close()
	vars, err := parseDotenv(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return vars, nil
}

// parseDotenv reads KEY=VALUE lines: blank lines and # comments are skipped, an
// `export ` prefix is allowed, values may be in single quotes (literal) or
// double quotes (\n, \" and \\ escapes); an unquoted value ends at " #".
// Lines end with LF, CR LF or a lone CR (an editor of the old Mac).
func parseDotenv(r io.Reader) (map[string]string, error) {
	vars := map[string]string{}
	sc := bufio.NewScanner(r)
	sc.Split(scanAnyLines)
	n := 1
	for ; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		key, value, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || !validEnvName(key) {
			return nil, fmt.Errorf("línea %d: se esperaba NOMBRE=valor", n)
		}
		v, err := dotenvValue(value)
		if err != nil {
			return nil, fmt.Errorf("línea %d (%s): %w", n, key, err)
		}
		vars[key] = v
	}
	switch err := sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		return nil, fmt.Errorf("línea %d: demasiado larga (más de %d KiB)", n, bufio.MaxScanTokenSize/1024)
	case err != nil:
		return nil, err
	}
	return vars, nil
}

// scanAnyLines is bufio.ScanLines that also ends a line at a lone CR.
func scanAnyLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0 && atEOF && len(data) > 0:
		return len(data), data, nil
	case i < 0:
		return 0, nil, nil
	case data[i] == '\n':
		return i + 1, data[:i], nil
	case i+1 < len(data):
		if data[i+1] == '\n' {
			return i + 2, data[:i], nil
		}
		return i + 1, data[:i], nil
	case atEOF:
		return i + 1, data[:i], nil
	}
	return 0, nil, nil // a CR at the end of what was read: an LF may follow
}

// dotenvValue reads what follows the "=": a comment after a blank ("A= #
// nota") leaves the value empty, as it ends an unquoted value ("A=1 #
// nota"); a "#" right after the "=" is the value's ("A=#1").
func dotenvValue(raw string) (string, error) {
	v := strings.TrimSpace(raw)
	if v == "" || v[0] == '#' && raw[0] != '#' {
		return "", nil
	}
	switch q := v[0]; q {
	case '\'', '"':
		end := closingQuote(v, q)
		if end < 0 {
			return "", errors.New("falta la comilla de cierre")
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
			return "", errors.New("texto después de la comilla de cierre")
		}
		if q == '\'' {
			return v[1:end], nil
		}
		return strings.NewReplacer(`\n`, "\n", `\"`, `"`, `\\`, `\`).Replace(v[1:end]), nil
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v, nil
}

// closingQuote is the index of the quote that closes v[0], skipping \" inside double quotes.
func closingQuote(v string, q byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

func validEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
