package autostart

import (
	"bytes"
	"encoding/xml"
)

// launchAgentPlist is the LaunchAgent that starts exe with args when the user
// logs in. RunAtLoad without KeepAlive: launchd starts Vigía once per login
// and does not bring it back after the user quits it.
func launchAgentPlist(exe string, args []string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n")
	b.WriteString("<plist version=\"1.0\">\n<dict>\n")
	b.WriteString("\t<key>Label</key>\n")
	writePlistString(&b, "\t", appID)
	b.WriteString("\t<key>ProgramArguments</key>\n\t<array>\n")
	writePlistString(&b, "\t\t", exe)
	for _, a := range args {
		writePlistString(&b, "\t\t", a)
	}
	b.WriteString("\t</array>\n")
	b.WriteString("\t<key>RunAtLoad</key>\n\t<true/>\n")
	b.WriteString("\t<key>ProcessType</key>\n")
	writePlistString(&b, "\t", "Interactive")
	b.WriteString("</dict>\n</plist>\n")
	return b.Bytes()
}

func writePlistString(b *bytes.Buffer, indent, s string) {
	b.WriteString(indent + "<string>")
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer never fails
	b.WriteString("</string>\n")
}
