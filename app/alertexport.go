package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The exports are written for Excel in Spanish to open with a double click:
// a UTF-8 BOM, ';' between cells, CRLF line ends, and cells Excel would run as
// formulas escaped (EscapeCell). The alerts export is also a valid import file.

// AlertExportColumns are the columns of the alerts export: the import's
// columns first, then those the import ignores, then the company's
// obligations (last, so files read by position before it keep their columns).
var AlertExportColumns = append(append([]string{}, ImportColumns...),
	"prioridad_efectiva", "estado", "resuelta_en", "nota_resolucion", "id", ColumnResponsibilities)

// CompanyExportColumns are the columns of the companies export.
var CompanyExportColumns = []string{"nombre", "nit", "contacto", "activa",
	"abiertas_critica", "abiertas_alta", "abiertas_media", "abiertas_baja", "id", ColumnResponsibilities}

// ExportAlertsCSV writes every alert, by ID, with its company and effective
// priority, to w. Nothing is written when the data cannot be read.
func (s *Service) ExportAlertsCSV(ctx context.Context, w io.Writer) error {
	as, err := s.Alerts(ctx, AlertFilter{})
	if err != nil {
		return err
	}
	cs, err := s.Companies(ctx)
	if err != nil {
		return err
	}
	byID := make(map[int64]Company, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	rows := make([][]string, 0, len(as))
	for _, a := range as {
		c := byID[a.CompanyID]
		state, resolved, due := "abierta", "", ""
		if !a.Open {
			state = "resuelta"
		}
		if !a.ResolvedAt.IsZero() {
			resolved = a.ResolvedAt.In(s.location()).Format(time.RFC3339)
		}
		if !a.DueOn.IsZero() {
			due = a.DueOn.UTC().Format(DateLayout) // a calendar date, not an instant
		}
		rows = append(rows, []string{c.Name, c.NIT, a.Title, a.Detail, string(a.Priority), due,
			string(a.EffectivePriority), state, resolved, a.ResolutionNote, strconv.FormatInt(a.ID, 10),
			obligationsCell(c.Responsibilities)})
	}
	if err := writeCSV(w, AlertExportColumns, rows); err != nil {
		return fmt.Errorf("write alerts CSV: %w", err)
	}
	return nil
}

// ExportCompaniesCSV writes every company, by name, with its open alerts
// counted by effective priority, to w.
func (s *Service) ExportCompaniesCSV(ctx context.Context, w io.Writer) error {
	cs, err := s.Companies(ctx)
	if err != nil {
		return err
	}
	counts, err := s.OpenAlertCounts(ctx)
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(cs))
	for _, c := range cs {
		active := "no"
		if c.Active {
			active = "sí"
		}
		row := []string{c.Name, c.NIT, c.Contact, active}
		for _, p := range Priorities {
			row = append(row, strconv.Itoa(counts[c.ID][p]))
		}
		rows = append(rows, append(row, strconv.FormatInt(c.ID, 10), obligationsCell(c.Responsibilities)))
	}
	if err := writeCSV(w, CompanyExportColumns, rows); err != nil {
		return fmt.Errorf("write companies CSV: %w", err)
	}
	return nil
}

// obligationsCell writes a company's obligation codes in one cell, as the
// import reads them.
func obligationsCell(codes []string) string { return strings.Join(codes, ObligationsSeparator) }

// writeCSV writes the BOM, the header and the escaped rows.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		out := make([]string, len(row))
		for i, v := range row {
			out[i] = EscapeCell(v)
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CalendarExportColumns are the columns of the «Calendario» export.
var CalendarExportColumns = []string{"vence_el", "empresa", "nit", "obligacion", "periodo", "cuota", "titulo",
	"estado_fecha", "fuente", "prioridad_efectiva", "estado", "id"}

// ExportCalendarCSV writes the calendar alerts f selects, as the «Calendario»
// view lists them (by due date, then company), to w.
func (s *Service) ExportCalendarCSV(ctx context.Context, w io.Writer, f CalendarFilter) error {
	items, err := s.CalendarItems(ctx, f)
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(items))
	for _, it := range items {
		a, ref := it.Alert, it.Alert.Calendar
		if ref == nil {
			continue
		}
		due, state, installment := "", "abierta", ""
		if !a.DueOn.IsZero() {
			due = a.DueOn.UTC().Format(DateLayout)
		}
		if !a.Open {
			state = "resuelta"
		}
		if ref.Installment > 0 {
			installment = strconv.Itoa(ref.Installment)
		}
		rows = append(rows, []string{due, it.Company.Name, it.Company.NIT, ref.Obligation, ref.Period, installment,
			a.Title, ref.State, ref.Source, string(a.EffectivePriority), state, strconv.FormatInt(a.ID, 10)})
	}
	if err := writeCSV(w, CalendarExportColumns, rows); err != nil {
		return fmt.Errorf("write calendar CSV: %w", err)
	}
	return nil
}
