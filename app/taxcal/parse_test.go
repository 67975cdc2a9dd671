package taxcal

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// doc is the shipped file as generic JSON, to break one thing at a time.
type doc = map[string]any

func shipped(t testing.TB) doc {
	t.Helper()
	var f doc
	if err := json.Unmarshal(EmbeddedData(), &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func list(v any) []any { return v.([]any) }
func obj(v any) doc    { return v.(doc) }

// entryAt is the j-th entry of the i-th calendar year.
func entryAt(f doc, i, j int) doc {
	return obj(list(obj(list(f["anios"])[i])["vencimientos"])[j])
}

func TestShippedDataParses(t *testing.T) {
	c, err := Parse(EmbeddedData())
	if err != nil {
		t.Fatalf("the shipped calendar is broken: %v", err)
	}
	info := c.Info()
	if info.Version == "" || info.RetrievedOn.IsZero() || !slices.Equal(info.OfficialYears, []int{2025, 2026}) || info.Description == "" {
		t.Errorf("info %+v", info)
	}
	if Embedded() != Embedded() {
		t.Error("Embedded parses more than once")
	}
}

func TestParseRefusesBrokenFiles(t *testing.T) {
	cases := []struct {
		name string
		edit func(f doc) // nil: raw is the file
		raw  string
		code string
		path string
	}{
		{name: "not JSON", raw: `{"version": `, code: CodeBadJSON},
		{name: "two objects", raw: `{"version": "1", "obtenido_el": "2026-01-01"} {}`, code: CodeBadJSON},
		{name: "an array", raw: `[]`, code: CodeWrongType, path: "(el archivo entero)"},
		{name: "nothing", raw: " \n", code: CodeEmpty},
		{name: "a year as text", edit: func(f doc) { obj(list(f["anios"])[0])["anio"] = "2025" }, code: CodeWrongType, path: "anios.anio"},
		{name: "unknown field", edit: func(f doc) { f["versión"] = "x" }, code: CodeUnknownField},
		{name: "no version", edit: func(f doc) { delete(f, "version") }, code: CodeMissingField, path: "version"},
		{name: "blank version", edit: func(f doc) { f["version"] = "  " }, code: CodeMissingField, path: "version"},
		{name: "no retrieval date", edit: func(f doc) { delete(f, "obtenido_el") }, code: CodeMissingField, path: "obtenido_el"},
		{name: "bad retrieval date", edit: func(f doc) { f["obtenido_el"] = "2026-02-30" }, code: CodeBadDate, path: "obtenido_el"},
		{name: "date with time", edit: func(f doc) { f["obtenido_el"] = "2026-02-03T00:00:00Z" }, code: CodeBadDate, path: "obtenido_el"},
		{name: "civic day twice", edit: func(f doc) {
			f["dias_no_habiles"] = append(list(f["dias_no_habiles"]), list(f["dias_no_habiles"])[0])
		}, code: CodeDuplicate, path: "dias_no_habiles[3].fecha"},
		{name: "civic day without reason", edit: func(f doc) { obj(list(f["dias_no_habiles"])[1])["motivo"] = "" }, code: CodeMissingField, path: "dias_no_habiles[1].motivo"},
		{name: "civic day without source", edit: func(f doc) { delete(obj(list(f["dias_no_habiles"])[1]), "fuente") }, code: CodeMissingField, path: "dias_no_habiles[1].fuente"},
		{name: "year out of range", edit: func(f doc) { obj(list(f["anios"])[0])["anio"] = 1999 }, code: CodeBadYear, path: "anios[0].anio"},
		{name: "unknown calendar", edit: func(f doc) { obj(list(f["anios"])[0])["calendario"] = "medellin" }, code: CodeUnknownCalendar, path: "anios[0].calendario"},
		{name: "no norm", edit: func(f doc) { obj(list(f["anios"])[1])["norma"] = "" }, code: CodeMissingField, path: "anios[1].norma"},
		{name: "no source URL", edit: func(f doc) { delete(obj(list(f["anios"])[2]), "fuente_url") }, code: CodeMissingField, path: "anios[2].fuente_url"},
		{name: "year twice", edit: func(f doc) { f["anios"] = append(list(f["anios"]), list(f["anios"])[1]) }, code: CodeDuplicate, path: "anios[4]"},
		{name: "unknown obligation", edit: func(f doc) { entryAt(f, 0, 3)["obligacion"] = "exogena" }, code: CodeUnknownObligation, path: "anios[0].vencimientos[3].obligacion"},
		{name: "ICA in DIAN's calendar", edit: func(f doc) { entryAt(f, 0, 3)["obligacion"] = ICABogotaBimestral }, code: CodeWrongCalendar, path: "anios[0].vencimientos[3].obligacion"},
		{name: "DIAN's obligation in ICA's calendar", edit: func(f doc) { entryAt(f, 2, 0)["obligacion"] = RetencionFuente }, code: CodeWrongCalendar, path: "anios[2].vencimientos[0].obligacion"},
		{name: "month 13", edit: func(f doc) { entryAt(f, 0, 3)["periodo"] = "2025-13" }, code: CodeBadPeriod, path: "anios[0].vencimientos[3].periodo"},
		{name: "bimester for a month", edit: func(f doc) { entryAt(f, 0, 3)["periodo"] = "2025-B2" }, code: CodeBadPeriod, path: "anios[0].vencimientos[3].periodo"},
		{name: "installment of a monthly return", edit: func(f doc) { entryAt(f, 0, 3)["cuota"] = 1 }, code: CodeBadInstallment, path: "anios[0].vencimientos[3].cuota"},
		{name: "fourth installment", edit: func(f doc) { entryAt(f, 0, 21)["cuota"] = 4 }, code: CodeBadInstallment, path: "anios[0].vencimientos[21].cuota"},
		{name: "nine dates", edit: func(f doc) { e := entryAt(f, 0, 3); e["fechas"] = list(e["fechas"])[:9] }, code: CodeDateCount, path: "anios[0].vencimientos[3].fechas"},
		{name: "one date for a keyed return", edit: func(f doc) { e := entryAt(f, 0, 3); e["fecha"] = list(e["fechas"])[0]; delete(e, "fechas") }, code: CodeDateCount, path: "anios[0].vencimientos[3].fechas"},
		{name: "ten dates for ICA", edit: func(f doc) { e := entryAt(f, 2, 0); e["fechas"] = []any{e["fecha"]}; delete(e, "fecha") }, code: CodeDateCount, path: "anios[2].vencimientos[0].fecha"},
		{name: "Saturday", edit: func(f doc) { list(entryAt(f, 0, 3)["fechas"])[9] = "2025-04-26" }, code: CodeNotBusinessDay, path: "anios[0].vencimientos[3].fechas[9]"},
		{name: "Viernes Santo", edit: func(f doc) { list(entryAt(f, 0, 3)["fechas"])[9] = "2025-04-18" }, code: CodeNotBusinessDay, path: "anios[0].vencimientos[3].fechas[9]"},
		{name: "the civic day", edit: func(f doc) { list(entryAt(f, 1, 3)["fechas"])[9] = "2026-04-17" }, code: CodeNotBusinessDay, path: "anios[1].vencimientos[3].fechas[9]"},
		{name: "a month early", edit: func(f doc) { list(entryAt(f, 0, 3)["fechas"])[0] = "2025-03-31" }, code: CodeImplausibleDate, path: "anios[0].vencimientos[3].fechas[0]"},
		{name: "three months late", edit: func(f doc) { list(entryAt(f, 0, 3)["fechas"])[9] = "2025-07-01" }, code: CodeImplausibleDate, path: "anios[0].vencimientos[3].fechas[9]"},
		{name: "ICA months late", edit: func(f doc) { entryAt(f, 2, 0)["fecha"] = "2025-06-03" }, code: CodeImplausibleDate, path: "anios[2].vencimientos[0].fecha"},
		{name: "dates out of order", edit: func(f doc) {
			ds := list(entryAt(f, 0, 3)["fechas"])
			ds[4], ds[5] = ds[5], ds[4]
		}, code: CodeDatesOutOfOrder, path: "anios[0].vencimientos[3].fechas[5]"},
		{name: "entry twice", edit: func(f doc) {
			y := obj(list(f["anios"])[0])
			y["vencimientos"] = append(list(y["vencimientos"]), list(y["vencimientos"])[3])
		}, code: CodeDuplicate, path: "anios[0].vencimientos[27]"},
		{name: "entry in the wrong year", edit: func(f doc) {
			y := obj(list(f["anios"])[0])
			y["vencimientos"] = append(list(y["vencimientos"]), entryAt(f, 1, 0))
		}, code: CodeWrongYear, path: "anios[0].vencimientos[27].periodo"},
		{name: "a period missing", edit: func(f doc) {
			y := obj(list(f["anios"])[1])
			y["vencimientos"] = slices.Delete(list(y["vencimientos"]), 5, 6)
		}, code: CodeMissingEntry, path: "anios[1].vencimientos"},
		{name: "a gap in the blocks", edit: func(f doc) {
			e := entryAt(f, 0, 26)
			e["bloques"] = slices.Delete(list(e["bloques"]), 7, 8)
		}, code: CodeBadBlocks, path: "anios[0].vencimientos[26].bloques[7]"},
		{name: "blocks stopping short of 00", edit: func(f doc) {
			e := entryAt(f, 0, 26)
			e["bloques"] = list(e["bloques"])[:49]
		}, code: CodeBadBlocks, path: "anios[0].vencimientos[26].bloques"},
		{name: "no blocks", edit: func(f doc) { delete(entryAt(f, 0, 26), "bloques") }, code: CodeDateCount, path: "anios[0].vencimientos[26].bloques"},
		{name: "a block ending in a letter", edit: func(f doc) { obj(list(entryAt(f, 0, 26)["bloques"])[0])["hasta"] = "0x" }, code: CodeBadBlocks, path: "anios[0].vencimientos[26].bloques[0]"},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			// given
			raw := []byte(k.raw)
			if k.edit != nil {
				f := shipped(t)
				k.edit(f)
				raw, _ = json.Marshal(f)
			}
			// when
			c, err := Parse(raw)
			// then
			var de *DataError
			if !errors.As(err, &de) || c != nil {
				t.Fatalf("Parse = %v, %v; want a *DataError", c, err)
			}
			if de.Code != k.code || (k.path != "" && de.Path != k.path) {
				t.Errorf("got %s at %q (%v), want %s at %q", de.Code, de.Path, de.Args, k.code, k.path)
			}
		})
	}
}

