package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"vigia/app"
)

// CalendarItems returns the calendar alerts f selects with their company,
// by due date, then company name (byte by byte, as Go compares strings),
// then ID: p.Limit of them from the p.Offset-th (every one from it when
// p.Limit is 0), and how many f selects. SQL filters, joins, orders and
// pages, and the count reads one index alone (migration 0010); both read in
// one transaction, so they describe one moment.
func (s *Store) CalendarItems(ctx context.Context, f app.CalendarFilter, p app.Page) (app.CalendarItemsPage, error) {
	q := calendarItemsSQL(f, p)
	var page app.CalendarItemsPage
	err := s.readTx(ctx, func(tx reader) error {
		if err := tx.QueryRowContext(ctx, q.count, q.args...).Scan(&page.Total); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		size := page.Total - q.offset
		if size <= 0 { // past the end: no walk of every row to find none
			return nil
		}
		if p.Limit > 0 {
			size = min(size, p.Limit)
		}
		var err error
		page.Items, err = queryCalendarItems(ctx, tx, q.page, q.pageArgs(), size)
		return err
	})
	if err != nil {
		return app.CalendarItemsPage{}, fmt.Errorf("load calendar items: %w", err)
	}
	return page, nil
}

// calendarItemsQuery is CalendarItems' SQL: the count takes args, the page
// args then its limit and offset.
type calendarItemsQuery struct {
	count, page   string
	args          []any
	limit, offset int
}

func (q calendarItemsQuery) pageArgs() []any {
	return append(append(make([]any, 0, len(q.args)+2), q.args...), q.limit, q.offset)
}

// calendarItemsSQL is the SQL of CalendarItems(f, p).
func calendarItemsSQL(f app.CalendarFilter, p app.Page) calendarItemsQuery {
	where, args := calendarItemsWhere(f)
	// A company's few alerts by the unique index that holds them; else the
	// calendar's alerts by due date, which a page walks in order and leaves
	// once it has its rows (the planner would rather sort them all), and
	// which holds every column the count filters on.
	from := ` FROM alertas a INDEXED BY alertas_calendario_por_vencimiento`
	if f.CompanyID != 0 {
		from = ` FROM alertas a INDEXED BY alertas_calendario`
	}
	q := calendarItemsQuery{args: args, limit: p.Limit, offset: max(p.Offset, 0)}
	if q.limit <= 0 {
		q.limit = noLimit
	}
	// Every alert has its company (a foreign key, and DeleteCompany
	// deletes its alerts): the count needs no join.
	q.count = `SELECT count(*)` + from + where
	// The window is found from the index and the companies' names alone,
	// then only its rows are read whole: a page sorts a whole day's alerts
	// by name (hundreds, in a large office) and skips its offset. An alert
	// without a due date comes first (NULLS FIRST: SQLite's own order, not
	// PostgreSQL's).
	window := `SELECT a.id AS id, a.vence_el AS vence_el, e.nombre AS nombre` + from +
		` JOIN empresas e ON e.id = a.empresa_id` + where + ` ORDER BY a.vence_el NULLS FIRST, e.nombre COLLATE BINARY, a.id LIMIT ? OFFSET ?`
	// CROSS JOIN keeps SQLite's join order (the window first); the join's
	// conditions are in WHERE, as PostgreSQL's CROSS JOIN takes no ON.
	q.page = `SELECT ` + alertColumns + `, ` + calendarCompanyColumns + ` FROM (` + window + `) p
		CROSS JOIN alertas a CROSS JOIN empresas e WHERE a.id = p.id AND e.id = a.empresa_id
		ORDER BY p.vence_el NULLS FIRST, p.nombre COLLATE BINARY, p.id`
	return q
}

// calendarItemsWhere is the WHERE clause of f over the alias a, and its
// arguments. origen is spelled out: the partial indexes apply only then.
func calendarItemsWhere(f app.CalendarFilter) (string, []any) {
	conds := []string{"a.origen = '" + app.AlertOriginCalendar + "'"}
	var args []any
	if f.CompanyID != 0 {
		conds = append(conds, "a.empresa_id = ?")
		args = append(args, f.CompanyID)
	}
	if f.Obligation != "" {
		conds = append(conds, "a.obligacion = ?")
		args = append(args, f.Obligation)
	}
	if f.OpenOnly {
		conds = append(conds, "a.abierta = 1")
	}
	if !f.From.IsZero() {
		conds = append(conds, "a.vence_el >= ?")
		args = append(args, dateArg(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "a.vence_el <= ?")
		args = append(args, dateArg(f.To))
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// calendarCompanyColumns are the company's columns of a calendar item, in
// calendarItemRow's order; its ID is the alert's empresa_id.
const calendarCompanyColumns = `e.nombre, e.nit, e.contacto, e.activa, e.creado_en, e.responsabilidades`

// calendarItemRow holds the scan targets of a calendar item. A company's
// columns are read into reused buffers and made a Company once: the
// thousands of rows of an export share a few hundred companies.
type calendarItemRow struct {
	alert                     alertRow
	name, nit, contact, codes sql.RawBytes
	active                    bool
	created                   sql.NullInt64
	companies                 map[int64]app.Company
}

func (r *calendarItemRow) dest() []any {
	return r.alert.dest(&r.name, &r.nit, &r.contact, &r.active, &r.created, &r.codes)
}

// item is the calendar item last scanned into r.
func (r *calendarItemRow) item() (app.CalendarItem, error) {
	a, err := r.alert.alert()
	if err != nil {
		return app.CalendarItem{}, err
	}
	c, ok := r.companies[a.CompanyID]
	if !ok {
		c = app.Company{ID: a.CompanyID, Name: string(r.name), NIT: string(r.nit), Contact: string(r.contact),
			Active: r.active, CreatedAt: timeCol(r.created), Responsibilities: codesCol(string(r.codes))}
		r.companies[a.CompanyID] = c
	}
	return app.CalendarItem{Company: c, Alert: a}, nil
}

// queryCalendarItems reads the rows of query, a list of size items at most.
func queryCalendarItems(ctx context.Context, tx reader, query string, args []any, size int) ([]app.CalendarItem, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	row := calendarItemRow{alert: alertRow{dates: map[string]time.Time{}}, companies: map[int64]app.Company{}}
	dest := row.dest()
	list := make([]app.CalendarItem, 0, size)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		it, err := row.item()
		if err != nil {
			return nil, err
		}
		list = append(list, it)
	}
	return list, rows.Err()
}
