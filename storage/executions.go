package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"vigia/app"
	"vigia/messages"
)

const executionColumns = `id, trigger_id, trigger_nombre, programada_para, inicio, fin, estado, origen,
	empresas_con_alertas, total_alertas, destinatarios, notificaciones, intentos, error, instancia, envio,
	error_codigo, error_args`

// insertExecution inserts one row, or nothing when its slot is taken: DO
// NOTHING rather than an error, because a taken slot is an expected answer.
// Without a conflict target it covers the partial unique index executions_slot
// (an upsert target must name a non-partial index or repeat its WHERE).
const insertExecution = `INSERT INTO executions (trigger_id, trigger_nombre, programada_para, inicio, fin,
	estado, origen, empresas_con_alertas, total_alertas, destinatarios, notificaciones, intentos, error,
	instancia, envio, error_codigo, error_args) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`

// claimExecution is insertExecution returning the new row's ID: no row when
// the slot is taken.
const claimExecution = insertExecution + ` RETURNING id`

// executionArgs are insertExecution's arguments.
func executionArgs(e app.Execution) ([]any, error) {
	code, args, text, err := problemArgs(e)
	if err != nil {
		return nil, err
	}
	return []any{e.TriggerID, e.TriggerName, timeArg(e.ScheduledFor), timeArg(e.StartedAt), timeArg(e.FinishedAt),
		string(e.State), string(e.Origin), e.Companies, e.Alerts, stringsArg(e.Recipients), e.Notified,
		e.Attempts, text, e.Instance, string(e.MailRoute), code, args}, nil
}

// ClaimExecution inserts e (state en_curso unless e.State says otherwise, e.g.
// perdida) and returns it with its ID and its times as stored. A scheduled or
// recovery slot (trigger, ScheduledFor) is claimed once: a second claim fails
// with app.ErrSlotTaken. It returns once the row is durably committed; claims
// arriving together share one commit.
func (s *Store) ClaimExecution(ctx context.Context, e app.Execution) (app.Execution, error) {
	if e.TriggerID <= 0 {
		return app.Execution{}, fmt.Errorf("claim execution: invalid trigger id %d", e.TriggerID)
	}
	if e.State == "" {
		e.State = app.StateRunning
	}
	e = storedExecution(e)
	args, err := executionArgs(e)
	if err != nil {
		return app.Execution{}, fmt.Errorf("claim execution of trigger %d: %w", e.TriggerID, err)
	}
	err = s.writer.doStatement(ctx, func(ctx context.Context, tx querier) error {
		err := tx.QueryRowContext(ctx, claimExecution, args...).Scan(&e.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return app.ErrSlotTaken
		}
		return err
	})
	if err != nil {
		return app.Execution{}, fmt.Errorf("claim execution of trigger %d at %s: %w",
			e.TriggerID, e.ScheduledFor.Format(time.RFC3339), err)
	}
	return e, nil
}

// FinishExecution writes the final state and metrics of row e.ID: fin, estado,
// the counters, destinatarios, envio and the problem (error, error_codigo,
// error_args). The claim's fields stay as claimed.
func (s *Store) FinishExecution(ctx context.Context, e app.Execution) error {
	code, args, text, err := problemArgs(e)
	if err != nil {
		return fmt.Errorf("finish execution %d: %w", e.ID, err)
	}
	err = s.writer.doStatement(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, `UPDATE executions SET fin = ?, estado = ?, empresas_con_alertas = ?,
			total_alertas = ?, destinatarios = ?, notificaciones = ?, intentos = ?, error = ?, envio = ?,
			error_codigo = ?, error_args = ? WHERE id = ?`,
			timeArg(e.FinishedAt), string(e.State), e.Companies, e.Alerts, stringsArg(e.Recipients),
			e.Notified, e.Attempts, text, string(e.MailRoute), code, args, e.ID)
		if err != nil {
			return err
		}
		return affectedOne(res)
	})
	if err != nil {
		return fmt.Errorf("finish execution %d: %w", e.ID, err)
	}
	return nil
}

const interruptRunningQuery = `UPDATE executions SET estado = ?, fin = ?, error = ?, error_codigo = ?,
	error_args = ? WHERE estado = ? AND instancia <> ?`

// InterruptRunning marks interrumpida, finished at at with reason as its
// problem, every en_curso row except those claimed by instance keep (this
// process: its runs are alive), and returns how many it marked.
func (s *Store) InterruptRunning(ctx context.Context, at time.Time, reason app.Message, keep string) (int, error) {
	code, args, text, err := problemArgs(app.Execution{Problem: &reason})
	if err != nil {
		return 0, fmt.Errorf("interrupt running executions: %w", err)
	}
	var n int64
	err = s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, interruptRunningQuery, string(app.StateInterrupted), timeArg(at), text,
			code, args, string(app.StateRunning), keep)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("interrupt running executions: %w", err)
	}
	return int(n), nil
}

// Execution loads one history row.
func (s *Store) Execution(ctx context.Context, id int64) (app.Execution, error) {
	e, err := scanExecution(s.reads().QueryRowContext(ctx, `SELECT `+executionColumns+` FROM executions WHERE id = ?`, id))
	if err != nil {
		return app.Execution{}, fmt.Errorf("load execution %d: %w", id, notFound(err))
	}
	return e, nil
}

