package taxcal

// Codes of a DataError: what is wrong with a calendar file. They are message
// codes: the edges word them (catalog keys), with the Args named below.
const (
	CodeBadJSON           = "calendario.datos.json_invalido"          // Line: where the JSON breaks
	CodeEmpty             = "calendario.datos.vacio"                  // the file holds nothing
	CodeWrongType         = "calendario.datos.tipo"                   // Expected: numero, texto, lista, objeto, si_no (Path: the field)
	CodeUnknownField      = "calendario.datos.campo_desconocido"      // Field: a name the format does not have
	CodeMissingField      = "calendario.datos.falta_campo"            // Field
	CodeBadDate           = "calendario.datos.fecha_invalida"         // Value: not a YYYY-MM-DD date
	CodeBadYear           = "calendario.datos.anio_invalido"          // Value
	CodeUnknownCalendar   = "calendario.datos.calendario_desconocido" // Value
	CodeUnknownObligation = "calendario.datos.obligacion_desconocida" // Value
	CodeWrongCalendar     = "calendario.datos.obligacion_ajena"       // Obligation, Calendar: the obligation is not dated by that calendar
	CodeBadPeriod         = "calendario.datos.periodo_invalido"       // Obligation, Value
	CodeBadInstallment    = "calendario.datos.cuota_invalida"         // Obligation, Value
	CodeDateCount         = "calendario.datos.numero_de_fechas"       // Obligation, Want, Got
	CodeBadBlocks         = "calendario.datos.bloques_invalidos"      // Value: the first block that breaks 01…00 in order
	CodeDatesOutOfOrder   = "calendario.datos.fechas_desordenadas"    // Value: a date earlier than the one before it
	CodeNotBusinessDay    = "calendario.datos.dia_no_habil"           // Value
	CodeImplausibleDate   = "calendario.datos.fecha_fuera_de_plazo"   // Value, From, To: the months the rule allows
	CodeWrongYear         = "calendario.datos.anio_ajeno"             // Obligation, Period, Year: the entry belongs to another year's calendar
	CodeDuplicate         = "calendario.datos.duplicado"              // Value: what is given twice
	CodeMissingEntry      = "calendario.datos.falta_vencimiento"      // Obligation, Period, Installment, Year
)

// DataError says what is wrong with a calendar file: Code is one of the
// Code* constants, Args its arguments, Path where ("anios[1].vencimientos[3].fechas").
type DataError struct {
	Code string
	Args map[string]any
	Path string
}

func (e *DataError) Error() string { return e.Code + " at " + e.Path }

func dataError(path, code string, args map[string]any) *DataError {
	return &DataError{Code: code, Args: args, Path: path}
}
