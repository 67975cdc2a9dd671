package taxcal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Parse reads calendar data (the JSON format of the embedded file). A bad
// file is a *DataError; nothing is loaded.
func Parse(b []byte) (*Calendar, error) {
	var f fileData
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, decodeProblem(b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, dataError("", CodeBadJSON, map[string]any{"Line": lineAt(b, dec.InputOffset())})
	}
	c := &Calendar{nonBusiness: map[time.Time]NonBusinessDay{}, entries: map[entryKey]entry{}}
	if err := c.readHeader(f); err != nil {
		return nil, err
	}
	if err := c.readNonBusinessDays(f.NonBusinessDays); err != nil {
		return nil, err
	}
	if err := c.readYears(f.Years); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Calendar) readHeader(f fileData) error {
	c.info.Version = strings.TrimSpace(f.Version)
	c.info.Description = strings.TrimSpace(f.Description)
	if c.info.Version == "" {
		return dataError("version", CodeMissingField, map[string]any{"Field": "version"})
	}
	d, err := parseDate("obtenido_el", f.RetrievedOn)
	c.info.RetrievedOn = d
	return err
}

func (c *Calendar) readNonBusinessDays(days []fileNonBusiday) error {
	for i, n := range days {
		path := fmt.Sprintf("dias_no_habiles[%d]", i)
		d, err := parseDate(path+".fecha", n.Date)
		if err != nil {
			return err
		}
		if err := required(path, map[string]string{"motivo": n.Reason, "fuente": n.Source}); err != nil {
			return err
		}
		if _, dup := c.nonBusiness[d]; dup {
			return dataError(path+".fecha", CodeDuplicate, map[string]any{"Value": n.Date})
		}
		c.nonBusiness[d] = NonBusinessDay{Date: d, Reason: strings.TrimSpace(n.Reason), Source: strings.TrimSpace(n.Source)}
	}
	return nil
}

func (c *Calendar) readYears(years []fileYear) error {
	seen := map[string]bool{}
	for i, y := range years {
		path := fmt.Sprintf("anios[%d]", i)
		if err := checkYearHeader(path, y); err != nil {
			return err
		}
		id := fmt.Sprintf("%s %d", y.Calendar, y.Year)
		if seen[id] {
			return dataError(path, CodeDuplicate, map[string]any{"Value": id})
		}
		seen[id] = true
		y.Norm = strings.TrimSpace(y.Norm)
		for j, d := range y.Deadlines {
			if err := c.readDeadline(fmt.Sprintf("%s.vencimientos[%d]", path, j), y, d); err != nil {
				return err
			}
		}
		if y.Calendar == calendarDIAN {
			if err := c.checkComplete(path, y.Year); err != nil {
				return err
			}
			c.info.OfficialYears = append(c.info.OfficialYears, y.Year)
		}
	}
	slices.Sort(c.info.OfficialYears)
	return nil
}

func checkYearHeader(path string, y fileYear) error {
	if y.Year < 2000 || y.Year > 2999 {
		return dataError(path+".anio", CodeBadYear, map[string]any{"Value": y.Year})
	}
	if _, ok := calendarGroups[y.Calendar]; !ok {
		return dataError(path+".calendario", CodeUnknownCalendar, map[string]any{"Value": y.Calendar})
	}
	return required(path, map[string]string{"norma": y.Norm, "fuente_url": y.SourceURL})
}

// checkComplete makes sure DIAN's calendar of year dates every period of a
// national obligation the rule puts in year.
func (c *Calendar) checkComplete(path string, year int) error {
	for _, o := range obligations {
		if !hasRule(o) {
			continue
		}
		for _, p := range append(periodsOf(o, year-1), periodsOf(o, year)...) {
			for _, inst := range installmentsOf(o) {
				if first, _ := ruleWindow(o, p, inst); first.Year() != year {
					continue
				}
				if _, ok := c.entries[entryKey{o.Code, p.key(), inst}]; !ok {
					return dataError(path+".vencimientos", CodeMissingEntry, map[string]any{
						"Obligation": o.Code, "Period": p.key(), "Installment": inst, "Year": year})
				}
			}
		}
	}
	return nil
}

// required refuses the first blank field of fields (name → value) under path.
func required(path string, fields map[string]string) error {
	for _, name := range []string{"motivo", "fuente", "norma", "fuente_url"} {
		if v, ok := fields[name]; ok && strings.TrimSpace(v) == "" {
			return dataError(path+"."+name, CodeMissingField, map[string]any{"Field": name})
		}
	}
	return nil
}

// parseDate reads a YYYY-MM-DD date exactly (no other form, no time).
func parseDate(path, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, dataError(path, CodeMissingField, map[string]any{"Field": path[strings.LastIndex(path, ".")+1:]})
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Format(time.DateOnly) != s || d.Year() < 2000 || d.Year() > 2999 {
		return time.Time{}, dataError(path, CodeBadDate, map[string]any{"Value": s})
	}
	return d, nil
}
