package api

import (
	"errors"
	"net/url"
	"strconv"
	"time"

	"vigia/app"
	"vigia/messages"
)

// fieldsError is a 400 naming fields with the API's Spanish words: its own
// (a query parameter that is not a number) and the core's, worded here.
type fieldsError map[string]string

func (e fieldsError) Error() string { return "datos inválidos: " + validationMessage(e) }

// add keeps the first problem of each field.
func (e fieldsError) add(field, msg string) {
	if _, ok := e[field]; !ok {
		e[field] = msg
	}
}

// addCore adds the field errors of a core refusal, in Spanish.
func (e fieldsError) addCore(err error) {
	var ve *app.ValidationError
	if errors.As(err, &ve) {
		for field, msg := range fieldTexts(ve) {
			e.add(field, msg)
		}
	}
}

// err is e as an error, nil without problems.
func (e fieldsError) err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// query reads the parameters of a list request, gathering every problem.
type query struct {
	url.Values
	errs fieldsError
}

func newQuery(v url.Values) *query { return &query{Values: v, errs: fieldsError{}} }

// integer is the parameter key as an int, 0 when absent.
func (q *query) integer(key string) int {
	v := q.Get(key)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	var numErr *strconv.NumError
	switch {
	case errors.As(err, &numErr) && errors.Is(numErr.Err, strconv.ErrRange):
		q.errs.add(key, messages.Text("es", app.Msg(app.CodeNumberTooLarge, app.Args{"Field": key})))
	case err != nil:
		q.errs.add(key, key+" debe ser un número entero.")
	}
	return n
}

// id is the parameter key as a positive ID, 0 when absent.
func (q *query) id(key string) int64 {
	v := q.Get(key)
	if v == "" {
		return 0
	}
	n, ok := parseID(v)
	if !ok {
		q.errs.add(key, key+" debe ser un número entero positivo.")
	}
	return n
}

// parseID reads an identifier as Vigía writes it: digits, the first not 0.
// "+1", "01", " 1" and "1.0" are no identifier: an ID has one spelling, so
// a URL names one resource and a cache or a log never holds it twice.
func parseID(v string) (int64, bool) {
	if v == "" || v[0] < '1' || v[0] > '9' {
		return 0, false
	}
	for i := 1; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// page is the limit and offset of a list, checked by the core's one paging
// rule (app.CheckPage) with the list's default and maximum: every list
// endpoint reads them here.
func (q *query) page(def, max int) app.Page {
	p := app.Page{Limit: q.integer("limit"), Offset: q.integer("offset")}
	_, err := app.CheckPage(p, def, max)
	q.errs.addCore(err)
	return p
}

// date is the parameter key as a calendar day in loc, zero when absent.
func (q *query) date(key string, loc *time.Location) time.Time {
	v := q.Get(key)
	if v == "" {
		return time.Time{}
	}
	d, problem := app.ParseDate(v, loc)
	if problem != nil {
		q.errs.add(key, messages.Text("es", *problem))
	}
	return d
}
