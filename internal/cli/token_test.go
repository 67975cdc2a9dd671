package cli

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestTokenFileIsCreatedOnceWithMode0600AndReadAfterwards(t *testing.T) {
	// given: an empty data directory that does not exist yet
	dir := filepath.Join(t.TempDir(), "Vigia")

	// when
	first, err := loadToken("", dir)
	if err != nil {
		t.Fatalf("first loadToken: %v", err)
	}
	second, err := loadToken("", dir)
	if err != nil {
		t.Fatalf("second loadToken: %v", err)
	}

	// then
	path := filepath.Join(dir, "api-token")
	if b, err := hex.DecodeString(first.Value); err != nil || len(b) != 32 {
		t.Errorf("token %q is not 32 hex-encoded bytes", first.Value)
	}
	if second.Value != first.Value {
		t.Error("the second start made a new token instead of reading the file")
	}
	if first.Hint != "el archivo "+path || first.File != path || first.Warning != "" {
		t.Errorf("hint %q, warning %q", first.Hint, first.Warning)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", info.Mode().Perm())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestTokenFromTheEnvironmentWinsAndNoFileIsWritten(t *testing.T) {
	dir := t.TempDir()
	tok, err := loadToken("mi-token-secreto", dir)
	if err != nil || tok.Value != "mi-token-secreto" || tok.Hint != "la variable VIGIA_API_TOKEN" || tok.File != "" {
		t.Fatalf("loadToken = %+v, %v", tok, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "api-token")); !os.IsNotExist(err) {
		t.Errorf("api-token was written although VIGIA_API_TOKEN is set (stat: %v)", err)
	}
}

func TestTokenFileReadableByOthersIsWarnedAbout(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	// given
	dir := t.TempDir()
	path := filepath.Join(dir, "api-token")
	if err := os.WriteFile(path, []byte("abc123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}

	// when
	tok, err := loadToken("", dir)

	// then
	if err != nil || tok.Value != "abc123" {
		t.Fatalf("loadToken = %+v, %v", tok, err)
	}
	if !strings.Contains(tok.Warning, "0644") || !strings.Contains(tok.Warning, "chmod 600 "+path) {
		t.Errorf("warning = %q, want the mode and the chmod to run", tok.Warning)
	}
}

func TestEmptyTokenFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "api-token"), []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadToken("", dir); err == nil || !strings.Contains(err.Error(), "vacío") {
		t.Fatalf("err = %v, want a message that the file is empty", err)
	}
}