// The entries the cases above break are the ones they name.
func TestParseCasesBreakWhatTheyName(t *testing.T) {
	f := shipped(t)
	checks := []struct {
		i, j       int
		obligation string
		period     string
	}{
		{0, 3, RetencionFuente, "2025-03"},
		{0, 21, RentaGrandesContribuyentes, "2024"},
		{0, 26, RentaPersonasNaturales, "2024"},
		{1, 0, RetencionFuente, "2025-12"},
		{1, 3, RetencionFuente, "2026-03"},
		{2, 0, ICABogotaBimestral, "2025-B1"},
	}
	for _, k := range checks {
		e := entryAt(f, k.i, k.j)
		if e["obligacion"] != k.obligation || e["periodo"] != k.period {
			t.Errorf("anios[%d].vencimientos[%d] = %v %v", k.i, k.j, e["obligacion"], e["periodo"])
		}
	}
	if n := len(list(obj(list(f["anios"])[0])["vencimientos"])); n != 27 {
		t.Errorf("2025 has %d entries", n)
	}
}

func TestParseAcceptsAFileWithoutYears(t *testing.T) {
	c, err := Parse([]byte(`{"version": "1", "obtenido_el": "2026-01-01", "dias_no_habiles": [], "anios": []}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := c.DeadlineFor(RetencionFuente, "2026-03", 0, "1"); !ok || got.State != StateComputed {
		t.Errorf("%+v %v", got, ok)
	}
}

func TestParseSaysWhereTheJSONBreaksAndWhatAFieldShouldHold(t *testing.T) {
	cases := []struct {
		raw  string
		code string
		args map[string]any
	}{
		{"{\n  \"version\": \"1\",\n  ,\n}", CodeBadJSON, map[string]any{"Line": 3}},
		{"{\n  \"version\": \"1\"", CodeBadJSON, map[string]any{"Line": 2}},
		{"{\"version\": \"1\", \"obtenido_el\": \"2026-01-01\"}\n\n{}", CodeBadJSON, map[string]any{"Line": 3}},
		{`{"version": 2026}`, CodeWrongType, map[string]any{"Expected": "texto"}},
		{`{"anios": {}}`, CodeWrongType, map[string]any{"Expected": "lista"}},
		{`{"anios": [{"vencimientos": [{"fechas": "2026-01-01"}]}]}`, CodeWrongType, map[string]any{"Expected": "lista"}},
		{`{"anios": [true]}`, CodeWrongType, map[string]any{"Expected": "objeto"}},
		{`{"version": "1", "notas": "x"}`, CodeUnknownField, map[string]any{"Field": "notas"}},
	}
	for _, tc := range cases {
		_, err := Parse([]byte(tc.raw))
		var de *DataError
		if !errors.As(err, &de) || de.Code != tc.code {
			t.Errorf("Parse(%q) = %v, want %s", tc.raw, err, tc.code)
			continue
		}
		for k, v := range tc.args {
			if de.Args[k] != v {
				t.Errorf("Parse(%q): %s = %v, want %v", tc.raw, k, de.Args[k], v)
			}
		}
		if strings.Contains(fmt.Sprint(de.Args), "json:") {
			t.Errorf("Parse(%q) passes the decoder's words on: %v", tc.raw, de.Args)
		}
	}
}
