package app

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// exportOnlyColumns are written by the alerts export and ignored on import,
// so an exported file can be imported again.
var exportOnlyColumns = map[string]bool{
	"id": true, "prioridad_efectiva": true, "estado": true, "resuelta_en": true, "nota_resolucion": true,
	"creado_en": true, "actualizado_en": true,
}

// requiredColumns must be in every file; the others may be left out.
var requiredColumns = []string{"empresa", "titulo", "prioridad"}

// csvRow is one data row of the file, by column name.
type csvRow struct {
	line   int
	fields map[string]string
}

// fileError is a problem with the file as a whole (no header, a missing
// column, broken quoting): it names the field "archivo".
func fileError(format string, args ...any) error {
	return &ValidationError{Fields: map[string]string{"archivo": fmt.Sprintf(format, args...)}}
}

// parseAlertsCSV splits the decoded file into rows by column name.
func parseAlertsCSV(text string) ([]csvRow, error) {
	header, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffSeparator(header)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.ReuseRecord = false

	names, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fileError("El archivo está vacío: la primera línea debe tener las columnas %s.", strings.Join(ImportColumns, ","))
	}
	if err != nil {
		return nil, fileError("No se pudo leer el archivo CSV: %s.", csvProblem(err))
	}
	index, err := columnIndex(names)
	if err != nil {
		return nil, err
	}
	return readRows(r, index)
}

// columnIndex maps each import column of the header to its position,
// skipping blank and export-only columns.
func columnIndex(names []string) (map[string]int, error) {
	index := map[string]int{}
	for i, n := range names {
		n = columnName(n)
		switch {
		case n == "" || exportOnlyColumns[n]:
			continue
		case !slices.Contains(ImportColumns, n):
			return nil, fileError("Columna desconocida %q: las columnas son %s.", names[i], strings.Join(ImportColumns, ","))
		}
		if _, dup := index[n]; dup {
			return nil, fileError("La columna %q aparece dos veces.", n)
		}
		index[n] = i
	}
	for _, need := range requiredColumns {
		if _, ok := index[need]; !ok {
			return nil, fileError("Falta la columna %q: la primera línea debe tener las columnas %s.", need, strings.Join(ImportColumns, ","))
		}
	}
	return index, nil
}

// readRows reads the data rows after the header, skipping blank ones.
func readRows(r *csv.Reader, index map[string]int) ([]csvRow, error) {
	var rows []csvRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fileError("No se pudo leer el archivo CSV: %s.", csvProblem(err))
		}
		line, _ := r.FieldPos(0)
		row, blank := newCSVRow(line, rec, index)
		if blank { // Excel leaves rows of separators at the end
			continue
		}
		if len(rows) == MaxImportRows {
			return nil, fileError("El archivo tiene más de %d filas: divídalo en partes.", MaxImportRows)
		}
		rows = append(rows, row)
	}
}

// newCSVRow picks the import columns out of a record; blank says every one
// of them is empty.
func newCSVRow(line int, rec []string, index map[string]int) (row csvRow, blank bool) {
	row = csvRow{line: line, fields: map[string]string{}}
	blank = true
	for name, i := range index {
		if i < len(rec) {
			v := strings.TrimSpace(unescapeCell(rec[i]))
			row.fields[name] = v
			blank = blank && v == ""
		}
	}
	return row, blank
}

// sniffSeparator picks ';' (Excel in Spanish) or ',' by what the header uses more.
func sniffSeparator(header string) rune {
	if strings.Count(header, ";") > strings.Count(header, ",") {
		return ';'
	}
	return ','
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Sprintf("comillas mal cerradas en la línea %d", pe.Line)
		}
		return fmt.Sprintf("error en la línea %d", pe.Line)
	}
	return "formato inválido"
}

// columnName folds a header cell: blanks, case, a BOM left by a tool, accents
// of "título" and "vence el".
func columnName(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	s = strings.NewReplacer("í", "i", "é", "e", " ", "_").Replace(s)
	return s
}

// unescapeCell undoes the apostrophe exports put before a cell that Excel
// would read as a formula.
func unescapeCell(v string) string {
	if len(v) > 1 && v[0] == '\'' && strings.ContainsRune("=+-@", rune(v[1])) {
		return v[1:]
	}
	return v
}

// EscapeCell prefixes an apostrophe to a value Excel would run as a formula.
func EscapeCell(v string) string {
	if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
		return "'" + v
	}
	return v
}
