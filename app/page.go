package app

// Page is a window of a list: Limit items from the Offset-th. Every list that
// pages (history, alerts) reads it with one meaning: a Limit of 0 is the
// list's default page; a negative Limit or one above the list's maximum, or a
// negative Offset, is refused; an Offset past the end is an empty page.
type Page struct {
	Limit  int
	Offset int
}

// What is wrong with a page.
const (
	CodeLimitRange     Code = "pagina.limit"
	CodeOffsetNegative Code = "pagina.offset"
	// CodeNumberTooLarge refuses a number that does not fit an int (an
	// adapter's reading of "limit=99999999999999999999"): Field names it.
	CodeNumberTooLarge Code = "numero.demasiado_grande"
)

// CheckPage is p with a Limit of 0 made def, or a *ValidationError keyed
// limit and offset.
func CheckPage(p Page, def, max int) (Page, error) {
	errs := fieldErrors{}
	p = p.check(def, max, errs)
	return p, errs.err()
}

func (p Page) check(def, max int, errs fieldErrors) Page {
	switch {
	case p.Limit == 0:
		p.Limit = def
	case p.Limit < 0 || p.Limit > max:
		errs.add("limit", CodeLimitRange, Args{"Max": max})
	}
	if p.Offset < 0 {
		errs.add("offset", CodeOffsetNegative, nil)
	}
	return p
}
