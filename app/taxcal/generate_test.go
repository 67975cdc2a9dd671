package taxcal

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"
)

// go test ./app/taxcal -run TestEmbeddedDataFollowsTheRule -update rewrites
// data/calendario.json: DIAN's entries of each year the file holds are
// written again from the rule, the holidays and the file's non-business
// days; its header, non-business days and ICA entries stay as they are.
var update = flag.Bool("update", false, "rewrite data/calendario.json's DIAN entries from the rule")

const dataPath = "data/calendario.json"

func TestEmbeddedDataFollowsTheRule(t *testing.T) {
	// given the shipped file
	raw, err := os.ReadFile(dataPath)
	if err != nil {
		t.Fatal(err)
	}
	var f fileData
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	// when its DIAN years are written again from the rule
	want := encodeFile(regenerate(t, f))
	if *update {
		if err := os.WriteFile(dataPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		raw = want
	}
	// then nothing changes: every published date is the rule's
	if !bytes.Equal(raw, want) {
		t.Fatalf("%s differs from the rule: run go test ./app/taxcal -run TestEmbeddedDataFollowsTheRule -update and read the diff", dataPath)
	}
	if _, err := Parse(want); err != nil {
		t.Fatalf("the regenerated file does not parse: %v", err)
	}
}

// regenerate replaces f's DIAN entries with the rule's.
func regenerate(t *testing.T, f fileData) fileData {
	c := &Calendar{nonBusiness: map[time.Time]NonBusinessDay{}}
	for _, n := range f.NonBusinessDays {
		d, err := time.Parse(time.DateOnly, n.Date)
		if err != nil {
			t.Fatal(err)
		}
		c.nonBusiness[d] = NonBusinessDay{Date: d}
	}
	for i, y := range f.Years {
		if y.Calendar == calendarDIAN {
			f.Years[i].Deadlines = ruleEntries(t, c, y.Year)
		}
	}
	return f
}

// ruleEntries are the rule's entries of DIAN's calendar of year, obligation
// by obligation in catalog order, then by period and installment.
func ruleEntries(t *testing.T, c *Calendar, year int) []fileDeadline {
	var out []fileDeadline
	for _, o := range obligations {
		if !hasRule(o) {
			continue
		}
		for _, p := range append(periodsOf(o, year-1), periodsOf(o, year)...) {
			for _, inst := range installmentsOf(o) {
				if entryYear(o, p, inst) == year {
					out = append(out, ruleEntry(t, c, o, p, inst))
				}
			}
		}
	}
	return out
}

func ruleEntry(t *testing.T, c *Calendar, o Obligation, p period, inst int) fileDeadline {
	e := fileDeadline{Obligation: o.Code, Period: p.key(), Installment: inst}
	at := func(key int) string {
		d, ok := c.ruleDate(o, p, inst, key)
		if !ok {
			t.Fatalf("no rule date for %s %s %d key %d", o.Code, p.key(), inst, key)
		}
		return d.Format(time.DateOnly)
	}
	if o.Key == KeyLastDigit {
		for _, digit := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 0} {
			e.Dates = append(e.Dates, at(digit))
		}
		return e
	}
	for key := 1; key <= 100; key += 2 {
		e.Blocks = append(e.Blocks, fileBlock{From: fmt.Sprintf("%02d", key), To: fmt.Sprintf("%02d", (key+1)%100), Date: at(key)})
	}
	return e
}

// encodeFile writes f the way people read and edit it: one entry a line.
func encodeFile(f fileData) []byte {
	var b bytes.Buffer
	line := func(indent, format string, args ...any) { fmt.Fprintf(&b, indent+format+"\n", args...) }
	line("", "{")
	line("  ", `"version": %s,`, js(f.Version))
	line("  ", `"obtenido_el": %s,`, js(f.RetrievedOn))
	line("  ", `"descripcion": %s,`, js(f.Description))
	line("  ", `"dias_no_habiles": [`)
	for i, n := range f.NonBusinessDays {
		line("    ", "%s%s", js(n), comma(i, len(f.NonBusinessDays)))
	}
	line("  ", "],")
	line("  ", `"anios": [`)
	for i, y := range f.Years {
		line("    ", `{"anio": %d, "calendario": %s, "norma": %s, "fuente_url": %s, "vencimientos": [`,
			y.Year, js(y.Calendar), js(y.Norm), js(y.SourceURL))
		for j, d := range y.Deadlines {
			encodeDeadline(&b, d, comma(j, len(y.Deadlines)))
		}
		line("    ", "]}%s", comma(i, len(f.Years)))
	}
	line("  ", "]")
	line("", "}")
	return b.Bytes()
}

func encodeDeadline(b *bytes.Buffer, d fileDeadline, end string) {
	if len(d.Blocks) == 0 {
		fmt.Fprintf(b, "      %s%s\n", js(d), end)
		return
	}
	blocks := d.Blocks
	d.Blocks = nil
	head := js(d)
	fmt.Fprintf(b, "      %s, \"bloques\": [\n", head[:len(head)-1])
	for i, bl := range blocks {
		fmt.Fprintf(b, "        %s%s\n", js(bl), comma(i, len(blocks)))
	}
	fmt.Fprintf(b, "      ]}%s\n", end)
}

// js is v's JSON with a space after each colon and comma outside strings.
func js(v any) string {
	out, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	inString, escaped := false, false
	for _, c := range out {
		b.WriteByte(c)
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inString:
			escaped = true
		case c == '"':
			inString = !inString
		case (c == ':' || c == ',') && !inString:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func comma(i, n int) string {
	if i < n-1 {
		return ","
	}
	return ""
}
