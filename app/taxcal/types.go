package taxcal

import "time"

// States of a due date. app adds StateEdited for a date the user changed.
const (
	StateOfficial = "oficial"   // the year as DIAN (or the SDH) published it, from the data
	StateComputed = "calculada" // from the rule and the holidays: the year is not published yet
	StateEdited   = "editada"   // changed by the user (set by app, never by this package)
)

// Period kinds.
const (
	Monthly     = "mensual"
	Bimonthly   = "bimestral"
	FourMonthly = "cuatrimestral"
	Yearly      = "anual"
)

// Keys: which digits of the NIT (without its check digit) pick the date.
const (
	KeyLastDigit     = "ultimo_digito"
	KeyLastTwoDigits = "ultimos_dos_digitos"
	KeyNone          = "ninguno" // one date for every NIT
)

// Obligation is one kind of return or payment a company may owe.
type Obligation struct {
	Code         string // "retencion_fuente"
	Name         string // Spanish, as DIAN names it: "Retención en la fuente"
	NameEN       string // English, for the English interface
	Group        string // "nacional" or "distrital" (the desktop groups its checkboxes by it)
	Period       string // Monthly, Bimonthly, FourMonthly, Yearly
	Key          string // KeyLastDigit, KeyLastTwoDigits, KeyNone
	Installments int    // 0 when one date per period; 2 or 3 for renta's cuotas
	Norm         string // "Decreto 2229 de 2023 (DUR 1625 de 2016, art. 1.6.1.13.2.12)"
	NormURL      string
}

// Deadline is one due date of one obligation for one NIT.
type Deadline struct {
	Obligation  string
	Period      string    // "2026-11" (month), "2026-B6" (bimester), "2026-C3" (four months), "2025" (tax year)
	Installment int       // 1..3 for renta's cuotas, 0 otherwise
	DueOn       time.Time // a calendar date at 00:00 UTC
	State       string    // StateOfficial or StateComputed
	// Source cites where the date comes from, in Spanish:
	// «Decreto 2229 de 2023 · calendario DIAN 2026», or for a computed one
	// «Decreto 2229 de 2023 · fecha calculada (calendario 2027 no publicado)».
	Source string
}

// Info describes the loaded calendar data.
type Info struct {
	Version       string    // "2026.2"
	RetrievedOn   time.Time // when its dates were last checked against the publications (00:00 UTC)
	OfficialYears []int     // the years whose dates are official, ascending
	Description   string
}

// NonBusinessDay is a civic day or another dated non-business day.
type NonBusinessDay struct {
	Date   time.Time
	Reason string // "Día cívico"
	Source string // "Comunicado DIAN 31 de 2026"
}

// Holiday is a Colombian public holiday.
type Holiday struct {
	Date time.Time
	Name string // Spanish: "Viernes Santo"
}
