package main

import (
	"archive/zip"
	"bytes"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeZip makes a zoneinfo.zip-like archive holding the given names.
func writeZip(t *testing.T, names ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "zoneinfo.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	for _, n := range names {
		fw, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(n, "/") {
			if _, err := io.WriteString(fw, "TZif2"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// zonesOf parses the generated file and returns the listed zones.
func zonesOf(t *testing.T, src []byte) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "zones_gen.go", src, 0)
	if err != nil {
		t.Fatalf("generated file does not parse: %v\n%s", err, src)
	}
	if f.Name.Name != "ui" {
		t.Errorf("package = %s, want ui", f.Name.Name)
	}
	var zones []string
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSuffix(strings.TrimSpace(line), ",")
		if strings.HasPrefix(line, `"`) {
			z, err := strconv.Unquote(line)
			if err != nil {
				t.Fatal(err)
			}
			zones = append(zones, z)
		}
	}
	return zones
}

func TestGeneratedListKeepsCanonicalZonesSortedWithoutAliases(t *testing.T) {
	// given a zip with canonical zones, aliases, fixed offsets, folders and a repeated name
	zipPath := writeZip(t, "Europe/", "Europe/Madrid", "America/Bogota", "America/Buenos_Aires",
		"America/Argentina/Buenos_Aires", "US/Eastern", "Etc/UTC", "Etc/GMT+5", "UTC", "CET",
		"Cuba", "Asia/Calcutta", "Asia/Kolkata", "America/Bogota")
	out := filepath.Join(t.TempDir(), "zones_gen.go")

	// when the generator runs
	var stderr bytes.Buffer
	if code := run([]string{"-zip", zipPath, "-o", out}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}

	// then the file lists only the canonical names, sorted, once each
	src, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"America/Argentina/Buenos_Aires", "America/Bogota", "Asia/Kolkata", "Europe/Madrid", "UTC"}
	if got := zonesOf(t, src); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("zones = %v, want %v", got, want)
	}
	if !bytes.HasPrefix(src, []byte("// Code generated ")) || !bytes.Contains(src, []byte("DO NOT EDIT.")) {
		t.Errorf("missing the generated-code header:\n%s", src)
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	// given one zip
	zipPath := writeZip(t, "Pacific/Auckland", "Europe/Madrid", "UTC", "Africa/Lagos")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.go"), filepath.Join(dir, "b.go")

	// when the generator runs twice
	for _, out := range []string{a, b} {
		if code := run([]string{"-zip", zipPath, "-o", out}, io.Discard); code != 0 {
			t.Fatalf("exit %d", code)
		}
	}

	// then both outputs are the same bytes
	srcA, _ := os.ReadFile(a)
	srcB, _ := os.ReadFile(b)
	if len(srcA) == 0 || !bytes.Equal(srcA, srcB) {
		t.Errorf("outputs differ or are empty:\n%s\n---\n%s", srcA, srcB)
	}
}

func TestGeneratorFailsWithoutZones(t *testing.T) {
	// given a zip with only aliases
	zipPath := writeZip(t, "US/Eastern", "Etc/GMT")
	out := filepath.Join(t.TempDir(), "zones_gen.go")

	// when the generator runs
	var stderr bytes.Buffer
	code := run([]string{"-zip", zipPath, "-o", out}, &stderr)

	// then it fails, says why and writes nothing
	if code == 0 {
		t.Fatal("exit 0, want a failure")
	}
	if !strings.Contains(stderr.String(), "no contiene zonas horarias") {
		t.Errorf("stderr = %q", stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output written: %v", err)
	}
}
