package autostart

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

// plistDict is the top dictionary of a property list as key/value pairs.
type plistDict struct {
	Items []plistItem `xml:",any"`
}

type plistItem struct {
	XMLName xml.Name
	Text    string      `xml:",chardata"`
	Items   []plistItem `xml:",any"`
}

func parsePlist(t *testing.T, data []byte) map[string]plistItem {
	t.Helper()
	var doc struct {
		XMLName xml.Name  `xml:"plist"`
		Version string    `xml:"version,attr"`
		Dict    plistDict `xml:"dict"`
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		t.Fatalf("the plist is not valid XML: %v\n%s", err, data)
	}
	if doc.Version != "1.0" {
		t.Errorf("plist version %q", doc.Version)
	}
	out := map[string]plistItem{}
	items := doc.Dict.Items
	if len(items)%2 != 0 {
		t.Fatalf("dict has a key without a value: %+v", items)
	}
	for i := 0; i < len(items); i += 2 {
		if items[i].XMLName.Local != "key" {
			t.Fatalf("item %d is a %s, want a key", i, items[i].XMLName.Local)
		}
		out[items[i].Text] = items[i+1]
	}
	return out
}

func TestLaunchAgentRunsTheProgramAtLoginOnce(t *testing.T) {
	exe := "/Applications/Vigía.app/Contents/MacOS/vigia"
	dict := parsePlist(t, launchAgentPlist(exe, []string{"--minimizado"}))

	if got := dict["Label"]; got.XMLName.Local != "string" || got.Text != "co.vigia.app" {
		t.Errorf("Label = %+v", got)
	}
	var argv []string
	for _, it := range dict["ProgramArguments"].Items {
		argv = append(argv, it.Text)
	}
	if want := []string{exe, "--minimizado"}; !slices.Equal(argv, want) {
		t.Errorf("ProgramArguments = %q, want %q", argv, want)
	}
	if got := dict["RunAtLoad"].XMLName.Local; got != "true" {
		t.Errorf("RunAtLoad = <%s/>, want <true/>", got)
	}
	if _, ok := dict["KeepAlive"]; ok {
		t.Error("KeepAlive would relaunch Vigía after the user quits it")
	}
}

func TestLaunchAgentEscapesXMLInArguments(t *testing.T) {
	args := []string{"a&b", "<c>", `"d"`, "e'f"}
	data := launchAgentPlist("/Users/ana/R&D/vigia", args)
	if !strings.HasPrefix(string(data), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("missing XML declaration:\n%s", data)
	}
	var argv []string
	for _, it := range parsePlist(t, data)["ProgramArguments"].Items {
		argv = append(argv, it.Text)
	}
	if want := append([]string{"/Users/ana/R&D/vigia"}, args...); !slices.Equal(argv, want) {
		t.Errorf("ProgramArguments = %q, want %q", argv, want)
	}
}
