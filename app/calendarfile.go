package app

import "vigia/app/taxcal"

// What is wrong inside a calendar file: one code per taxcal DataError code
// (same value), with Path, where in the file, among the arguments.
const (
	CodeCalendarDataBadJSON           Code = "calendario.datos.json_invalido" // Line
	CodeCalendarDataEmpty             Code = "calendario.datos.vacio"
	CodeCalendarDataWrongType         Code = "calendario.datos.tipo"                   // Expected
	CodeCalendarDataUnknownField      Code = "calendario.datos.campo_desconocido"      // Field
	CodeCalendarDataMissingField      Code = "calendario.datos.falta_campo"            // Field
	CodeCalendarDataBadDate           Code = "calendario.datos.fecha_invalida"         // Value
	CodeCalendarDataBadYear           Code = "calendario.datos.anio_invalido"          // Value
	CodeCalendarDataUnknownCalendar   Code = "calendario.datos.calendario_desconocido" // Value
	CodeCalendarDataUnknownObligation Code = "calendario.datos.obligacion_desconocida" // Value
	CodeCalendarDataWrongCalendar     Code = "calendario.datos.obligacion_ajena"       // Obligation, Calendar
	CodeCalendarDataBadPeriod         Code = "calendario.datos.periodo_invalido"       // Obligation, Value
	CodeCalendarDataBadInstallment    Code = "calendario.datos.cuota_invalida"         // Obligation, Value
	CodeCalendarDataDateCount         Code = "calendario.datos.numero_de_fechas"       // Obligation, Want, Got
	CodeCalendarDataBadBlocks         Code = "calendario.datos.bloques_invalidos"      // Value
	CodeCalendarDataDatesOutOfOrder   Code = "calendario.datos.fechas_desordenadas"    // Value
	CodeCalendarDataNotBusinessDay    Code = "calendario.datos.dia_no_habil"           // Value
	CodeCalendarDataImplausibleDate   Code = "calendario.datos.fecha_fuera_de_plazo"   // Value, From, To
	CodeCalendarDataWrongYear         Code = "calendario.datos.anio_ajeno"             // Obligation, Period, Year
	CodeCalendarDataDuplicate         Code = "calendario.datos.duplicado"              // Value
	CodeCalendarDataMissingEntry      Code = "calendario.datos.falta_vencimiento"      // Obligation, Period, Installment, Year
	// CodeCalendarDataOther: a problem this version of Vigía has no words
	// for (Problem, the engine's code; Path).
	CodeCalendarDataOther Code = "calendario.datos.otro"
)

// calendarFileProblem is e as the refusal of the field "archivo".
func calendarFileProblem(e *taxcal.DataError) *ValidationError {
	const f = "archivo"
	a := func(k string) any { return e.Args[k] }
	switch e.Code {
	case taxcal.CodeBadJSON:
		return Invalid(f, CodeCalendarDataBadJSON, Args{"Path": e.Path, "Line": a("Line")})
	case taxcal.CodeEmpty:
		return Invalid(f, CodeCalendarDataEmpty, Args{"Path": e.Path})
	case taxcal.CodeWrongType:
		return Invalid(f, CodeCalendarDataWrongType, Args{"Path": e.Path, "Expected": a("Expected")})
	case taxcal.CodeUnknownField:
		return Invalid(f, CodeCalendarDataUnknownField, Args{"Path": e.Path, "Field": a("Field")})
	}
	return calendarDateProblem(e)
}

// calendarDateProblem is calendarFileProblem for what is wrong with the
// file's entries and dates.
func calendarDateProblem(e *taxcal.DataError) *ValidationError {
	const f = "archivo"
	a := func(k string) any { return e.Args[k] }
	switch e.Code {
	case taxcal.CodeMissingField:
		return Invalid(f, CodeCalendarDataMissingField, Args{"Path": e.Path, "Field": a("Field")})
	case taxcal.CodeBadDate:
		return Invalid(f, CodeCalendarDataBadDate, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeBadYear:
		return Invalid(f, CodeCalendarDataBadYear, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeUnknownCalendar:
		return Invalid(f, CodeCalendarDataUnknownCalendar, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeUnknownObligation:
		return Invalid(f, CodeCalendarDataUnknownObligation, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeWrongCalendar:
		return Invalid(f, CodeCalendarDataWrongCalendar, Args{"Path": e.Path, "Obligation": a("Obligation"), "Calendar": a("Calendar")})
	case taxcal.CodeBadPeriod:
		return Invalid(f, CodeCalendarDataBadPeriod, Args{"Path": e.Path, "Obligation": a("Obligation"), "Value": a("Value")})
	case taxcal.CodeBadInstallment:
		return Invalid(f, CodeCalendarDataBadInstallment, Args{"Path": e.Path, "Obligation": a("Obligation"), "Value": a("Value")})
	case taxcal.CodeDateCount:
		return Invalid(f, CodeCalendarDataDateCount, Args{"Path": e.Path, "Obligation": a("Obligation"), "Want": a("Want"), "Got": a("Got")})
	case taxcal.CodeBadBlocks:
		return Invalid(f, CodeCalendarDataBadBlocks, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeDatesOutOfOrder:
		return Invalid(f, CodeCalendarDataDatesOutOfOrder, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeNotBusinessDay:
		return Invalid(f, CodeCalendarDataNotBusinessDay, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeImplausibleDate:
		return Invalid(f, CodeCalendarDataImplausibleDate, Args{"Path": e.Path, "Value": a("Value"), "From": a("From"), "To": a("To")})
	case taxcal.CodeWrongYear:
		return Invalid(f, CodeCalendarDataWrongYear, Args{"Path": e.Path, "Obligation": a("Obligation"), "Period": a("Period"), "Year": a("Year")})
	case taxcal.CodeDuplicate:
		return Invalid(f, CodeCalendarDataDuplicate, Args{"Path": e.Path, "Value": a("Value")})
	case taxcal.CodeMissingEntry:
		return Invalid(f, CodeCalendarDataMissingEntry, Args{"Path": e.Path, "Obligation": a("Obligation"), "Period": a("Period"), "Installment": a("Installment"), "Year": a("Year")})
	}
	return Invalid(f, CodeCalendarDataOther, Args{"Path": e.Path, "Problem": e.Code})
}
