package storage

import (
	"context"
	"database/sql"
	"fmt"

	"vigia/app"
)

const triggerColumns = `id, nombre, descripcion, frecuencia, hora, minuto, dias_semana, dia_mes,
	intervalo_horas, ancla, destinatarios, prioridades, activo, enviar_sin_alertas, recuperar, creado_en,
	actualizado_en`

// CreateTrigger stores t and returns it with its ID, its times as stored (UTC,
// whole milliseconds).
func (s *Store) CreateTrigger(ctx context.Context, t app.Trigger) (app.Trigger, error) {
	t = storedTrigger(t)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		return tx.QueryRowContext(ctx, `INSERT INTO triggers (nombre, descripcion, frecuencia, hora, minuto,
			dias_semana, dia_mes, intervalo_horas, ancla, destinatarios, prioridades, activo, enviar_sin_alertas,
			recuperar, creado_en, actualizado_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			append(triggerArgs(t), timeArg(t.CreatedAt), timeArg(t.UpdatedAt))...).Scan(&t.ID)
	})
	if err != nil {
		return app.Trigger{}, fmt.Errorf("create trigger %q: %w", t.Name, err)
	}
	return t, nil
}

// UpdateTrigger replaces every field of trigger t.ID but its creation time,
// which it returns as stored.
func (s *Store) UpdateTrigger(ctx context.Context, t app.Trigger) (app.Trigger, error) {
	t = storedTrigger(t)
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		var created sql.NullInt64
		err := tx.QueryRowContext(ctx, `UPDATE triggers SET nombre = ?, descripcion = ?, frecuencia = ?, hora = ?,
			minuto = ?, dias_semana = ?, dia_mes = ?, intervalo_horas = ?, ancla = ?, destinatarios = ?,
			prioridades = ?, activo = ?, enviar_sin_alertas = ?, recuperar = ?, actualizado_en = ?
			WHERE id = ? RETURNING creado_en`,
			append(triggerArgs(t), timeArg(t.UpdatedAt), t.ID)...).Scan(&created)
		t.CreatedAt = timeCol(created)
		return notFound(err)
	})
	if err != nil {
		return app.Trigger{}, fmt.Errorf("update trigger %d: %w", t.ID, err)
	}
	return t, nil
}

// DeleteTrigger removes a trigger; its execution rows stay.
func (s *Store) DeleteTrigger(ctx context.Context, id int64) error {
	err := s.writer.do(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM triggers WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return affectedOne(res)
	})
	if err != nil {
		return fmt.Errorf("delete trigger %d: %w", id, err)
	}
	return nil
}

// Trigger loads one trigger.
func (s *Store) Trigger(ctx context.Context, id int64) (app.Trigger, error) {
	t, err := scanTrigger(s.reads().QueryRowContext(ctx, `SELECT `+triggerColumns+` FROM triggers WHERE id = ?`, id))
	if err != nil {
		return app.Trigger{}, fmt.Errorf("load trigger %d: %w", id, notFound(err))
	}
	return t, nil
}

// Triggers loads every trigger, by ID.
func (s *Store) Triggers(ctx context.Context) ([]app.Trigger, error) {
	rows, err := s.reads().QueryContext(ctx, `SELECT `+triggerColumns+` FROM triggers ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("load triggers: %w", err)
	}
	defer rows.Close()
	var list []app.Trigger
	for rows.Next() {
		t, err := scanTrigger(rows)
		if err != nil {
			return nil, fmt.Errorf("load triggers: %w", err)
		}
		list = append(list, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load triggers: %w", err)
	}
	return list, nil
}

// triggerArgs are the columns nombre to enviar_sin_alertas, then recuperar.
func triggerArgs(t app.Trigger) []any {
	sc := t.Schedule
	return []any{t.Name, t.Description, string(sc.Frequency), sc.Hour, sc.Minute, weekdaysArg(sc.Weekdays),
		sc.DayOfMonth, sc.IntervalHours, timeArg(sc.Anchor), stringsArg(t.Recipients),
		prioritiesArg(t.Priorities), t.Active, t.SendWhenEmpty, t.CatchUp}
}

func storedTrigger(t app.Trigger) app.Trigger {
	t.Schedule.Anchor = stored(t.Schedule.Anchor)
	t.CreatedAt = stored(t.CreatedAt)
	t.UpdatedAt = stored(t.UpdatedAt)
	return t
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface {
	Scan(dest ...any) error
}

func scanTrigger(r rowScanner) (app.Trigger, error) {
	var (
		t                               app.Trigger
		frequency, weekdays, recipients string
		priorities                      string
		anchor, created, updated        sql.NullInt64
	)
	sc := &t.Schedule
	err := r.Scan(&t.ID, &t.Name, &t.Description, &frequency, &sc.Hour, &sc.Minute, &weekdays, &sc.DayOfMonth,
		&sc.IntervalHours, &anchor, &recipients, &priorities, &t.Active, &t.SendWhenEmpty, &t.CatchUp, &created, &updated)
	if err != nil {
		return app.Trigger{}, err
	}
	sc.Frequency = app.Frequency(frequency)
	sc.Anchor = timeCol(anchor)
	if sc.Weekdays, err = weekdaysCol(weekdays); err != nil {
		return app.Trigger{}, fmt.Errorf("trigger %d: %w", t.ID, err)
	}
	if t.Recipients, err = stringsCol(recipients); err != nil {
		return app.Trigger{}, fmt.Errorf("trigger %d: %w", t.ID, err)
	}
	t.Priorities = prioritiesCol(priorities)
	t.CreatedAt = timeCol(created)
	t.UpdatedAt = timeCol(updated)
	return t, nil
}