// Executions returns one page of history, newest first, and how many rows
// match f. A Limit of 0 or less means no limit. Without a date range the
// total comes from execution_counts, so it costs the same with a million rows
// as with ten; with one it is counted in executions_by_scheduled, the index
// the page walks.
func (s *Store) Executions(ctx context.Context, f app.ExecutionFilter) (app.ExecutionPage, error) {
	q := historyQueries(f)
	page, err := s.executionPage(ctx, q)
	if err != nil {
		return app.ExecutionPage{}, fmt.Errorf("load executions (trigger %d, estado %q, desde %s, hasta %s): %w",
			f.TriggerID, f.State, rangeBound(f.From), rangeBound(f.To), err)
	}
	return page, nil
}

func rangeBound(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// historyQuery is the SQL of one history page and of its total.
type historyQuery struct {
	page      string
	pageArgs  []any
	count     string
	countArgs []any
}

func historyQueries(f app.ExecutionFilter) historyQuery {
	if f.HasRange() {
		return rangeQueries(f)
	}
	var where []string
	q := historyQuery{ // every trigger's rows: PostgreSQL keeps no total row (trigger_id 0)
		count:     `SELECT COALESCE(SUM(n), 0) FROM execution_counts WHERE trigger_id > ?`,
		countArgs: []any{int64(0)},
	}
	if f.TriggerID != 0 {
		where = append(where, "trigger_id = ?")
		q.pageArgs = append(q.pageArgs, f.TriggerID)
		q.count, q.countArgs[0] = `SELECT COALESCE(SUM(n), 0) FROM execution_counts WHERE trigger_id = ?`, f.TriggerID
	}
	if f.State != "" {
		where = append(where, "estado = ?")
		q.pageArgs = append(q.pageArgs, string(f.State))
		q.count += ` AND estado = ?`
		q.countArgs = append(q.countArgs, string(f.State))
	}
	q.page = `SELECT ` + executionColumns + ` FROM executions`
	if len(where) > 0 {
		q.page += ` WHERE ` + strings.Join(where, " AND ")
	}
	q.page += ` ORDER BY id DESC LIMIT ? OFFSET ?`
	q.pageArgs = append(q.pageArgs, pageLimit(f), max(f.Offset, 0))
	return q
}

// rangeQueries select by scheduled date, in the order of
// executions_by_scheduled walked backwards: scheduled date, then trigger,
// state and ID, newest first. Both queries name the index: without
// statistics SQLite would rather take the equality index on trigger_id or
// estado and sort every row of that trigger or state. The page picks its IDs
// in the index alone (a deep page skips index entries, not rows) and then
// reads those rows.
func rangeQueries(f app.ExecutionFilter) historyQuery {
	var where []string
	var args []any
	if !f.From.IsZero() {
		where = append(where, "programada_para >= ?")
		args = append(args, timeArg(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "programada_para < ?")
		args = append(args, timeArg(f.To))
	}
	if f.TriggerID != 0 {
		where = append(where, "trigger_id = ?")
		args = append(args, f.TriggerID)
	}
	if f.State != "" {
		where = append(where, "estado = ?")
		args = append(args, string(f.State))
	}
	const order = ` ORDER BY programada_para DESC, trigger_id DESC, estado DESC, id DESC`
	from := ` FROM executions INDEXED BY executions_by_scheduled WHERE ` + strings.Join(where, " AND ")
	return historyQuery{
		page: `SELECT ` + executionColumns + ` FROM executions WHERE id IN (SELECT id` + from + order +
			` LIMIT ? OFFSET ?)` + order,
		pageArgs:  append(slices.Clone(args), pageLimit(f), max(f.Offset, 0)),
		count:     `SELECT COUNT(*)` + from,
		countArgs: args,
	}
}

// pageLimit is f's LIMIT: noLimit when f sets none.
func pageLimit(f app.ExecutionFilter) int {
	if f.Limit <= 0 {
		return noLimit
	}
	return f.Limit
}

// executionPage reads the page and its total in one read transaction, so both
// describe the same moment.
func (s *Store) executionPage(ctx context.Context, q historyQuery) (page app.ExecutionPage, err error) {
	err = s.readTx(ctx, func(tx reader) error {
		if err := tx.QueryRowContext(ctx, q.count, q.countArgs...).Scan(&page.Total); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		rows, err := tx.QueryContext(ctx, q.page, q.pageArgs...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanExecution(rows)
			if err != nil {
				return err
			}
			page.Executions = append(page.Executions, e)
		}
		return rows.Err()
	})
	return page, err
}

func storedExecution(e app.Execution) app.Execution {
	e.Error = messages.RunReason("es", e)
	e.ScheduledFor = stored(e.ScheduledFor)
	e.StartedAt = stored(e.StartedAt)
	e.FinishedAt = stored(e.FinishedAt)
	return e
}

func scanExecution(r rowScanner) (app.Execution, error) {
	var (
		e                           app.Execution
		state, origin, rcpts, route string
		scheduled, start, finis     sql.NullInt64
		code, args                  sql.NullString
	)
	err := r.Scan(&e.ID, &e.TriggerID, &e.TriggerName, &scheduled, &start, &finis, &state, &origin,
		&e.Companies, &e.Alerts, &rcpts, &e.Notified, &e.Attempts, &e.Error, &e.Instance, &route,
		&code, &args)
	if err != nil {
		return app.Execution{}, err
	}
	if e.Problem, err = problemCol(code, args); err != nil {
		return app.Execution{}, fmt.Errorf("execution %d: %w", e.ID, err)
	}
	e.ScheduledFor, e.StartedAt, e.FinishedAt = timeCol(scheduled), timeCol(start), timeCol(finis)
	e.State, e.Origin, e.MailRoute = app.RunState(state), app.RunOrigin(origin), app.MailRoute(route)
	if e.Recipients, err = stringsCol(rcpts); err != nil {
		return app.Execution{}, fmt.Errorf("execution %d: %w", e.ID, err)
	}
	return e, nil
}
