package web

import (
	"html/template"
	"strings"
	"testing"
)

func TestOptionsWriteWhatTheTemplatesRangeWrote(t *testing.T) {
	// given choices with every character html/template escapes
	choices := []selectChoice{
		{Value: "", Label: "— Todas —", Selected: false},
		{Value: "4", Label: `Zeta & Cía. "la <buena>" O'Neil + 1` + "\x00", Selected: true},
		{Value: `a"b&c'<d>+`, Label: "Ñandú (inactiva)"},
	}
	ranged := template.Must(template.New("t").Parse(`<select>
{{- range .}}
<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>
{{- end}}
</select>`))
	helper := template.Must(template.New("t").Funcs(templateFuncs).Parse(`<select>
{{- options .}}
</select>`))

	// when both write them
	var want, got strings.Builder
	if err := ranged.Execute(&want, choices); err != nil {
		t.Fatal(err)
	}
	if err := helper.Execute(&got, choices); err != nil {
		t.Fatal(err)
	}

	// then the helper's HTML is the range's, byte for byte
	if got.String() != want.String() {
		t.Errorf("options wrote\n%s\nthe range wrote\n%s", got.String(), want.String())
	}
	if !strings.Contains(got.String(), "Zeta &amp; Cía. &#34;la &lt;buena&gt;&#34; O&#39;Neil &#43; 1\uFFFD") {
		t.Errorf("the label is not escaped: %s", got.String())
	}
}
