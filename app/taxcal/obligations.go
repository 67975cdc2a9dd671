package taxcal

// Obligation codes, fixed: companies store them and the API answers them.
const (
	RetencionFuente            = "retencion_fuente"
	IVABimestral               = "iva_bimestral"
	IVACuatrimestral           = "iva_cuatrimestral"
	RentaGrandesContribuyentes = "renta_grandes_contribuyentes"
	RentaPersonasJuridicas     = "renta_personas_juridicas"
	RentaPersonasNaturales     = "renta_personas_naturales"
	ICABogotaBimestral         = "ica_bogota_bimestral"
)

// Groups of obligations, as the desktop groups its checkboxes.
const (
	GroupNational = "nacional"
	GroupDistrict = "distrital"
)

const (
	decreeURL = "https://normograma.dian.gov.co/dian/compilacion/docs/decreto_2229_2023.htm"
	icaURL    = "https://www.haciendabogota.gov.co"
)

var obligations = []Obligation{
	{Code: RetencionFuente, Name: "Retención en la fuente", NameEN: "Withholding tax",
		Group: GroupNational, Period: Monthly, Key: KeyLastDigit,
		Norm: "Decreto 2229 de 2023 (DUR 1625 de 2016, art. 1.6.1.13.2.33)", NormURL: decreeURL},
	{Code: IVABimestral, Name: "IVA bimestral", NameEN: "VAT, bimonthly",
		Group: GroupNational, Period: Bimonthly, Key: KeyLastDigit,
		Norm: "Decreto 2229 de 2023 (DUR 1625 de 2016, art. 1.6.1.13.2.25)", NormURL: decreeURL},
	{Code: IVACuatrimestral, Name: "IVA cuatrimestral", NameEN: "VAT, four-monthly",
		Group: GroupNational, Period: FourMonthly, Key: KeyLastDigit,
		Norm: "Decreto 2229 de 2023 (DUR 1625 de 2016, art. 1.6.1.13.2.25)", NormURL: decreeURL},
	{Code: RentaGrandesContribuyentes, Name: "Renta grandes contribuyentes", NameEN: "Income tax, large taxpayers",
		Group: GroupNational, Period: Yearly, Key: KeyLastDigit, Installments: 3,
		Norm: "Decreto 2229 de 2023 (DUR 1625 de 2016, art. 1.6.1.13.2.11)", NormURL: decreeURL},
	{Code: RentaPersonasJuridicas, Name: "Renta personas jurídicas", NameEN: "Income tax, companies",
		Group: GroupNational, Period: Yearly, Key: KeyLastDigit, Installments: 2,
		Norm: "Decreto 2229 de 2023 (DUR 1625 de 2016, art. 1.6.1.13.2.12)", NormURL: decreeURL},
	{Code: RentaPersonasNaturales, Name: "Renta personas naturales", NameEN: "Income tax, individuals",
		Group: GroupNational, Period: Yearly, Key: KeyLastTwoDigits,
		Norm: "Decreto 2229 de 2023 (DUR 1625 de 2016, art. 1.6.1.13.2.15)", NormURL: decreeURL},
	{Code: ICABogotaBimestral, Name: "ICA Bogotá bimestral", NameEN: "Bogotá industry and commerce tax (ICA), bimonthly",
		Group: GroupDistrict, Period: Bimonthly, Key: KeyNone,
		Norm: "Secretaría Distrital de Hacienda de Bogotá, resolución anual de plazos", NormURL: icaURL},
}

// Obligations lists every obligation, in the order the desktop shows them.
func Obligations() []Obligation {
	out := make([]Obligation, len(obligations))
	copy(out, obligations)
	return out
}

// ObligationByCode finds one obligation.
func ObligationByCode(code string) (Obligation, bool) {
	for _, o := range obligations {
		if o.Code == code {
			return o, true
		}
	}
	return Obligation{}, false
}

// hasRule reports whether o's dates follow the national rule (Decreto 2229
// de 2023); the others (ICA Bogotá) are known only from the data.
func hasRule(o Obligation) bool { return o.Group == GroupNational }
