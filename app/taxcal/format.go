package taxcal

// The JSON format of a calendar file (docs/CALENDARIO.md describes it for
// people writing one). Field names are Spanish: the file is the product's.
type fileData struct {
	Version         string           `json:"version"`
	RetrievedOn     string           `json:"obtenido_el"`
	Description     string           `json:"descripcion"`
	NonBusinessDays []fileNonBusiday `json:"dias_no_habiles"`
	Years           []fileYear       `json:"anios"`
}

type fileNonBusiday struct {
	Date   string `json:"fecha"`
	Reason string `json:"motivo"`
	Source string `json:"fuente"`
}

// fileYear is one published calendar: DIAN's national calendar of a year (the
// due dates falling in it) or Bogotá's ICA calendar of a tax year.
type fileYear struct {
	Year      int            `json:"anio"`
	Calendar  string         `json:"calendario"` // calendarDIAN or calendarICABogota
	Norm      string         `json:"norma"`
	SourceURL string         `json:"fuente_url"`
	Deadlines []fileDeadline `json:"vencimientos"`
}

// fileDeadline is one period's (and installment's) dates: Dates for the last
// digits 1, 2, …, 9, 0; Blocks for the last two digits; Date for one date for
// every NIT.
type fileDeadline struct {
	Obligation  string      `json:"obligacion"`
	Period      string      `json:"periodo"`
	Installment int         `json:"cuota,omitempty"`
	Dates       []string    `json:"fechas,omitempty"`
	Blocks      []fileBlock `json:"bloques,omitempty"`
	Date        string      `json:"fecha,omitempty"`
}

type fileBlock struct {
	From string `json:"desde"` // "01"
	To   string `json:"hasta"` // "02"; "00" is the last
	Date string `json:"fecha"`
}

// Calendars a file may hold, and the obligation group each one dates.
const (
	calendarDIAN      = "dian"
	calendarICABogota = "ica_bogota"
)

var calendarGroups = map[string]string{calendarDIAN: GroupNational, calendarICABogota: GroupDistrict}

// sourceOf cites a calendar: «Decreto 2229 de 2023 · calendario DIAN 2026».
func sourceOf(y fileYear) string {
	name := map[string]string{calendarDIAN: "calendario DIAN", calendarICABogota: "calendario ICA Bogotá"}[y.Calendar]
	return y.Norm + " · " + name + " " + itoa(y.Year)
}
