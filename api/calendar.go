package api

import (
	"net/http"

	"vigia/app"
	"vigia/app/taxcal"
	"vigia/messages"
)

// The tax calendar's endpoints: what can be owed, the due dates of one
// obligation for a NIT, which calendar is loaded, and the horizon setting.
// calendarimport.go loads a new calendar file; calendaralerts.go lists the
// coming deadlines of every client.

type obligationJSON struct {
	Code         string `json:"codigo"`
	Name         string `json:"nombre"`
	Group        string `json:"grupo"`   // nacional | distrital
	Period       string `json:"periodo"` // mensual | bimestral | cuatrimestral | anual
	Key          string `json:"clave"`   // ultimo_digito | ultimos_dos_digitos | ninguno
	Installments int    `json:"cuotas"`  // 0 when one date per period
	Norm         string `json:"norma"`
	NormURL      string `json:"norma_url"`
}

func (h *handler) listObligations(w http.ResponseWriter, r *http.Request) {
	obs := h.svc.CalendarObligations()
	out := make([]obligationJSON, len(obs))
	for i, o := range obs {
		out[i] = obligationJSON{Code: o.Code, Name: o.Name, Group: o.Group, Period: o.Period, Key: o.Key,
			Installments: o.Installments, Norm: o.Norm, NormURL: o.NormURL}
	}
	h.respond(w, r, http.StatusOK, map[string][]obligationJSON{"obligaciones": out}, "")
}

type deadlineJSON struct {
	Obligation  string `json:"obligacion"`
	Period      string `json:"periodo"`
	PeriodName  string `json:"periodo_nombre"`  // «noviembre 2026»
	Installment int    `json:"cuota,omitempty"` // renta's cuotas only
	DueOn       string `json:"vence_el"`
	State       string `json:"estado"` // oficial | calculada | editada
	Source      string `json:"fuente"`
}

// listDeadlines answers GET /api/calendario/vencimientos?obligacion=&nit=&desde=&hasta=.
func (h *handler) listDeadlines(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ds, err := h.svc.Deadlines(r.Context(), app.DeadlineQuery{
		Obligation: q.Get("obligacion"), NIT: q.Get("nit"), From: q.Get("desde"), To: q.Get("hasta")})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]deadlineJSON, len(ds))
	for i, d := range ds {
		out[i] = deadlineJSON{Obligation: d.Obligation, Period: d.Period, PeriodName: taxcal.PeriodLabel(d.Period, "es"),
			Installment: d.Installment, DueOn: d.DueOn.UTC().Format(app.DateLayout), State: d.State, Source: d.Source}
	}
	h.respond(w, r, http.StatusOK, map[string][]deadlineJSON{"vencimientos": out}, "")
}

type calendarStatusJSON struct {
	Version       string  `json:"version"`
	Description   string  `json:"descripcion"`
	RetrievedOn   *string `json:"obtenido_el"` // the day its dates were last checked against the publications
	OfficialYears []int   `json:"anios_oficiales"`
	Imported      bool    `json:"importado"`
	Horizon       int     `json:"horizonte_meses"`
	LastSync      *string `json:"ultima_regeneracion"`
	// MissingYear is the next year whose dates are computed while its
	// deadlines are already inside the horizon; null when none.
	MissingYear *int `json:"anio_faltante"`
	// WithoutNIT names the active companies that owe an obligation keyed by
	// the NIT and have none: they get no alerts of it.
	WithoutNIT []string `json:"empresas_sin_nit"`
	Notices    []string `json:"avisos"` // what the status warns about, in Spanish
	Disclaimer string   `json:"aviso"`  // the accountant remains responsible
}

func (h *handler) calendarStatusOut(st app.CalendarStatus) calendarStatusJSON {
	out := calendarStatusJSON{Version: st.Info.Version, Description: st.Info.Description,
		OfficialYears: st.Info.OfficialYears, Imported: st.Imported, Horizon: st.Horizon,
		LastSync: h.optStamp(st.LastSync), WithoutNIT: st.WithoutNIT, Notices: []string{},
		Disclaimer: messages.Text("es", app.CalendarDisclaimer())}
	if !st.Info.RetrievedOn.IsZero() {
		on := st.Info.RetrievedOn.UTC().Format(app.DateLayout)
		out.RetrievedOn = &on
	}
	if out.OfficialYears == nil {
		out.OfficialYears = []int{}
	}
	if out.WithoutNIT == nil {
		out.WithoutNIT = []string{}
	}
	if st.MissingYear != 0 {
		year := st.MissingYear
		out.MissingYear = &year
	}
	for _, m := range st.Notices() {
		out.Notices = append(out.Notices, messages.Text("es", m))
	}
	return out
}

func (h *handler) calendarStatus(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.CalendarStatus(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, h.calendarStatusOut(st), "")
}

type horizonJSON struct {
	Months int `json:"horizonte_meses"`
}

func (h *handler) getCalendarSettings(w http.ResponseWriter, r *http.Request) {
	months, err := h.svc.CalendarHorizon(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, http.StatusOK, horizonJSON{Months: months}, "")
}

// updateCalendarSettings stores the horizon and regenerates the calendar's
// alerts within it; the answer says what the regeneration did.
func (h *handler) updateCalendarSettings(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	months := in.integer("horizonte_meses", "horizonte_meses debe ser un número entero de meses.")
	if err := in.done(); err != nil {
		h.fail(w, r, err)
		return
	}
	if months == nil {
		h.fail(w, r, fieldError("horizonte_meses", "Falta horizonte_meses: el número de meses de alertas del calendario."))
		return
	}
	sync, err := h.svc.SetCalendarHorizon(r.Context(), *months)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.forgetCalendarBrief()
	h.respond(w, r, http.StatusOK, struct {
		horizonJSON
		syncJSON
	}{horizonJSON{Months: *months}, syncOut(sync)}, "Horizonte del calendario actualizado")
}

// syncJSON counts what a regeneration of the calendar's alerts did.
type syncJSON struct {
	Created int `json:"alertas_nuevas"`
	Moved   int `json:"alertas_movidas"`
	Closed  int `json:"alertas_cerradas"`
}

func syncOut(s app.CalendarSync) syncJSON {
	return syncJSON{Created: s.Created, Moved: s.Moved, Closed: s.Closed}
}
