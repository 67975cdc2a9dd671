package app

import (
	"encoding/csv"
	"errors"
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

// requiredColumns must be in every file; the others may be left out. A file
// with the responsabilidades column needs only the company: its rows may
// list companies without alerts.
var requiredColumns = []string{"empresa", "titulo", "prioridad"}

// ColumnResponsibilities is the optional column of a company's tax-calendar
// obligations (see parseResponsibilities); exports write it last.
const ColumnResponsibilities = "responsabilidades"

// isImportColumn reports whether the import reads column n.
func isImportColumn(n string) bool {
	return n == ColumnResponsibilities || slices.Contains(ImportColumns, n)
}

// csvRow is one data row of the file, by column name.
type csvRow struct {
	line   int
	fields map[string]string
}

// What is wrong with an import file as a whole. Columns lists ImportColumns.
const (
	CodeImportEmpty          Code = "importar.archivo.vacio"    // Columns
	CodeImportQuotes         Code = "importar.archivo.comillas" // Line
	CodeImportBadLine        Code = "importar.archivo.linea"    // Line
	CodeImportUnreadable     Code = "importar.archivo.ilegible"
	CodeImportUnknownColumn  Code = "importar.columna.desconocida"      // Value, Columns
	CodeImportRepeatedColumn Code = "importar.columna.repetida"         // Value
	CodeImportMissingColumn  Code = "importar.columna.falta"            // Value, Columns
	CodeImportTooManyRows    Code = "importar.archivo.demasiadas_filas" // Max
)

// FieldImportFile keys the refusal of an import file as a whole (no
// header, a missing column, broken quoting); a bad row is keyed "linea N".
const FieldImportFile = "archivo"

// columnList is the columns an import reads, as the messages name them.
func columnList() string { return strings.Join(ImportColumns, ",") + "," + ColumnResponsibilities }

// parseAlertsCSV splits the decoded file into rows by column name. Lines
// may end in CR LF, LF or a lone CR (Excel for the old Mac OS): each ends a
// row, and inside a quoted cell each is a line break of the cell.
func parseAlertsCSV(text string) ([]csvRow, error) {
	text = normalizeBreaks(text)
	header, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffSeparator(header)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.ReuseRecord = false

	names, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, Invalid(FieldImportFile, CodeImportEmpty, Args{"Columns": columnList()})
	}
	if err != nil {
		return nil, csvProblem(err)
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
		case !isImportColumn(n):
			return nil, Invalid(FieldImportFile, CodeImportUnknownColumn, Args{"Value": names[i], "Columns": columnList()})
		}
		if _, dup := index[n]; dup {
			return nil, Invalid(FieldImportFile, CodeImportRepeatedColumn, Args{"Value": n})
		}
		index[n] = i
	}
	_, companiesAlone := index[ColumnResponsibilities]
	for _, need := range requiredColumns {
		if _, ok := index[need]; !ok && (need == "empresa" || !companiesAlone) {
			return nil, Invalid(FieldImportFile, CodeImportMissingColumn, Args{"Value": need, "Columns": columnList()})
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
			return nil, csvProblem(err)
		}
		line, _ := r.FieldPos(0)
		row, blank := newCSVRow(line, rec, index)
		if blank { // Excel leaves rows of separators at the end
			continue
		}
		if len(rows) == MaxImportRows {
			return nil, Invalid(FieldImportFile, CodeImportTooManyRows, Args{"Max": MaxImportRows})
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

// csvProblem is the refusal of a file the CSV reader could not read.
func csvProblem(err error) error {
	var pe *csv.ParseError
	switch {
	case !errors.As(err, &pe):
		return Invalid(FieldImportFile, CodeImportUnreadable, nil)
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		return Invalid(FieldImportFile, CodeImportQuotes, Args{"Line": pe.Line})
	}
	return Invalid(FieldImportFile, CodeImportBadLine, Args{"Line": pe.Line})
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
