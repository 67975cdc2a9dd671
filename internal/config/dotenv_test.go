package config

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDotenvReadsTheSeedFileAndCommonForms(t *testing.T) {
	// given
	in := `# Servidor SMTP (Gmail ejemplo)
SMTP_USER=tu_email@gmail.com
SMTP_PASSWORD=tu_app_password

export EMAIL_DESTINATARIOS=admin@ejemplo.com,gerente@ejemplo.com
DB_PATH = data/facturacion.db   # relativa a la carpeta actual
SINGLE='con # y \n literales'
DOUBLE="línea 1\nlínea \"2\""
EMPTY=
HASH_IN_VALUE=abc#def
COMMENT_ONLY=   # la clave de aplicación
HASH_FIRST=#1
`
	// when
	got, err := parseDotenv(strings.NewReader(in))

	// then
	if err != nil {
		t.Fatalf("parseDotenv: %v", err)
	}
	want := map[string]string{
		"SMTP_USER":           "tu_email@gmail.com",
		"SMTP_PASSWORD":       "tu_app_password",
		"EMAIL_DESTINATARIOS": "admin@ejemplo.com,gerente@ejemplo.com",
		"DB_PATH":             "data/facturacion.db",
		"SINGLE":              `con # y \n literales`,
		"DOUBLE":              "línea 1\nlínea \"2\"",
		"EMPTY":               "",
		"HASH_IN_VALUE":       "abc#def",
		"COMMENT_ONLY":        "",
		"HASH_FIRST":          "#1",
	}
	if len(got) != len(want) {
		t.Errorf("got %d variables %v, want %d", len(got), got, len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestParseDotenvRejectsMalformedLinesWithTheirNumber(t *testing.T) {
	cases := map[string]string{
		"no equals sign":   "A=1\nSOLO_NOMBRE\n",
		"bad name":         "A=1\n1ABC=2\n",
		"unclosed quote":   "A=1\nB=\"abierta\n",
		"text after quote": "A=1\nB='x' y\n",
		"too long":         "A=1\nB=" + strings.Repeat("x", 70000) + "\nC=3\n",
		"after a lone CR":  "A=1\rSOLO_NOMBRE\r",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := parseDotenv(strings.NewReader(in))
			if err == nil || !strings.Contains(err.Error(), "línea 2") {
				t.Fatalf("err = %v, want a message naming línea 2", err)
			}
		})
	}
}

func TestParseDotenvEndsLinesAtALoneCR(t *testing.T) {
	// given a file of an old Mac editor: lines ended by CR alone, and one CR LF
	in := "SMTP_HOST=smtp.ejemplo.com\rSMTP_PORT=587\r\rEMAIL_DESTINATARIOS=\"a@b.co\"\r\nVIGIA_TZ=America/Bogota\r"

	// when
	got, err := parseDotenv(strings.NewReader(in))

	// then each line is a variable, and no value holds a CR
	want := map[string]string{"SMTP_HOST": "smtp.ejemplo.com", "SMTP_PORT": "587",
		"EMAIL_DESTINATARIOS": "a@b.co", "VIGIA_TZ": "America/Bogota"}
	if err != nil || !maps.Equal(got, want) {
		t.Fatalf("parseDotenv = %q, %v; want %q", got, err, want)
	}
}

func TestReadDotenvTreatsAMissingFileAsEmpty(t *testing.T) {
	got, err := ReadDotenv(filepath.Join(t.TempDir(), ".env"))
	if err != nil || len(got) != 0 {
		t.Fatalf("ReadDotenv = %v, %v; want empty, nil", got, err)
	}
}

func TestReadDotenvNamesTheFileInItsErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("MAL\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ReadDotenv(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want it to name %s", err, path)
	}
}
