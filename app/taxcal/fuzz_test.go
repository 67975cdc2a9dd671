package taxcal

import (
	"errors"
	"slices"
	"testing"
	"time"
)

var dataCodes = []string{
	CodeBadJSON, CodeEmpty, CodeWrongType, CodeUnknownField, CodeMissingField, CodeBadDate, CodeBadYear, CodeUnknownCalendar, CodeUnknownObligation,
	CodeWrongCalendar, CodeBadPeriod, CodeBadInstallment, CodeDateCount, CodeBadBlocks, CodeDatesOutOfOrder,
	CodeNotBusinessDay, CodeImplausibleDate, CodeWrongYear, CodeDuplicate, CodeMissingEntry,
}

// FuzzParse: any bytes either load a calendar whose every published date is
// a business day, or are refused with a known code; Parse never panics. The
// seed corpus is in testdata/fuzz/FuzzParse (the shipped file among them).
func FuzzParse(f *testing.F) {
	f.Add(EmbeddedData())
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b)
		if err != nil {
			var de *DataError
			if !errors.As(err, &de) || c != nil || !slices.Contains(dataCodes, de.Code) {
				t.Fatalf("Parse = %v, %#v", c, err)
			}
			return
		}
		if c.Info().Version == "" || c.Info().RetrievedOn.IsZero() {
			t.Fatalf("loaded without version or date: %+v", c.Info())
		}
		for key, e := range c.entries {
			for _, d := range e.dates {
				if !c.IsBusinessDay(d) {
					t.Fatalf("%v: %s is not a business day", key, d.Format(time.DateOnly))
				}
			}
			for _, b := range e.blocks {
				if !c.IsBusinessDay(b.date) {
					t.Fatalf("%v: %s is not a business day", key, b.date.Format(time.DateOnly))
				}
			}
		}
		for _, o := range obligations {
			c.Deadlines(o.Code, "900123456", date(2024, 1, 1), date(2028, 1, 1))
		}
	})
}
