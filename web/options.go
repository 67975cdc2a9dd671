package web

import (
	"html/template"
	"strings"
)

// selectChoice is one choice of a select.
type selectChoice struct {
	Value, Label string
	Selected     bool
}

// options writes choices as a select's <option> elements, each on a line of
// its own, as a template ranging over them writes them: with 2,000
// companies that range cost the alert form more than everything else
// (html/template calls an escaper per value through reflection).
func options(choices []selectChoice) template.HTML {
	var b strings.Builder
	b.Grow(len(choices) * 48)
	for _, c := range choices {
		b.WriteString("\n<option value=\"")
		htmlEscaper.WriteString(&b, c.Value)
		b.WriteByte('"')
		if c.Selected {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		htmlEscaper.WriteString(&b, c.Label)
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

// htmlEscaper escapes text for an element's content or a quoted attribute
// as html/template does.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")
