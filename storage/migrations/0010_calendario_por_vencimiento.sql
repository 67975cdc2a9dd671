-- The «Calendario» view (tens of thousands of calendar alerts) lists a page
-- of them by due date, then company name, then ID, and counts what its
-- filters select (storage/calendaritems.go). This index holds the calendar
-- alerts alone, by due date: a page walks it in order and stops once it has
-- its rows (sorting only the alerts of one day by company name), and the
-- count reads it alone, every filter but the company's being one of its
-- columns. A company's few alerts come from alertas_calendario.
CREATE INDEX alertas_calendario_por_vencimiento ON alertas (vence_el, abierta, obligacion, empresa_id)
    WHERE origen = 'calendario';
